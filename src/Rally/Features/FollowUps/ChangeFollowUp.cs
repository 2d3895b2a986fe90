using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.FollowUps;

/// <summary>An officer reschedules, rewords or reassigns a follow-up, under optimistic concurrency.</summary>
public static class ChangeFollowUp
{
    /// <summary>Fields left out (null) stay as they are.</summary>
    public sealed record Request(string? Action, string? DueOn, string? Assignee);

    public static async Task<Outcome<FollowUpView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, long id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var members = await caller.MembersAsync(Roles.Viewer, ct);
        var row = await (from f in db.FollowUps
                         join m in members on f.MemberId equals m.Id
                         where f.Id == id
                         select new { FollowUp = f, m.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (row is null) return Outcome<FollowUpView>.NotFound();
        if (!await caller.CanAsync(Roles.Officer, row.Path, ct))
            return Outcome<FollowUpView>.Forbidden("Changing or reassigning a follow-up needs the officer role over the member's union or branch.");
        var followUp = row.FollowUp;
        if (expectedVersion is not null && expectedVersion != followUp.Version) return Outcome<FollowUpView>.Stale();

        var errors = new FieldErrors();
        if (r.Action is not null) errors.Required("action", r.Action.Trim(), 500);
        var due = followUp.DueOn;
        if (r.DueOn is not null && !FollowUpRules.TryParseDue(r.DueOn, out due)) errors.Add("dueOn", "dueOn must be a date written yyyy-MM-dd, e.g. 1919-03-15.");
        string? assignee = null;
        if (r.Assignee is not null)
        {
            (assignee, var forbidden) = await CreateFollowUp.AssigneeAsync(db, caller, r.Assignee, row.Path, "assignee", errors, ct);
            if (forbidden is not null) return Outcome<FollowUpView>.Forbidden(forbidden);
        }
        if (errors.Any) return Outcome<FollowUpView>.Invalid(errors);

        if (r.Action is not null) followUp.Action = r.Action.Trim();
        followUp.DueOn = due;
        if (assignee is not null) followUp.AssigneeId = assignee;
        if (db.ChangeTracker.HasChanges())
        {
            followUp.Version++;
            db.AuditAction = r.Assignee is not null && db.Entry(followUp).Property(f => f.AssigneeId).IsModified ? "reassign" : null;
            if (!await db.SaveUnlessStaleAsync(ct))
                return Outcome<FollowUpView>.Stale();
        }
        return Outcome<FollowUpView>.Ok(await ListFollowUps.ViewAsync(db, clock, id, ct));
    }
}
