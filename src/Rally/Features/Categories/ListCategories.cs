using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Categories;

/// <summary>The member categories, paged and sorted in the database; archived ones only on request.</summary>
public static class ListCategories
{
    public sealed record Request(string? Search = null, bool IncludeArchived = false, int? Page = null, int? PageSize = null, string? Sort = null);


    public static readonly string[] SortKeys = ["sortOrder", "name", "code"];

    public static async Task<Outcome<PagedList<CategoryView>>> RunAsync(RallyDb db, Caller caller, Request request, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<PagedList<CategoryView>>.Forbidden();
        var errors = new FieldErrors();
        Paging.Validate(errors, request.Page, request.PageSize);
        var sort = Paging.Sort(errors, request.Sort, "sortOrder", SortKeys);
        errors.Length("search", request.Search, 100);
        if (errors.Any) return Outcome<PagedList<CategoryView>>.Invalid(errors);

        var query = db.Categories.AsNoTracking();
        if (!request.IncludeArchived) query = query.Where(c => c.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var s = request.Search.Trim().ToLowerInvariant();
            query = query.Where(c => c.Name.ToLower().Contains(s) || c.Code.Contains(s));
        }
        var (key, descending) = sort!.Value;
        var ordered = key switch
        {
            "name" => query.SortBy(c => c.Name, descending),
            "code" => query.SortBy(c => c.Code, descending),
            _ => query.SortBy(c => c.SortOrder, descending).ThenSortBy(c => c.Name, descending),
        };
        return Outcome<PagedList<CategoryView>>.Ok(await ordered.ThenBy(c => c.Id).Select(CategoryView.Projection).ToPageAsync(request.Page, request.PageSize, ct));
    }
}
