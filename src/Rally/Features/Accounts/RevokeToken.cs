using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>
/// Revokes a personal access token: from the next request on it no longer authenticates. Anyone
/// may revoke their own; an administrator may revoke those of the users they administer.
/// </summary>
public static class RevokeToken
{

    public static async Task<Outcome<TokenView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        if (caller.UserId is null) return Outcome<TokenView>.Forbidden();
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null) return Outcome<TokenView>.NotFound();
        if (token.UserId != caller.UserId &&
            !(await caller.IsAdministratorAsync(ct) && await (await caller.AdministeredUsersAsync(db, ct)).AnyAsync(u => u.Id == token.UserId, ct)))
            return Outcome<TokenView>.NotFound();

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return Outcome<TokenView>.Ok(new TokenView(token.Id, token.Name, token.Prefix, token.CreatedAt, token.LastUsedAt, token.RevokedAt));
    }
}
