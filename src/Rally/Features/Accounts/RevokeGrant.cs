using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>
/// Revokes a role grant: it stays on record with the time it ended. The last federation-wide
/// administrator cannot be revoked, or nobody could administer the federation any more.
/// </summary>
public static class RevokeGrant
{

    public static async Task<Outcome<GrantView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<GrantView>.Forbidden();
        var grant = await (await caller.AdministeredGrantsAsync(db, ct)).Include(g => g.OrgUnit).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null) return Outcome<GrantView>.NotFound();
        if (!await caller.CanAsync(Roles.Administrator, grant.OrgUnit?.Path, ct)) return Outcome<GrantView>.Forbidden();

        if (grant.RevokedAt is null)
        {
            if (grant.Role == Roles.Administrator && grant.OrgUnitId is null && !await db.RoleGrants.AnyAsync(g =>
                    g.Id != grant.Id && g.Role == Roles.Administrator && g.OrgUnitId == null && g.RevokedAt == null &&
                    db.Users.Any(u => u.Id == g.UserId && u.DisabledAt == null), ct))
                return Outcome<GrantView>.Conflict("This is the last federation-wide administrator grant; grant the role to someone else first.");
            grant.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return Outcome<GrantView>.Ok(await GrantView.Project(db, db.RoleGrants.AsNoTracking().Where(g => g.Id == grant.Id)).FirstAsync(ct));
    }
}
