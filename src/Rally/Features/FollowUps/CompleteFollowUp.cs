using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.FollowUps;

/// <summary>Marks a follow-up done: its assignee, or an officer over the member's unit. Done twice is still done.</summary>
public static class CompleteFollowUp
{
    public static async Task<Outcome<FollowUpView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, long id, CancellationToken ct)
    {
        var members = await caller.MembersAsync(Roles.Viewer, ct);
        var row = await (from f in db.FollowUps
                         join m in members on f.MemberId equals m.Id
                         where f.Id == id
                         select new { FollowUp = f, m.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (row is null) return Outcome<FollowUpView>.NotFound();
        var mine = row.FollowUp.AssigneeId == caller.UserId && await caller.CanAsync(Roles.Organizer, row.Path, ct);
        if (!mine && !await caller.CanAsync(Roles.Officer, row.Path, ct))
            return Outcome<FollowUpView>.Forbidden("Only the assignee, or an officer over the member's union or branch, can mark this follow-up done.");
        if (row.FollowUp.DoneAt is null)
        {
            row.FollowUp.DoneAt = clock.GetUtcNow();
            row.FollowUp.DoneBy = caller.Name;
            row.FollowUp.Version++;
            db.AuditAction = "done";
            if (!await db.SaveUnlessStaleAsync(ct))
                return Outcome<FollowUpView>.Stale();
        }
        return Outcome<FollowUpView>.Ok(await ListFollowUps.ViewAsync(db, clock, id, ct));
    }
}
