using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>Inspections of targets within the caller's grants, filtered, sorted and paged in the database.</summary>
public static class ListInspections
{
    public sealed record Query(string? Stage = null, int? TargetId = null, int? ControlGroupId = null, int? Page = null, int? PageSize = null, string? Sort = null);

    public static readonly IReadOnlyList<string> SortKeys = ["plannedOn", "id", "target"];

    public static async Task<Outcome<PagedList<InspectionResponse>>> RunAsync(RallyDb db, Caller caller, Query q, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, q.Page, q.PageSize);
        var sort = Paging.Sort(errors, q.Sort, "plannedOn", SortKeys);
        if (q.Stage is { } stage && !InspectionStages.All.Contains(stage)) errors.Add("stage", $"stage must be one of {string.Join(", ", InspectionStages.All)}.");
        if (errors.Any || sort is not { } order) return Outcome<PagedList<InspectionResponse>>.Invalid(errors);
        var inspections = (await InspectionAccess.InspectionsAsync(db, caller, Roles.Viewer, ct)).AsNoTracking();
        if (q.Stage is not null) inspections = inspections.Where(i => i.Stage == q.Stage);
        if (q.TargetId is { } t) inspections = inspections.Where(i => i.TargetId == t);
        if (q.ControlGroupId is { } g) inspections = inspections.Where(i => i.ControlGroupId == g);
        var ordered = order.Key switch
        {
            "id" => inspections.SortBy(i => i.Id, order.Descending),
            "target" => inspections.SortBy(i => i.Target.Name, order.Descending),
            _ => inspections.SortBy(i => i.PlannedOn, order.Descending),
        };
        var page = await ordered.ThenBy(i => i.Id).Select(i => new { View = i, Findings = db.Findings.Count(f => f.InspectionId == i.Id) })
            .Select(x => new InspectionResponse(x.View.Id, x.View.TargetId, x.View.Target.Name, x.View.Target.Address, x.View.ControlGroupId, x.View.ControlGroup.Name,
                x.View.ChecklistId, x.View.Checklist.Code, x.View.PlannedOn, x.View.Stage, x.View.StartedAt, x.View.CompletedAt, x.View.Notes, x.Findings, x.View.Version))
            .ToPageAsync(q.Page, q.PageSize, ct);
        return Outcome<PagedList<InspectionResponse>>.Ok(page);
    }

    public static async Task<Outcome<InspectionDetail>> GetAsync(RallyDb db, Caller caller, int id, CancellationToken ct) =>
        await (await InspectionAccess.InspectionsAsync(db, caller, Roles.Viewer, ct)).AnyAsync(i => i.Id == id, ct)
            ? Outcome<InspectionDetail>.Ok(await InspectionDetail.LoadAsync(db, id, ct))
            : Outcome<InspectionDetail>.NotFound($"There is no inspection {id}.");
}
