using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>The accounts the caller administers, with their active grants; administrators only.</summary>
public static class ListUsers
{
    public sealed record Request(string? Search = null, string? Role = null, int? Page = null, int? PageSize = null, string? Sort = null);


    public static readonly string[] SortKeys = ["email", "name", "createdAt"];

    public static async Task<Outcome<PagedList<UserView>>> RunAsync(RallyDb db, Caller caller, Request request, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<PagedList<UserView>>.Forbidden();
        var errors = new FieldErrors();
        Paging.Validate(errors, request.Page, request.PageSize);
        var sort = Paging.Sort(errors, request.Sort, "email", SortKeys);
        errors.Length("search", request.Search, 254);
        var role = string.IsNullOrWhiteSpace(request.Role) ? null : request.Role.Trim();
        if (role is not null && !Roles.IsRole(role)) errors.Add("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        if (errors.Any) return Outcome<PagedList<UserView>>.Invalid(errors);

        var users = (await caller.AdministeredUsersAsync(db, ct)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var upper = request.Search.Trim().ToUpperInvariant();
            var lower = request.Search.Trim().ToLowerInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToLower().Contains(lower));
        }
        if (role is not null)
            users = users.Where(u => db.RoleGrants.Any(g => g.UserId == u.Id && g.Role == role && g.RevokedAt == null));
        var (key, descending) = sort!.Value;
        var ordered = key switch
        {
            "name" => users.SortBy(u => u.DisplayName, descending),
            "createdAt" => users.SortBy(u => u.CreatedAt, descending),
            _ => users.SortBy(u => u.NormalizedEmail, descending),
        };
        var page = await UserView.Rows(ordered.ThenBy(u => u.Id)).ToPageAsync(request.Page, request.PageSize, ct);
        return Outcome<PagedList<UserView>>.Ok(new PagedList<UserView>(await UserView.WithGrantsAsync(db, page.Items, ct), page.Page, page.PageSize, page.Total));
    }
}
