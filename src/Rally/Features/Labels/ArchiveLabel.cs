using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Labels;

/// <summary>
/// Archives an entry: it leaves the pick lists but stays, with the records that use it, in the
/// database. Nothing is destroyed. Federation-wide administrators only.
/// </summary>
public static class ArchiveLabel
{
    /// <param name="list">Which list: it picks the table.</param>
    public static async Task<Outcome<LabelView>> RunAsync<T>(LabelList<T> list, RallyDb db, Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
        where T : Label, new()
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<LabelView>.Forbidden();
        var label = await db.Set<T>().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (label is null) return Outcome<LabelView>.NotFound();
        if (expectedVersion is not null && expectedVersion != label.Version) return Outcome<LabelView>.Stale();
        if (label.ArchivedAt is not null) return Outcome<LabelView>.Ok(LabelView.Of(label));

        label.ArchivedAt = clock.GetUtcNow();
        label.Version++;
        db.AuditAction = "archive";
        if (!await db.SaveUnlessStaleAsync(ct))
            return Outcome<LabelView>.Stale();
        return Outcome<LabelView>.Ok(LabelView.Of(label));
    }
}
