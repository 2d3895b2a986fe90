using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>
/// On site: start the inspection, record answers (saving answers starts a planned one), complete it
/// once every item is answered. Needs the organizer role on the target's unit; a completed
/// inspection takes no more answers.
/// </summary>
public static class ConductInspection
{
    public sealed record AnswerRequest(int? ItemId, string? Answer, string? Note);

    public sealed record AnswersRequest(IReadOnlyList<AnswerRequest>? Answers);

    /// <summary>Loads the inspection for a write: 404 outside the caller's view, 403 without the organizer role.</summary>
    internal static async Task<(Inspection? Inspection, Outcome<InspectionDetail>? Refusal)> ForWriteAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var inspection = await (await InspectionAccess.InspectionsAsync(db, caller, Roles.Viewer, ct)).Include(i => i.Target).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null) return (null, Outcome<InspectionDetail>.NotFound($"There is no inspection {id}."));
        if (!await InspectionAccess.CanAsync(caller, Roles.Organizer, inspection.Target.OrgUnitId, db, ct))
            return (null, Outcome<InspectionDetail>.Forbidden("Recording an inspection needs the organizer role on the target's unit."));
        return (inspection, null);
    }

    public static async Task<Outcome<InspectionDetail>> StartAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var (inspection, refusal) = await ForWriteAsync(db, caller, id, ct);
        if (refusal is not null) return refusal;
        if (inspection!.Stage != InspectionStages.Planned)
            return Outcome<InspectionDetail>.Conflict($"An inspection that is '{inspection.Stage}' cannot be moved to '{InspectionStages.InProgress}'.");
        Start(db, inspection);
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<InspectionDetail>.Stale();
        return Outcome<InspectionDetail>.Ok(await InspectionDetail.LoadAsync(db, id, ct));
    }

    static void Start(RallyDb db, Inspection inspection)
    {
        inspection.Stage = InspectionStages.InProgress;
        inspection.StartedAt = db.Actor.Clock.GetUtcNow();
        inspection.Version++;
    }

    public static async Task<Outcome<InspectionDetail>> AnswerAsync(RallyDb db, Caller caller, int id, AnswersRequest r, CancellationToken ct)
    {
        var (inspection, refusal) = await ForWriteAsync(db, caller, id, ct);
        if (refusal is not null) return refusal;
        if (inspection!.Stage == InspectionStages.Completed)
            return Outcome<InspectionDetail>.Conflict($"An inspection that is '{InspectionStages.Completed}' takes no more answers.");
        var items = await db.ChecklistItems.Where(i => i.ChecklistId == inspection.ChecklistId).Select(i => i.Id).ToListAsync(ct);
        var errors = new FieldErrors();
        if (r.Answers is not { Count: > 0 }) errors.Add("answers", "answers is required: [{itemId, answer: yes|no|n/a, note}].");
        for (var i = 0; r.Answers is not null && i < r.Answers.Count; i++)
        {
            var a = r.Answers[i];
            if (a?.ItemId is not { } item || !items.Contains(item)) errors.Add($"answers[{i}].itemId", "itemId must be an item of this inspection's checklist.");
            if (!InspectionRules.Answers.Contains(a?.Answer?.Trim().ToLowerInvariant() ?? "")) errors.Add($"answers[{i}].answer", "answer is yes, no or n/a.");
            errors.Length($"answers[{i}].note", a?.Note, 1000);
        }
        if (errors.Any) return Outcome<InspectionDetail>.Invalid(errors);
        var existing = await db.InspectionAnswers.Where(a => a.InspectionId == id).ToDictionaryAsync(a => a.ItemId, ct);
        foreach (var a in r.Answers!)
        {
            var answer = a.Answer!.Trim().ToLowerInvariant();
            var note = string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim();
            if (existing.TryGetValue(a.ItemId!.Value, out var row))
                (row.Answer, row.Note) = (answer, note);
            else
                db.InspectionAnswers.Add(existing[a.ItemId.Value] = new InspectionAnswer { InspectionId = id, ItemId = a.ItemId.Value, Answer = answer, Note = note });
        }
        if (inspection.Stage == InspectionStages.Planned) Start(db, inspection);
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<InspectionDetail>.Stale();
        return Outcome<InspectionDetail>.Ok(await InspectionDetail.LoadAsync(db, id, ct));
    }

    public static async Task<Outcome<InspectionDetail>> CompleteAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var (inspection, refusal) = await ForWriteAsync(db, caller, id, ct);
        if (refusal is not null) return refusal;
        if (inspection!.Stage != InspectionStages.InProgress)
            return Outcome<InspectionDetail>.Conflict($"An inspection that is '{inspection.Stage}' cannot be moved to '{InspectionStages.Completed}'.");
        var unanswered = await db.ChecklistItems.CountAsync(i => i.ChecklistId == inspection.ChecklistId
            && !db.InspectionAnswers.Any(a => a.InspectionId == id && a.ItemId == i.Id), ct);
        if (unanswered > 0)
            return Outcome<InspectionDetail>.Invalid("answers", $"{unanswered} checklist item(s) have no answer yet; answer every item (n/a where it does not apply) before completing.");
        inspection.Stage = InspectionStages.Completed;
        inspection.CompletedAt = db.Actor.Clock.GetUtcNow();
        inspection.Version++;
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<InspectionDetail>.Stale();
        return Outcome<InspectionDetail>.Ok(await InspectionDetail.LoadAsync(db, id, ct));
    }
}
