using System.Linq.Expressions;

namespace Rally.Features.StructureTests;

public sealed record StructureTestResponse(
    int Id, string Name, string Kind, string? Description, string OrgUnit, string OrgUnitName, decimal TargetShare,
    DateOnly StartsOn, DateOnly Deadline, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ArchivedAt, int Version)
{
    public static readonly Expression<Func<StructureTest, StructureTestResponse>> Project = t => new StructureTestResponse(
        t.Id, t.Name, t.Kind, t.Description, t.OrgUnit.Code, t.OrgUnit.Name, t.TargetShare,
        t.StartsOn, t.Deadline, t.CreatedAt, t.CreatedBy, t.ArchivedAt, t.Version);
}
