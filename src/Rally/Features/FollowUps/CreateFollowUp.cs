using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Conversations;
using Rally.Web;

namespace Rally.Features.FollowUps;

/// <summary>Schedules a next step with a member: it sits in the assignee's follow-ups (and queue) until done.</summary>
public static class CreateFollowUp
{
    /// <param name="DueOn">yyyy-MM-dd.</param>
    /// <param name="Assignee">A user id or e-mail address; the caller when left out. Assigning someone else needs the officer role.</param>
    public sealed record Request(string? Action, string? DueOn, string? Assignee);

    public static async Task<Outcome<FollowUpView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int memberId, Request r, CancellationToken ct)
    {
        var member = await OrganizingAccess.WriteAsync(caller, memberId, ct);
        if (!member.Succeeded) return member.As<FollowUpView>();
        var errors = new FieldErrors();
        var (followUp, forbidden) = await StageAsync(db, caller, clock, member.Value!, r, earliest: null, prefix: "", errors, ct);
        if (forbidden is not null) return Outcome<FollowUpView>.Forbidden(forbidden);
        if (errors.Any) return Outcome<FollowUpView>.Invalid(errors);
        db.FollowUps.Add(followUp!);
        await db.SaveChangesAsync(ct);
        return Outcome<FollowUpView>.Ok(await ListFollowUps.ViewAsync(db, clock, followUp!.Id, ct));
    }

    /// <summary>Checks a follow-up and builds it, unsaved and not yet added; field names get <paramref name="prefix"/> ("nextStep.").</summary>
    /// <param name="earliest">A date the due date may not precede (the day of the conversation it comes from).</param>
    internal static async Task<(FollowUp? FollowUp, string? Forbidden)> StageAsync(RallyDb db, Caller caller, TimeProvider clock, ScopedMember member, Request r,
        DateOnly? earliest, string prefix, FieldErrors errors, CancellationToken ct)
    {
        errors.Required(prefix + "action", r.Action?.Trim(), 500);
        if (string.IsNullOrWhiteSpace(r.DueOn)) errors.Add(prefix + "dueOn", $"{prefix}dueOn is required.");
        else if (!FollowUpRules.TryParseDue(r.DueOn, out var due)) errors.Add(prefix + "dueOn", $"{prefix}dueOn must be a date written yyyy-MM-dd, e.g. 1919-03-15.");
        else if (earliest is { } e && due < e) errors.Add(prefix + "dueOn", $"{prefix}dueOn cannot be before the conversation ({e:yyyy-MM-dd}).");
        var (assigneeId, forbidden) = await AssigneeAsync(db, caller, r.Assignee, member.UnitPath, prefix + "assignee", errors, ct);
        if (forbidden is not null || errors.Any) return (null, forbidden);
        FollowUpRules.TryParseDue(r.DueOn, out var dueOn);
        return (new FollowUp
        {
            MemberId = member.Id, AssigneeId = assigneeId!, DueOn = dueOn, Action = r.Action!.Trim(),
            CreatedAt = clock.GetUtcNow(), CreatedBy = caller.Name, Version = 1,
        }, null);
    }

    /// <summary>
    /// The user a follow-up goes to: the caller by default, or someone named by id or e-mail who can work
    /// with the member (organizer or above over the member's unit). Handing work to someone else is an officer's call.
    /// </summary>
    internal static async Task<(string? UserId, string? Forbidden)> AssigneeAsync(RallyDb db, Caller caller, string? reference, string memberPath, string field, FieldErrors errors, CancellationToken ct)
    {
        var text = reference?.Trim();
        if (string.IsNullOrEmpty(text) || text == "me" || text == caller.UserId) return (caller.UserId, null);
        if (!await caller.CanAsync(Roles.Officer, memberPath, ct))
            return (null, "Assigning a follow-up to someone else needs the officer role over the member's union or branch.");
        var upper = text.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => (u.Id == text || u.NormalizedEmail == upper) && u.DisabledAt == null).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            errors.Add(field, $"No active user has the id or e-mail address '{text}'.");
            return (null, null);
        }
        var grants = await db.RoleGrants.AsNoTracking().Where(g => g.UserId == user && g.RevokedAt == null)
            .Select(g => new Grant(g.Id, g.Role, g.OrgUnitId, g.OrgUnit == null ? null : g.OrgUnit.Path, null)).ToListAsync(ct);
        if (!AccessRules.Allows(grants, Roles.Organizer, memberPath))
        {
            errors.Add(field, "That user cannot work with this member: they need the organizer role over the member's union or branch.");
            return (null, null);
        }
        return (user, null);
    }
}
