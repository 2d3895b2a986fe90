using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>Bodies within the caller's grants, by unit and name; filter by unit subtree, kind, parent or name.</summary>
public static class ListBodies
{
    public sealed record Request(string? OrgUnit = null, string? Kind = null, int? Parent = null, string? Search = null, bool IncludeArchived = false,
        int? Page = null, int? PageSize = null);

    public static async Task<Outcome<PagedList<BodyView>>> RunAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, r.Page, r.PageSize);
        errors.Length("search", r.Search, 100);
        var query = (await BodyAccess.VisibleAsync(db, caller, Roles.Viewer, ct)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(r.OrgUnit))
        {
            var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(r.OrgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (unit is null) errors.Add("orgUnit", $"There is no org unit '{r.OrgUnit}'.");
            else query = query.Where(b => b.OrgUnit.Path.StartsWith(unit));
        }
        if (errors.Any) return Outcome<PagedList<BodyView>>.Invalid(errors);
        if (!r.IncludeArchived) query = query.Where(b => b.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(r.Kind)) query = query.Where(b => b.Kind.Code == r.Kind.Trim());
        if (r.Parent is { } parent) query = query.Where(b => b.ParentBodyId == parent);
        if (!string.IsNullOrWhiteSpace(r.Search))
        {
            var s = r.Search.Trim().ToLowerInvariant();
            query = query.Where(b => b.Name.ToLower().Contains(s));
        }
        return Outcome<PagedList<BodyView>>.Ok(await query.OrderBy(b => b.OrgUnit.Path).ThenBy(b => b.Name).ThenBy(b => b.Id)
            .Select(BodyView.Projection).ToPageAsync(r.Page, r.PageSize, ct));
    }
}
