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
    public sealed record Result(OrgUnitKindView? Kind, Refusal? Refusal = null);

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return new(null, Refusal.Forbidden);
        var kind = await db.OrgUnitKinds.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (kind is null) return new(null, Refusal.NotFound);
        if (expectedVersion is not null && expectedVersion != kind.Version) return new(null, Refusal.Stale);
        if (kind.ArchivedAt is not null) return new(OrgUnitKindView.Of(kind));

        kind.ArchivedAt = clock.GetUtcNow();
        kind.Version++;
        db.AuditAction = "archive";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, Refusal.Stale);
        }
        finally
        {
            db.AuditAction = null;
        }
        return new(OrgUnitKindView.Of(kind));
    }
}
