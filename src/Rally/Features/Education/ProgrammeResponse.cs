using System.Linq.Expressions;

namespace Rally.Features.Education;

public sealed record ProgrammeResponse(
    int Id, string Name, string Kind, string KindName, string OrgUnit, string OrgUnitName, string? Description, decimal CompletionShare,
    DateOnly StartsOn, DateOnly? EndsOn, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ArchivedAt, int Version)
{
    public static readonly Expression<Func<Programme, ProgrammeResponse>> Project = p => new ProgrammeResponse(
        p.Id, p.Name, p.Kind.Code, p.Kind.Name, p.OrgUnit.Code, p.OrgUnit.Name, p.Description, p.CompletionShare,
        p.StartsOn, p.EndsOn, p.CreatedAt, p.CreatedBy, p.ArchivedAt, p.Version);
}
