using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Assessments;

/// <summary>A member as organizing writes need them: where they belong, for scoping and for scales.</summary>
public sealed record ScopedMember(int Id, string UnitPath, int? WorkplaceId, string DisplayName, bool Erased);

/// <summary>
/// The one gate for organizing work on a member: outside the caller's grants the member does not
/// exist (404); inside them, writing needs at least the organizer role over the member's unit (403).
/// </summary>
public static class OrganizingAccess
{
    public static async Task<Outcome<ScopedMember>> ReadAsync(Caller caller, int memberId, CancellationToken ct)
    {
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new ScopedMember(m.Id, m.OrgUnit.Path, m.WorkplaceId, m.ErasedAt != null ? m.MembershipNumber : m.FirstName + " " + m.LastName, m.ErasedAt != null))
            .FirstOrDefaultAsync(ct);
        return member is null ? Outcome<ScopedMember>.NotFound() : Outcome<ScopedMember>.Ok(member);
    }

    public static async Task<Outcome<ScopedMember>> WriteAsync(Caller caller, int memberId, CancellationToken ct)
    {
        var member = await ReadAsync(caller, memberId, ct);
        if (!member.Succeeded) return member;
        if (!await caller.CanAsync(Roles.Organizer, member.Value!.UnitPath, ct))
            return Outcome<ScopedMember>.Forbidden("Recording organizing work needs the organizer role over the member's union or branch.");
        // Their personal data was erased on request: nothing new is recorded about them.
        return member.Value.Erased ? Outcome<ScopedMember>.Conflict("This member's personal data has been erased; nothing new can be recorded about them.") : member;
    }
}
