using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>One personal access token (never its secret): the caller's own, or one of a user they administer.</summary>
public static class GetToken
{
    public sealed record Result(TokenView? Token, Refusal? Refusal = null);

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if (caller.UserId is null) return new(null, Refusal.Forbidden);
        var token = await db.AccessTokens.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { t.UserId, View = new TokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt) }).FirstOrDefaultAsync(ct);
        if (token is null) return new(null, Refusal.NotFound);
        if (token.UserId != caller.UserId &&
            !(await caller.IsAdministratorAsync(ct) && await (await caller.AdministeredUsersAsync(db, ct)).AnyAsync(u => u.Id == token.UserId, ct)))
            return new(null, Refusal.NotFound);
        return new(token.View);
    }
}
