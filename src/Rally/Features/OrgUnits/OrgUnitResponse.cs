using System.Linq.Expressions;

namespace Rally.Features.OrgUnits;

public sealed record OrgUnitResponse(
    int Id, string Code, string Name, string ShortName, string? Town, string Kind, string KindName,
    int? ParentId, string? Parent, string Path, int Depth, DateTimeOffset? ArchivedAt, int Version)
{
    public static readonly Expression<Func<OrgUnit, OrgUnitResponse>> Project = u => new OrgUnitResponse(
        u.Id, u.Code, u.Name, u.ShortName, u.Town, u.Kind.Code, u.Kind.Name,
        u.ParentId, u.Parent == null ? null : u.Parent.Code, u.Path, u.Depth, u.ArchivedAt, u.Version);
}

static class OrgUnitLookup
{
    /// <summary>Finds a unit by id or by code within <paramref name="units"/> (already scoped by the caller).</summary>
    public static IQueryable<OrgUnit> ByIdOrCode(this IQueryable<OrgUnit> units, string idOrCode) =>
        int.TryParse(idOrCode, out var id) ? units.Where(u => u.Id == id || u.Code == idOrCode) : units.Where(u => u.Code == idOrCode);
}
