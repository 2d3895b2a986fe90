using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>A personal access token as its owner sees it: never the secret, never its hash.</summary>
public sealed record TokenView(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Personal access tokens, newest first: the caller's own, or (for an administrator) those of a
/// user they administer.
/// </summary>
public static class ListTokens
{
    /// <param name="UserId">Whose tokens; null for the caller's own.</param>
    public sealed record Request(string? UserId = null, bool IncludeRevoked = true, int? Page = null, int? PageSize = null, string? Sort = null);


    public static readonly string[] SortKeys = ["createdAt", "name", "lastUsedAt"];

    public static async Task<Outcome<PagedList<TokenView>>> RunAsync(RallyDb db, Caller caller, Request request, CancellationToken ct)
    {
        var owner = request.UserId ?? caller.UserId;
        if (owner is null) return Outcome<PagedList<TokenView>>.Forbidden();
        if (owner != caller.UserId)
        {
            if (!await caller.IsAdministratorAsync(ct)) return Outcome<PagedList<TokenView>>.Forbidden();
            if (!await (await caller.AdministeredUsersAsync(db, ct)).AnyAsync(u => u.Id == owner, ct)) return Outcome<PagedList<TokenView>>.NotFound();
        }
        var errors = new FieldErrors();
        Paging.Validate(errors, request.Page, request.PageSize);
        var sort = Paging.Sort(errors, string.IsNullOrWhiteSpace(request.Sort) ? "-createdAt" : request.Sort, "createdAt", SortKeys);
        if (errors.Any) return Outcome<PagedList<TokenView>>.Invalid(errors);

        var tokens = db.AccessTokens.AsNoTracking().Where(t => t.UserId == owner);
        if (!request.IncludeRevoked) tokens = tokens.Where(t => t.RevokedAt == null);
        var (key, descending) = sort!.Value;
        var ordered = key switch
        {
            "name" => tokens.SortBy(t => t.Name, descending),
            "lastUsedAt" => tokens.SortBy(t => t.LastUsedAt, descending),
            _ => tokens.SortBy(t => t.CreatedAt, descending),
        };
        return Outcome<PagedList<TokenView>>.Ok(await ordered.ThenSortBy(t => t.Id, descending)
            .Select(t => new TokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToPageAsync(request.Page, request.PageSize, ct));
    }
}
