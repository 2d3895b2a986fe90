using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Features.Imports;

/// <summary>
/// An officer decides an uncertain match: <c>merge</c> the row into the candidate member (their
/// before-image is kept under the batch, so a rollback undoes it), <c>create</c> a new member from
/// the row (marked as inserted by the batch), or <c>dismiss</c> the row.
/// </summary>
public static class ResolveReview
{
    public const string Merge = "merge", Create = "create", Dismiss = "dismiss";
    public static readonly IReadOnlyList<string> Resolutions = [Merge, Create, Dismiss];

    public sealed record Request(string? Resolution);

    public static async Task<Outcome<ImportReviewResponse>> RunAsync(RallyDb db, Caller caller, long id, Request request, CancellationToken ct)
    {
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).Select(m => m.Id);
        var review = await db.ImportReviews.FirstOrDefaultAsync(r => r.Id == id && members.Contains(r.CandidateMemberId), ct);
        if (review is null) return Outcome<ImportReviewResponse>.NotFound($"No import review {id}.");
        var candidate = await db.Members.Include(m => m.OrgUnit).FirstAsync(m => m.Id == review.CandidateMemberId, ct);
        if (!await caller.CanAsync(Roles.Officer, candidate.OrgUnit.Path, ct)) return Outcome<ImportReviewResponse>.Forbidden("Resolving an import review needs the officer role on the candidate member's unit.");
        var resolution = request.Resolution?.Trim().ToLowerInvariant();
        if (resolution is null || !Resolutions.Contains(resolution))
            return Outcome<ImportReviewResponse>.Invalid("resolution", $"resolution must be one of {string.Join(", ", Resolutions)}.");
        if (review.Resolution is not null) return Outcome<ImportReviewResponse>.Conflict($"Import review {id} is already resolved ({review.Resolution}).");
        var batch = await db.ImportBatches.FirstAsync(b => b.Id == review.BatchId, ct);
        if (batch.Status == ImportStatuses.RolledBack) return Outcome<ImportReviewResponse>.Conflict($"Import {batch.Id} was rolled back.");

        var clock = db.Actor.Clock;
        var actor = await ImportActor.ForCallerAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (resolution != Dismiss)
        {
            var row = await ParseAsync(db, actor, review, ct);
            if (!row.Valid) return Outcome<ImportReviewResponse>.Invalid(row.ErrorColumn ?? "row", row.Error!);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var reason = $"import {batch.Id}";
            if (resolution == Merge)
            {
                if (!await db.ImportUpdates.AnyAsync(u => u.BatchId == batch.Id && u.MemberId == candidate.Id, ct))
                    db.ImportUpdates.Add(new ImportUpdate { BatchId = batch.Id, MemberId = candidate.Id, Before = Image(candidate).ToJson() });
                if (row.Status is { } s && s != candidate.Status)
                {
                    if (!MemberRules.CanMove(candidate.Status, s))
                        return Outcome<ImportReviewResponse>.Invalid(MemberCsv.Status, $"A member who is {candidate.Status} cannot become {s}.");
                    db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = candidate.Id, FromStatus = candidate.Status, ToStatus = s, EffectiveOn = today, Reason = reason, RecordedBy = caller.Name, RecordedAt = clock.GetUtcNow() });
                    (candidate.Status, candidate.StatusSince) = (s, today);
                }
                candidate.FirstName = row.GivenName!;
                candidate.LastName = row.FamilyName!;
                candidate.Patronymic = row.MiddleName ?? candidate.Patronymic;
                candidate.Email = row.Email ?? candidate.Email;
                candidate.Phone = row.Phone ?? candidate.Phone;
                candidate.DateOfBirth = row.DateOfBirth ?? candidate.DateOfBirth;
                candidate.Trade = row.Trade ?? candidate.Trade;
                candidate.CategoryId = row.CategoryId ?? candidate.CategoryId;
                candidate.OrgUnitId = row.OrgUnitId ?? candidate.OrgUnitId;
                candidate.WorkplaceId = row.WorkplaceId ?? candidate.WorkplaceId;
                MemberRules.SetKeys(candidate);
                candidate.UpdatedAt = clock.GetUtcNow();
                candidate.Version++;
            }
            else
            {
                if (row.OrgUnitId is null) return Outcome<ImportReviewResponse>.Invalid(MemberCsv.OrgUnit, "org_unit is required for a new member.");
                if (row.CategoryId is null) return Outcome<ImportReviewResponse>.Invalid(MemberCsv.Category, "category is required for a new member.");
                var number = row.MembershipNumber ?? $"I{batch.Id}-{review.RowNumber}";
                if (await db.Members.AnyAsync(m => m.MembershipNumber == number, ct))
                    return Outcome<ImportReviewResponse>.Conflict($"Membership number {number} is already taken; merge the row or dismiss it.");
                var status = row.Status ?? MemberRules.Active;
                var joined = row.JoinedOn ?? today;
                var member = new Member
                {
                    MembershipNumber = number, FirstName = row.GivenName!, Patronymic = row.MiddleName, LastName = row.FamilyName!, Email = row.Email,
                    Phone = row.Phone, DateOfBirth = row.DateOfBirth, CategoryId = row.CategoryId.Value, Trade = row.Trade, OrgUnitId = row.OrgUnitId.Value,
                    WorkplaceId = row.WorkplaceId, Status = status, StatusSince = status is MemberRules.Active or MemberRules.Applicant ? joined : today,
                    CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow(), ImportBatchId = batch.Id,
                };
                MemberRules.SetKeys(member);
                db.Members.Add(member);
                await db.SaveChangesAsync(ct);
                db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = member.Id, ToStatus = status, EffectiveOn = member.StatusSince, Reason = reason, RecordedBy = caller.Name, RecordedAt = clock.GetUtcNow() });
            }
        }
        review.Resolution = resolution;
        review.ResolvedAt = clock.GetUtcNow();
        review.ResolvedBy = caller.Name;
        review.Version++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ImportReviewResponse>.Ok(ImportQueries.ToResponse(review));
    }

    static MemberImage Image(Member m) => new(m.Id, m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName, m.Email, m.Phone, m.DateOfBirth,
        m.CategoryId, m.Trade, m.OrgUnitId, m.WorkplaceId, m.Status, m.StatusSince);

    /// <summary>The stored row checked again, as the import checked it (units and categories may have changed since).</summary>
    static async Task<ImportRow> ParseAsync(RallyDb db, ImportActor actor, ImportReview review, CancellationToken ct)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(review.Row) ?? [];
        var (columns, _) = ImportColumns.Resolve(MemberCsv.Columns, null);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new ImportUnit(u.Id, u.Code, u.Path)).ToListAsync(ct);
        var categories = new Dictionary<string, (int, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(ct))
        {
            categories.TryAdd(c.Code, (c.Id, c.Code));
            categories.TryAdd(c.Name, (c.Id, c.Code));
        }
        var parser = new ImportRowParser(columns!, units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase), categories, null, actor,
            DateOnly.FromDateTime(db.Actor.Clock.GetUtcNow().UtcDateTime));
        return parser.Parse(review.RowNumber, MemberCsv.Columns.Select(c => values.GetValueOrDefault(c) ?? "").ToList());
    }
}
