using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

/// <summary>
/// Archives a kind: it leaves the pick lists but stays, with the units of this kind,
/// in the database. Nothing is destroyed. Federation-wide administrators only.
/// </summary>
public static class ArchiveOrgUnitKind
{

    public static async Task<Outcome<OrgUnitKindView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<OrgUnitKindView>.Forbidden();
        var kind = await db.OrgUnitKinds.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (kind is null) return Outcome<OrgUnitKindView>.NotFound();
        if (expectedVersion is not null && expectedVersion != kind.Version) return Outcome<OrgUnitKindView>.Stale();
        if (kind.ArchivedAt is not null) return Outcome<OrgUnitKindView>.Ok(OrgUnitKindView.Of(kind));

        kind.ArchivedAt = clock.GetUtcNow();
        kind.Version++;
        db.AuditAction = "archive";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<OrgUnitKindView>.Stale();
        }
        finally
        {
            db.AuditAction = null;
        }
        return Outcome<OrgUnitKindView>.Ok(OrgUnitKindView.Of(kind));
    }
}
