using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Ladder;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>
/// The one way a member comes to hold a post, for the API and the pages alike. It checks, in
/// order: the post and the member exist for the caller (404), the caller is an officer of the
/// body's unit (403), the dates, the member's own overlapping spells on the post, the seats on
/// every day of the new spell, and the ladder's conditions on the start date. Unmet ladder
/// conditions refuse it unless an officer writes a justification; then it is saved with the
/// justification and the conditions it overrode, and audited as an override.
/// </summary>
public static class AssignMember
{
    /// <param name="StartsOn">yyyy-MM-dd, the first day held.</param>
    /// <param name="EndsOn">yyyy-MM-dd, the last day held; left out while it goes on.</param>
    /// <param name="OverrideJustification">Why the member should take the post despite unmet ladder conditions.</param>
    public sealed record Request(int? MemberId, string? StartsOn, string? EndsOn = null, string? OverrideJustification = null);

    /// <summary>The outcome, and every unmet ladder condition when that is why it was refused.</summary>
    public sealed record Result(Outcome<AssignmentView> Outcome, IReadOnlyList<UnmetCondition> Unmet);

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, int postId, Request r, CancellationToken ct)
    {
        var bodies = (await BodyAccess.VisibleAsync(db, caller, Roles.Viewer, ct)).Select(b => b.Id);
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId && bodies.Contains(p.BodyId))
            .Select(p => new { p.Id, p.Seats, p.ArchivedAt, BodyArchivedAt = p.Body.ArchivedAt, UnitPath = p.Body.OrgUnit.Path, UnitName = p.Body.OrgUnit.Name, Rung = p.Rung.Position })
            .FirstOrDefaultAsync(ct);
        if (post is null) return Refused(Outcome<AssignmentView>.NotFound("There is no such post."));
        if (r.MemberId is not { } memberId) return Refused(Outcome<AssignmentView>.Invalid("memberId", "memberId is required."));
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.Id, m.OrgUnit.Path, m.ArchivedAt, m.ErasedAt }).FirstOrDefaultAsync(ct);
        if (member is null) return Refused(Outcome<AssignmentView>.NotFound("There is no such member."));
        if (!await caller.CanAsync(Roles.Officer, post.UnitPath, ct))
            return Refused(Outcome<AssignmentView>.Forbidden("Assigning members to posts needs the officer role on the body's unit."));
        if (post.ArchivedAt is not null || post.BodyArchivedAt is not null)
            return Refused(Outcome<AssignmentView>.Conflict("The post or its body is archived; nobody can be assigned to it."));
        if (member.ErasedAt is not null)
            return Refused(Outcome<AssignmentView>.Conflict("This member's personal data has been erased; they cannot be assigned."));

        var errors = new FieldErrors();
        if (member.ArchivedAt is not null) errors.Add("memberId", "The member is archived.");
        else if (!OrgPath.Contains(post.UnitPath, member.Path)) errors.Add("memberId", $"The member does not belong to {post.UnitName} or a unit under it, which fills this body's posts.");
        var (startsOn, endsOn) = Dates(r.StartsOn, r.EndsOn, errors);
        if (errors.Any) return Refused(Outcome<AssignmentView>.Invalid(errors));
        var justification = r.OverrideJustification?.Trim();
        if (r.OverrideJustification is not null && justification!.Length < AssignmentRules.MinJustificationLength)
            errors.Add("overrideJustification", justification.Length == 0
                ? "overrideJustification cannot be blank: write why the member should take the post despite the unmet conditions."
                : $"overrideJustification must say why in at least {AssignmentRules.MinJustificationLength} characters.");
        else errors.Length("overrideJustification", justification, 4000);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await BodyAccess.LockPostAsync(db, postId, ct);
        var unmet = await CheckAsync(db, postId, post.Seats, post.Rung, memberId, startsOn, endsOn, exceptId: null, errors, ct);
        if (unmet.Count > 0 && r.OverrideJustification is null)
            foreach (var u in unmet) errors.Add("memberId", u.Message);
        // A refusal still says which conditions are unmet, so a page can ask for (or correct) the justification.
        if (errors.Any) return new(Outcome<AssignmentView>.Invalid(errors), unmet);

        var assignment = new Assignment
        {
            PostId = postId, MemberId = memberId, StartsOn = startsOn, EndsOn = endsOn, CreatedAt = db.Actor.Clock.GetUtcNow(), CreatedBy = caller.Name, Version = 1,
        };
        if (unmet.Count > 0)
        {
            // Only an unmet condition makes it an override; a justification for nothing is not kept.
            assignment.OverrideJustification = justification;
            assignment.UnmetConditions = AssignmentView.WriteConditions(unmet);
            db.AuditAction = "override";
        }
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(Outcome<AssignmentView>.Ok(await AssignmentView.OneAsync(db, assignment.Id, ct)), []);
    }

    static Result Refused(Outcome<AssignmentView> outcome) => new(outcome, []);

    static (DateOnly StartsOn, DateOnly? EndsOn) Dates(string? starts, string? ends, FieldErrors errors)
    {
        DateOnly startsOn = default;
        DateOnly? endsOn = null;
        if (string.IsNullOrWhiteSpace(starts)) errors.Add("startsOn", "startsOn is required.");
        else if (!IsoDate.TryParse(starts, out startsOn)) errors.Add("startsOn", "startsOn must be a date written yyyy-MM-dd, e.g. 1919-03-01.");
        if (!string.IsNullOrWhiteSpace(ends))
        {
            if (!IsoDate.TryParse(ends, out var e)) errors.Add("endsOn", "endsOn must be a date written yyyy-MM-dd, e.g. 1919-09-30.");
            else if (startsOn != default && e < startsOn) errors.Add("endsOn", $"endsOn ({e:yyyy-MM-dd}) cannot be before startsOn ({startsOn:yyyy-MM-dd}).");
            else endsOn = e;
        }
        return (startsOn, endsOn);
    }

    /// <summary>
    /// The member's other spells on the post and the seats (as field errors), and the ladder's
    /// unmet conditions on <paramref name="startsOn"/> (returned). Shared with ending, which
    /// re-checks overlaps and seats when an end moves later.
    /// </summary>
    internal static async Task<IReadOnlyList<UnmetCondition>> CheckAsync(RallyDb db, int postId, int seats, int rung, int memberId,
        DateOnly startsOn, DateOnly? endsOn, long? exceptId, FieldErrors errors, CancellationToken ct, bool ladder = true)
    {
        var held = await db.Assignments.AsNoTracking()
            .Where(a => a.PostId == postId && a.Id != exceptId && (a.EndsOn == null || a.EndsOn >= startsOn) && (endsOn == null || a.StartsOn <= endsOn))
            .Select(a => new { a.MemberId, a.StartsOn, a.EndsOn }).ToListAsync(ct);
        if (held.FirstOrDefault(h => h.MemberId == memberId) is { } own)
            errors.Add("startsOn", $"The member already holds this post from {own.StartsOn:yyyy-MM-dd}{(own.EndsOn is { } e ? $" to {e:yyyy-MM-dd}" : "")}, overlapping these dates.");
        else
        {
            var (peak, on) = AssignmentRules.Peak(held.Select(h => (h.StartsOn, h.EndsOn)), startsOn, endsOn);
            if (peak >= seats)
                errors.Add("seats", $"The post has {seats} seat{(seats == 1 ? "" : "s")}, all held on {on:yyyy-MM-dd}; end an assignment or choose other dates.");
        }
        if (!ladder) return [];
        var requirement = (await LadderRecords.RungsAsync(db, ct)).First(x => x.Position == rung);
        var record = (await LadderRecords.ForAsync(db, [memberId], startsOn, ct))[memberId];
        return LadderRule.Check(requirement, record, startsOn).Unmet;
    }
}
