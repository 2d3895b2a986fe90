using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

/// <summary>Archives a unit (never destroys it); refused while it still has active children or members.</summary>
public static class ArchiveOrgUnit
{
    public static async Task<Outcome<OrgUnitResponse>> RunAsync(RallyDb db, Caller caller, string idOrCode, int? expectedVersion, CancellationToken ct)
    {
        var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).ByIdOrCode(idOrCode).FirstOrDefaultAsync(ct);
        if (unit is null) return Outcome<OrgUnitResponse>.NotFound($"There is no org unit '{idOrCode}'.");
        if (!await caller.CanAsync(Roles.Officer, unit.Path, ct)) return Outcome<OrgUnitResponse>.Forbidden("Archiving this unit needs the officer role on it.");
        if (expectedVersion is { } v && v != unit.Version) return Outcome<OrgUnitResponse>.Stale();
        if (unit.ArchivedAt is null)
        {
            var children = await db.OrgUnits.CountAsync(u => u.ParentId == unit.Id && u.ArchivedAt == null, ct);
            var members = await db.Members.CountAsync(m => (m.OrgUnitId == unit.Id || m.WorkplaceId == unit.Id) && m.ArchivedAt == null, ct);
            if (children > 0 || members > 0)
                return Outcome<OrgUnitResponse>.Conflict($"{unit.Name} still has {children} active sub-units and {members} active members; move or archive them first.");
            unit.ArchivedAt = db.Actor.Clock.GetUtcNow();
            unit.Version++;
            db.AuditAction = "archive";
            await db.SaveChangesAsync(ct);
        }
        return Outcome<OrgUnitResponse>.Ok(await db.OrgUnits.AsNoTracking().Where(u => u.Id == unit.Id).Select(OrgUnitResponse.Project).FirstAsync(ct));
    }
}
