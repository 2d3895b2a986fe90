using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>One personal access token (never its secret): the caller's own, or one of a user they administer.</summary>
public static class GetToken
{

    public static async Task<Outcome<TokenView>> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if (caller.UserId is null) return Outcome<TokenView>.Forbidden();
        var token = await db.AccessTokens.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { t.UserId, View = new TokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt) }).FirstOrDefaultAsync(ct);
        if (token is null) return Outcome<TokenView>.NotFound();
        if (token.UserId != caller.UserId &&
            !(await caller.IsAdministratorAsync(ct) && await (await caller.AdministeredUsersAsync(db, ct)).AnyAsync(u => u.Id == token.UserId, ct)))
            return Outcome<TokenView>.NotFound();
        return Outcome<TokenView>.Ok(token.View);
    }
}
