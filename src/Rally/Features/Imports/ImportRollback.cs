using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Rally.Data;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Features.Imports;

/// <summary>
/// Undoes a batch as a whole: the members it updated get their before-images back (with the
/// status changes it recorded removed), the members it inserted are deleted with their status
/// history, and the batch is marked rolled back — one audit entry. It refuses (409, one line)
/// rather than destroy later work: when anything recorded after the import refers to a member it
/// inserted (a conversation, an assessment, an admission, a later import...), or when a member it
/// touched was changed after it, or when a later batch that is not rolled back updated the same members.
/// </summary>
public static class ImportRollback
{
    public static async Task<Outcome<ImportBatch>> RunAsync(RallyDb db, ImportActor actor, int batchId, CancellationToken ct)
    {
        var batch = await db.ImportBatches.Include(b => b.IntoOrgUnit).FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || !Visible(actor, batch)) return Outcome<ImportBatch>.NotFound($"No import {batchId}.");
        if (batch.Status == ImportStatuses.RolledBack) return Outcome<ImportBatch>.Conflict($"Import {batchId} is already rolled back.");
        if (batch.Status != ImportStatuses.Completed) return Outcome<ImportBatch>.Conflict($"Import {batchId} did not complete.");
        var clock = db.Actor.Clock;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var store = new ImportStore(db);
            var finished = batch.FinishedAt ?? batch.StartedAt;
            // Reviews resolved since are part of the batch (a merge touches the member then).
            var lastResolved = await db.ImportReviews.Where(r => r.BatchId == batchId && r.ResolvedAt != null).MaxAsync(r => r.ResolvedAt, ct);
            if (lastResolved > finished) finished = lastResolved.Value;
            var inserted = "SELECT \"Id\" FROM \"Members\" WHERE \"ImportBatchId\" = @p0";
            var updated = "SELECT \"MemberId\" FROM \"ImportUpdates\" WHERE \"BatchId\" = @p0";
            // Anything else that points at an inserted member was recorded after the import.
            foreach (var fk in db.Model.FindEntityType(typeof(Member))!.GetReferencingForeignKeys())
            {
                var dependent = fk.DeclaringEntityType;
                if (dependent.ClrType == typeof(MemberStatusChange) || dependent.ClrType == typeof(Member)) continue;
                var table = dependent.GetTableName();
                var column = fk.Properties[0].GetColumnName();
                var extra = dependent.ClrType == typeof(ImportReview) || dependent.ClrType == typeof(ImportUpdate) ? " AND \"BatchId\" <> @p0" : "";
                if (await store.ScalarAsync($"SELECT COUNT(*) FROM (SELECT 1 FROM \"{table}\" WHERE \"{column}\" IN ({inserted}){extra} LIMIT 1) x", ct, batchId) > 0)
                    return Outcome<ImportBatch>.Conflict($"Import {batchId} cannot be rolled back: members it inserted have since been referred to ({table}); archive them instead.");
            }
            if (await store.ScalarAsync($"SELECT COUNT(*) FROM \"MemberStatusChanges\" WHERE \"MemberId\" IN ({inserted}) AND (\"Reason\" IS NULL OR \"Reason\" <> @p1)", ct, batchId, $"import {batchId}") > 0)
                return Outcome<ImportBatch>.Conflict($"Import {batchId} cannot be rolled back: members it inserted have changed status since.");
            if (await store.ScalarAsync($"SELECT COUNT(*) FROM \"ImportUpdates\" WHERE \"BatchId\" > @p0 AND \"MemberId\" IN ({inserted} UNION {updated}) AND \"BatchId\" IN (SELECT \"Id\" FROM \"ImportBatches\" WHERE \"Status\" <> @p1)", ct, batchId, ImportStatuses.RolledBack) > 0)
                return Outcome<ImportBatch>.Conflict($"Import {batchId} cannot be rolled back: a later import changed the same members; roll that one back first.");
            var changedSince = await db.Members.Where(m => (m.ImportBatchId == batchId || db.ImportUpdates.Any(u => u.BatchId == batchId && u.MemberId == m.Id)) && m.UpdatedAt > finished)
                .Select(m => m.Id).FirstOrDefaultAsync(ct);
            if (changedSince != 0)
                return Outcome<ImportBatch>.Conflict($"Import {batchId} cannot be rolled back: member {changedSince} was changed after the import.");

            var images = await db.ImportUpdates.AsNoTracking().Where(u => u.BatchId == batchId).Select(u => u.Before).ToListAsync(ct);
            await store.RestoreAsync(images.Select(MemberImage.FromJson), clock.GetUtcNow(), ct);
            await store.ExecuteAsync("DELETE FROM \"MemberStatusChanges\" WHERE \"Reason\" = @p0", ct, $"import {batchId}");
            await store.ExecuteAsync($"DELETE FROM \"ImportReviews\" WHERE \"BatchId\" = @p0", ct, batchId);
            await store.ExecuteAsync($"DELETE FROM \"Members\" WHERE \"ImportBatchId\" = @p0", ct, batchId);
            await store.DisposeAsync();
            batch.Status = ImportStatuses.RolledBack;
            batch.RolledBackAt = clock.GetUtcNow();
            batch.RolledBackBy = actor.Name;
            batch.Version++;
            db.AuditAction = "rollback";
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome<ImportBatch>.Ok(batch);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>An import is the business of officers over its unit; one without a unit, of federation-wide officers.</summary>
    public static bool Visible(ImportActor actor, ImportBatch batch) =>
        actor.Paths is null || batch.IntoOrgUnit is { } unit && actor.Covers(unit.Path);
}
