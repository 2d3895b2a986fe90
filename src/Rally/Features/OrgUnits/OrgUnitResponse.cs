using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.Web;

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

    /// <summary>
    /// The unit a write attaches something to, by id or code: required, not archived, and one the caller can see (units
    /// outside the caller's grants are unknown, the same as ones that do not exist). A problem is an error on orgUnit.
    /// </summary>
    public static async Task<OrgUnit?> RequiredAsync(Caller caller, string? code, FieldErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add("orgUnit", "orgUnit is required.");
            return null;
        }
        var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(code.Trim()).FirstOrDefaultAsync(u => u.ArchivedAt == null, ct);
        if (unit is null) errors.Add("orgUnit", $"There is no org unit '{code}'.");
        return unit;
    }
}
