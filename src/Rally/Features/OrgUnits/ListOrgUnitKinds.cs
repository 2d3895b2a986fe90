using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

/// <summary>The kinds of org unit, paged and sorted in the database; archived ones only on request.</summary>
public static class ListOrgUnitKinds
{
    public sealed record Request(string? Search = null, bool IncludeArchived = false, int? Page = null, int? PageSize = null, string? Sort = null);


    public static readonly string[] SortKeys = ["sortOrder", "name", "code"];

    public static async Task<Outcome<PagedList<OrgUnitKindView>>> RunAsync(RallyDb db, Caller caller, Request request, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<PagedList<OrgUnitKindView>>.Forbidden();
        var errors = new FieldErrors();
        Paging.Validate(errors, request.Page, request.PageSize);
        var sort = Paging.Sort(errors, request.Sort, "sortOrder", SortKeys);
        errors.Length("search", request.Search, 100);
        if (errors.Any) return Outcome<PagedList<OrgUnitKindView>>.Invalid(errors);

        var query = db.OrgUnitKinds.AsNoTracking();
        if (!request.IncludeArchived) query = query.Where(k => k.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var s = request.Search.Trim().ToLowerInvariant();
            query = query.Where(k => k.Name.ToLower().Contains(s) || k.Code.Contains(s));
        }
        var (key, descending) = sort!.Value;
        var ordered = key switch
        {
            "name" => query.SortBy(k => k.Name, descending),
            "code" => query.SortBy(k => k.Code, descending),
            _ => query.SortBy(k => k.SortOrder, descending).ThenSortBy(k => k.Name, descending),
        };
        return Outcome<PagedList<OrgUnitKindView>>.Ok(await ordered.ThenBy(k => k.Id).Select(OrgUnitKindView.Projection).ToPageAsync(request.Page, request.PageSize, ct));
    }
}
