using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>Inspection targets on units within the caller's grants, searched, sorted and paged in the database.</summary>
public static class ListTargets
{
    public sealed record Query(string? Search = null, string? Kind = null, bool IncludeArchived = false, int? Page = null, int? PageSize = null, string? Sort = null);

    public static readonly IReadOnlyList<string> SortKeys = ["name", "kind", "id"];

    public static async Task<Outcome<PagedList<TargetResponse>>> RunAsync(RallyDb db, Caller caller, Query q, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, q.Page, q.PageSize);
        var sort = Paging.Sort(errors, q.Sort, "name", SortKeys);
        if (errors.Any || sort is not { } order) return Outcome<PagedList<TargetResponse>>.Invalid(errors);
        var targets = (await InspectionAccess.TargetsAsync(db, caller, Roles.Viewer, ct)).AsNoTracking();
        if (!q.IncludeArchived) targets = targets.Where(t => t.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(q.Kind)) targets = targets.Where(t => t.Kind == q.Kind.Trim());
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var s = q.Search.Trim();
            targets = targets.Where(t => t.Name.Contains(s) || (t.Address != null && t.Address.Contains(s)));
        }
        var ordered = order.Key switch
        {
            "kind" => targets.SortBy(t => t.Kind, order.Descending),
            "id" => targets.SortBy(t => t.Id, order.Descending),
            _ => targets.SortBy(t => t.Name, order.Descending),
        };
        return Outcome<PagedList<TargetResponse>>.Ok(await ordered.ThenBy(t => t.Id).Select(TargetResponse.Project).ToPageAsync(q.Page, q.PageSize, ct));
    }
}
