using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>Moves a member to another status, dated, with the transition checked and the change kept in the history.</summary>
public static class ChangeMemberStatus
{
    public sealed record Request(string? Status, DateOnly? EffectiveOn, string? Reason);

    public sealed record StatusChangeResponse(long Id, int MemberId, string? FromStatus, string ToStatus, DateOnly EffectiveOn, string? Reason, string? RecordedBy, DateTimeOffset RecordedAt);

    public static async Task<Outcome<StatusChangeResponse>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int memberId, Request r, CancellationToken ct)
    {
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).Include(m => m.OrgUnit).FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Outcome<StatusChangeResponse>.NotFound();
        if (!await caller.CanAsync(Roles.Officer, member.OrgUnit.Path, ct)) return Outcome<StatusChangeResponse>.Forbidden("Changing a member's status needs the officer role on their union or branch.");
        if (string.IsNullOrWhiteSpace(r.Status)) return Outcome<StatusChangeResponse>.Invalid("status", "status is required.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await ApplyAsync(db, caller, clock, member, r.Status.Trim(), r.EffectiveOn, r.Reason, ct);
        if (!outcome.Succeeded) return outcome.As<StatusChangeResponse>();
        member.Version++;
        member.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<StatusChangeResponse>.Ok(ToResponse(outcome.Value!.Change));
    }

    internal sealed record Applied(MemberStatusChange Change);

    /// <summary>Checks and stages a status change on a tracked member; the caller saves.</summary>
    internal static async Task<Outcome<Applied>> ApplyAsync(RallyDb db, Caller caller, TimeProvider clock, Member member, string status, DateOnly? effectiveOn, string? reason, CancellationToken ct, bool admitting = false)
    {
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var on = effectiveOn ?? today;
        if (!MemberRules.IsStatus(status)) errors.Add("status", $"status must be one of {string.Join(", ", MemberRules.Statuses)}.");
        else if (!MemberRules.CanMove(member.Status, status))
            errors.Add("status", $"A member who is {member.Status} cannot become {status}; allowed: {string.Join(", ", MemberRules.NextStatuses(member.Status))}.");
        if (on > today) errors.Add("effectiveOn", "effectiveOn cannot be in the future.");
        if (on < member.StatusSince) errors.Add("effectiveOn", $"effectiveOn cannot be before the current status began ({member.StatusSince:yyyy-MM-dd}).");
        errors.Length("reason", reason, 500);
        if (!admitting && status == MemberRules.Active && member.Status == MemberRules.Applicant && await Admissions.AdmittingUnitAsync(db, member.OrgUnit.Path, ct) is { } union)
            errors.Add("status", $"{union.Name} admits members against its criteria: use the admission instead.");
        if (errors.Any) return Outcome<Applied>.Invalid(errors);

        var change = new MemberStatusChange
        {
            MemberId = member.Id, FromStatus = member.Status, ToStatus = status, EffectiveOn = on,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), RecordedBy = caller.Name, RecordedAt = clock.GetUtcNow(),
        };
        db.MemberStatusChanges.Add(change);
        member.Status = status;
        member.StatusSince = on;
        return Outcome<Applied>.Ok(new(change));
    }

    public static async Task<Outcome<PagedList<StatusChangeResponse>>> ListAsync(RallyDb db, Caller caller, int? memberId, string? status, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (status is not null && !MemberRules.IsStatus(status)) errors.Add("status", $"status must be one of {string.Join(", ", MemberRules.Statuses)}.");
        if (errors.Any) return Outcome<PagedList<StatusChangeResponse>>.Invalid(errors);
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).Select(m => m.Id);
        if (memberId is { } id && !await members.ContainsAsync(id, ct)) return Outcome<PagedList<StatusChangeResponse>>.NotFound();
        var changes = db.MemberStatusChanges.AsNoTracking().Where(s => members.Contains(s.MemberId));
        if (memberId is not null) changes = changes.Where(s => s.MemberId == memberId);
        if (status is not null) changes = changes.Where(s => s.ToStatus == status);
        if (from is not null) changes = changes.Where(s => s.EffectiveOn >= from);
        if (to is not null) changes = changes.Where(s => s.EffectiveOn <= to);
        return Outcome<PagedList<StatusChangeResponse>>.Ok(await changes.OrderByDescending(s => s.EffectiveOn).ThenByDescending(s => s.Id)
            .Select(s => new StatusChangeResponse(s.Id, s.MemberId, s.FromStatus, s.ToStatus, s.EffectiveOn, s.Reason, s.RecordedBy, s.RecordedAt))
            .ToPageAsync(page, pageSize, ct));
    }

    static StatusChangeResponse ToResponse(MemberStatusChange s) => new(s.Id, s.MemberId, s.FromStatus, s.ToStatus, s.EffectiveOn, s.Reason, s.RecordedBy, s.RecordedAt);
}
