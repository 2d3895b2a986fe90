using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Logbook;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>
/// Records a finding during an inspection (a planned one starts with it): severity (defaulting to the
/// failed item's), responsible body (defaulting to the target's), deadline from the severity. Its
/// first state is written to the finding's history and the logbook in the same transaction.
/// </summary>
public static class RecordFinding
{
    public sealed record Request(int? InspectionId, int? ItemId, string? Description, string? Severity, int? ResponsibleBodyId);

    public static async Task<Outcome<FindingDetail>> RunAsync(RallyDb db, Rally.Features.Accounts.Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        if (r.InspectionId is not { } inspectionId) return Outcome<FindingDetail>.Invalid("inspectionId", "inspectionId is required.");
        var (inspection, refusal) = await ConductInspection.ForWriteAsync(db, caller, inspectionId, ct);
        if (refusal is not null) return refusal.As<FindingDetail>();
        if (inspection!.Stage == InspectionStages.Completed)
            return Outcome<FindingDetail>.Conflict($"An inspection that is '{InspectionStages.Completed}' takes no more findings.");

        var errors = new FieldErrors();
        errors.Required("description", r.Description, 4000);
        ChecklistItem? item = null;
        if (r.ItemId is { } itemId)
        {
            item = await db.ChecklistItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId && i.ChecklistId == inspection.ChecklistId, ct);
            if (item is null) errors.Add("itemId", "itemId must be an item of this inspection's checklist.");
        }
        Severity? severity = null;
        if (!string.IsNullOrWhiteSpace(r.Severity))
        {
            severity = await db.Severities.AsNoTracking().FirstOrDefaultAsync(s => s.Code == r.Severity.Trim() && s.ArchivedAt == null, ct);
            if (severity is null) errors.Add("severity", $"There is no severity '{r.Severity}'.");
        }
        else if (item is not null) severity = await db.Severities.AsNoTracking().FirstAsync(s => s.Id == item.DefaultSeverityId, ct);
        else if (!errors.Any) errors.Add("severity", "severity is required (or an itemId whose default severity applies).");
        var bodyId = r.ResponsibleBodyId ?? inspection.Target.ResponsibleBodyId;
        if (bodyId is null) errors.Add("responsibleBodyId", "responsibleBodyId is required: the body that must fix it (the target names none).");
        else if (!await db.Bodies.AnyAsync(b => b.Id == bodyId && b.ArchivedAt == null, ct)) errors.Add("responsibleBodyId", $"There is no body {bodyId}.");
        if (errors.Any) return Outcome<FindingDetail>.Invalid(errors);

        var now = clock.GetUtcNow();
        var today = FindingRules.Today(clock);
        var initial = await db.FindingStates.AsNoTracking().Where(s => s.IsInitial && s.ArchivedAt == null).OrderBy(s => s.SortOrder).FirstAsync(ct);
        var finding = new Finding
        {
            InspectionId = inspection.Id, ItemId = item?.Id, Description = r.Description!.Trim(), SeverityId = severity!.Id, ResponsibleBodyId = bodyId!.Value,
            StateId = initial.Id, FoundOn = today, Deadline = FindingRules.Deadline(today, severity.DeadlineDays), StateSince = now,
            CreatedAt = now, CreatedBy = db.Actor.Name,
        };
        if (inspection.Stage == InspectionStages.Planned)
        {
            inspection.Stage = InspectionStages.InProgress;
            inspection.StartedAt = now;
            inspection.Version++;
        }
        var member = await InspectionAccess.CallerMemberAsync(db, caller, ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Findings.Add(finding);
            await db.SaveChangesAsync(ct);
            await FindingLog.AppendAsync(db, finding, null, (initial.Id, initial.Code), caller.UserId, member, null, null, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return Outcome<FindingDetail>.Ok(await FindingViews.DetailAsync(db, finding.Id, today, ct));
    }
}

/// <summary>
/// Writes a finding's step into its history and the tamper-evident logbook (inside the caller's transaction).
/// <paramref name="happenedAt"/> dates a step recorded after the fact (the demonstration set); the logbook keeps when it was written.
/// </summary>
static class FindingLog
{
    public const string Kind = "finding-state";

    public static async Task AppendAsync(RallyDb db, Finding finding, (int Id, string Code)? from, (int Id, string Code) to, string? userId, int? memberId,
        string? note, DateOnly? reinspectedOn, CancellationToken ct, DateTimeOffset? happenedAt = null)
    {
        var payload = JsonSerializer.Serialize(new
        {
            finding = finding.Id, inspection = finding.InspectionId, from = from?.Code, to = to.Code, severity = finding.SeverityId, responsibleBody = finding.ResponsibleBodyId,
            deadline = finding.Deadline.ToString("yyyy-MM-dd"), byMember = memberId, note, reinspectedOn = reinspectedOn?.ToString("yyyy-MM-dd"),
        });
        var entry = await Logbook.Logbook.AppendAsync(db, Kind, "Finding", finding.Id, payload, ct);
        db.FindingEvents.Add(new FindingEvent
        {
            FindingId = finding.Id, FromStateId = from?.Id, ToStateId = to.Id,
            At = happenedAt ?? entry.At, ByUserName = db.Actor.Name, ByUserId = userId, ByMemberId = memberId, Note = note, ReinspectedOn = reinspectedOn, LogbookSequence = entry.Sequence,
        });
    }
}
