using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>
/// Ends an assignment (or moves its end): the last day held and why. Officers of the body's unit,
/// under optimistic concurrency. Moving an end later re-checks the member's overlaps and the seats.
/// </summary>
public static class EndAssignment
{
    /// <param name="EndsOn">yyyy-MM-dd, the last day held.</param>
    /// <param name="EndReason">Term expired, resigned, recalled, ...</param>
    public sealed record Request(string? EndsOn, string? EndReason);

    public static async Task<Outcome<AssignmentView>> RunAsync(RallyDb db, Caller caller, long id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var bodies = (await BodyAccess.VisibleAsync(db, caller, Roles.Viewer, ct)).Select(b => b.Id);
        var row = await db.Assignments.Where(a => a.Id == id && bodies.Contains(a.Post.BodyId))
            .Select(a => new { Assignment = a, a.Post.Seats, a.Post.Body.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (row is null) return Outcome<AssignmentView>.NotFound("There is no such assignment.");
        if (!await caller.CanAsync(Roles.Officer, row.Path, ct))
            return Outcome<AssignmentView>.Forbidden("Ending an assignment needs the officer role on the body's unit.");
        var assignment = row.Assignment;
        if (expectedVersion is { } v && v != assignment.Version) return Outcome<AssignmentView>.Stale();

        var errors = new FieldErrors();
        DateOnly endsOn = default;
        if (string.IsNullOrWhiteSpace(r.EndsOn)) errors.Add("endsOn", "endsOn is required: the last day the member holds the post.");
        else if (!IsoDate.TryParse(r.EndsOn, out endsOn)) errors.Add("endsOn", "endsOn must be a date written yyyy-MM-dd, e.g. 1919-09-30.");
        else if (endsOn < assignment.StartsOn) errors.Add("endsOn", $"endsOn ({endsOn:yyyy-MM-dd}) cannot be before startsOn ({assignment.StartsOn:yyyy-MM-dd}).");
        errors.Length("endReason", r.EndReason?.Trim(), 200);
        if (errors.Any) return Outcome<AssignmentView>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (assignment.EndsOn is { } before && endsOn > before)
        {
            await BodyAccess.LockPostAsync(db, assignment.PostId, ct);
            var postId = assignment.PostId;
            var rung = await db.Posts.Where(p => p.Id == postId).Select(p => p.Rung.Position).FirstAsync(ct);
            await AssignMember.CheckAsync(db, postId, row.Seats, rung, assignment.MemberId, before.AddDays(1), endsOn, id, errors, ct, ladder: false);
            if (errors.Any) return Outcome<AssignmentView>.Invalid(errors);
        }
        assignment.EndsOn = endsOn;
        assignment.EndReason = string.IsNullOrWhiteSpace(r.EndReason) ? assignment.EndReason : r.EndReason.Trim();
        if (db.ChangeTracker.HasChanges())
        {
            assignment.Version++;
            db.AuditAction = "end";
            if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<AssignmentView>.Stale();
        }
        await tx.CommitAsync(ct);
        return Outcome<AssignmentView>.Ok(await AssignmentView.OneAsync(db, id, ct));
    }
}
