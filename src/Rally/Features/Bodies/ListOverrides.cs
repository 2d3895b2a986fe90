using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>
/// The overrides report: assignments made despite unmet ladder conditions, newest first — who
/// decided, when, for whom, to which post and rung, why, and what was overridden. Scoped to the
/// members the caller can see.
/// </summary>
public static class ListOverrides
{
    public static async Task<Outcome<PagedList<AssignmentView>>> RunAsync(RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<AssignmentView>>.Invalid(errors);
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).Select(m => m.Id);
        var rows = await AssignmentView.Project(db, db.Assignments.AsNoTracking().Where(a => a.OverrideJustification != null && members.Contains(a.MemberId)), AssignmentView.Order.LatestDecision)
            .ToPageAsync(page, pageSize, ct);
        return Outcome<PagedList<AssignmentView>>.Ok(new(rows.Items.Select(r => r.View()).ToList(), rows.Page, rows.PageSize, rows.Total));
    }
}
