using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Labels;

/// <summary>The entries of one list, paged and sorted in the database; archived ones only on request.</summary>
public static class ListLabels
{
    public sealed record Request(string? Search = null, bool IncludeArchived = false, int? Page = null, int? PageSize = null, string? Sort = null);

    public static readonly string[] SortKeys = ["sortOrder", "name", "code"];

    /// <param name="list">Which list: it picks the table.</param>
    public static async Task<Outcome<PagedList<LabelView>>> RunAsync<T>(LabelList<T> list, RallyDb db, Caller caller, Request request, CancellationToken ct)
        where T : Label, new()
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<PagedList<LabelView>>.Forbidden();
        var errors = new FieldErrors();
        Paging.Validate(errors, request.Page, request.PageSize);
        var sort = Paging.Sort(errors, request.Sort, "sortOrder", SortKeys);
        errors.Length("search", request.Search, 100);
        if (errors.Any) return Outcome<PagedList<LabelView>>.Invalid(errors);

        var query = db.Set<T>().AsNoTracking();
        if (!request.IncludeArchived) query = query.Where(l => l.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var s = request.Search.Trim().ToLowerInvariant();
            query = query.Where(l => l.Name.ToLower().Contains(s) || l.Code.Contains(s));
        }
        var (key, descending) = sort!.Value;
        var ordered = key switch
        {
            "name" => query.SortBy(l => l.Name, descending),
            "code" => query.SortBy(l => l.Code, descending),
            _ => query.SortBy(l => l.SortOrder, descending).ThenSortBy(l => l.Name, descending),
        };
        return Outcome<PagedList<LabelView>>.Ok(await ordered.ThenBy(l => l.Id).Select(LabelView.Projection<T>()).ToPageAsync(request.Page, request.PageSize, ct));
    }
}
