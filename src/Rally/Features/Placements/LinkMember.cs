using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Placements;

/// <summary>
/// Says which member a user account is (User.MemberId), so that a specialist records his own decisions
/// and an overseer co-signs as himself. An administrator over the user does it, for a member they can see;
/// one account per member.
/// </summary>
public static class LinkMember
{
    /// <param name="MemberId">The member; null unlinks.</param>
    public sealed record Request(int? MemberId);

    public sealed record Response(string UserId, int? MemberId);

    public static async Task<Outcome<Response>> RunAsync(RallyDb db, Caller caller, string userId, Request r, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<Response>.Forbidden("Linking an account to a member needs the administrator role.");
        var user = await (await caller.AdministeredUsersAsync(db, ct)).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Outcome<Response>.NotFound();
        if (r.MemberId is { } memberId)
        {
            if (!await (await caller.MembersAsync(Roles.Viewer, ct)).AnyAsync(m => m.Id == memberId, ct))
                return Outcome<Response>.NotFound("No such member in your scope.");
            if (await db.Users.AnyAsync(u => u.MemberId == memberId && u.Id != userId, ct))
                return Outcome<Response>.Conflict("Another account is already linked to this member.");
        }
        user.MemberId = r.MemberId;
        if (db.ChangeTracker.HasChanges())
        {
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            db.AuditAction = r.MemberId is null ? "member-unlink" : "member-link";
            await db.SaveChangesAsync(ct);
        }
        return Outcome<Response>.Ok(new(user.Id, user.MemberId));
    }
}
