using System.Linq.Expressions;

namespace Rally.Features.Bodies;

/// <summary>A body as the API and the pages show it.</summary>
public sealed record BodyView(int Id, string Name, string Kind, string KindName, string OrgUnit, string OrgUnitName, string OrgUnitPath,
    int? ParentBodyId, string? ParentBodyName, string? Description, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt, int Version)
{
    public static readonly Expression<Func<Body, BodyView>> Projection = b => new BodyView(
        b.Id, b.Name, b.Kind.Code, b.Kind.Name, b.OrgUnit.Code, b.OrgUnit.Name, b.OrgUnit.Path,
        b.ParentBodyId, b.ParentBody == null ? null : b.ParentBody.Name, b.Description, b.CreatedAt, b.ArchivedAt, b.Version);
}

/// <summary>A post with how many hold it today and how many seats are free.</summary>
public sealed record PostView(int Id, int BodyId, string BodyName, string Title, int Seats, int Rung, string RungName, int? TermMonths,
    int Held, int Free, DateTimeOffset? ArchivedAt, int Version);
