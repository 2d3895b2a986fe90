using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Bodies;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>Plans an inspection of a target by a control group with a checklist; needs the officer role on the target's unit.</summary>
public static class PlanInspection
{
    public sealed record Request(int? TargetId, int? ControlGroupId, string? Checklist, DateOnly? PlannedOn, string? Notes);

    public static async Task<Outcome<InspectionDetail>> RunAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Length("notes", r.Notes, 4000);
        InspectionTarget? target = null;
        if (r.TargetId is not { } targetId) errors.Add("targetId", "targetId is required.");
        else
        {
            target = await (await InspectionAccess.TargetsAsync(db, caller, Roles.Viewer, ct)).AsNoTracking().FirstOrDefaultAsync(t => t.Id == targetId && t.ArchivedAt == null, ct);
            if (target is null) errors.Add("targetId", $"There is no inspection target {targetId}.");
        }
        if (r.ControlGroupId is not { } groupId) errors.Add("controlGroupId", "controlGroupId is required: a body of kind control-group.");
        else if (!await db.Bodies.AnyAsync(b => b.Id == groupId && b.ArchivedAt == null && b.Kind.Code == BodyKind.ControlGroup, ct))
            errors.Add("controlGroupId", $"There is no control group {groupId} (a body of kind {BodyKind.ControlGroup}).");
        int? checklistId = null;
        if (string.IsNullOrWhiteSpace(r.Checklist)) errors.Add("checklist", "checklist is required (its code or id).");
        else
        {
            var key = r.Checklist.Trim();
            var byId = int.TryParse(key, out var n) ? n : -1;
            checklistId = await db.Checklists.Where(c => (c.Code == key || c.Id == byId) && c.ArchivedAt == null).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (checklistId is null) errors.Add("checklist", $"There is no checklist '{key}'.");
        }
        if (r.PlannedOn is null) errors.Add("plannedOn", "plannedOn is required (yyyy-MM-dd).");
        if (errors.Any) return Outcome<InspectionDetail>.Invalid(errors);
        if (!await InspectionAccess.CanAsync(caller, Roles.Officer, target!.OrgUnitId, db, ct))
            return Outcome<InspectionDetail>.Forbidden("Planning an inspection needs the officer role on the target's unit.");

        var inspection = new Inspection
        {
            TargetId = target.Id, ControlGroupId = r.ControlGroupId!.Value, ChecklistId = checklistId!.Value, PlannedOn = r.PlannedOn!.Value,
            Stage = InspectionStages.Planned, Notes = string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim(),
            CreatedAt = db.Actor.Clock.GetUtcNow(), CreatedBy = db.Actor.Name,
        };
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return Outcome<InspectionDetail>.Ok(await InspectionDetail.LoadAsync(db, inspection.Id, ct));
    }
}
