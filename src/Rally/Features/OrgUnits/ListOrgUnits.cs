using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

/// <summary>Lists the org units the caller can see, filtered, sorted and paged on the server.</summary>
public static class ListOrgUnits
{
    public sealed record Query(string? Search, string? Kind, string? Parent, string? Under, bool IncludeArchived, int? Page, int? PageSize, string? Sort);

    static readonly string[] SortKeys = ["name", "code", "path", "kind"];

    public static async Task<Outcome<PagedList<OrgUnitResponse>>> RunAsync(RallyDb db, Caller caller, Query query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, query.Page, query.PageSize);
        var sort = Paging.Sort(errors, query.Sort, "path", SortKeys);
        var units = (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking();
        if (!query.IncludeArchived) units = units.Where(u => u.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            var kind = query.Kind.Trim();
            if (!await db.OrgUnitKinds.AnyAsync(k => k.Code == kind, ct)) errors.Add("kind", $"There is no org-unit kind '{kind}'.");
            units = units.Where(u => u.Kind.Code == kind);
        }
        if (!string.IsNullOrWhiteSpace(query.Parent))
        {
            var parent = await db.OrgUnits.ByIdOrCode(query.Parent.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (parent is null) errors.Add("parent", $"There is no org unit '{query.Parent}'.");
            units = units.Where(u => u.ParentId == parent);
        }
        if (!string.IsNullOrWhiteSpace(query.Under))
        {
            var path = await db.OrgUnits.ByIdOrCode(query.Under.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("under", $"There is no org unit '{query.Under}'.");
            else units = units.Where(OrgPath.Within([path]));
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim().ToLower();
            units = units.Where(u => u.Name.ToLower().Contains(s) || u.ShortName.ToLower().Contains(s) || u.Code.ToLower().Contains(s));
        }
        if (errors.Any || sort is not { } order) return Outcome<PagedList<OrgUnitResponse>>.Invalid(errors);

        units = (order.Key, order.Descending) switch
        {
            ("name", false) => units.OrderBy(u => u.Name).ThenBy(u => u.Id),
            ("name", true) => units.OrderByDescending(u => u.Name).ThenBy(u => u.Id),
            ("code", false) => units.OrderBy(u => u.Code),
            ("code", true) => units.OrderByDescending(u => u.Code),
            ("kind", false) => units.OrderBy(u => u.Kind.SortOrder).ThenBy(u => u.Name),
            ("kind", true) => units.OrderByDescending(u => u.Kind.SortOrder).ThenBy(u => u.Name),
            (_, false) => units.OrderBy(u => u.Path),
            (_, true) => units.OrderByDescending(u => u.Path),
        };
        return Outcome<PagedList<OrgUnitResponse>>.Ok(await units.Select(OrgUnitResponse.Project).ToPageAsync(query.Page, query.PageSize, ct));
    }
}
