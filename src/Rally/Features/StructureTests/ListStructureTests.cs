using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.StructureTests;

/// <summary>The structure tests the caller sees, filtered, sorted and paged in the database.</summary>
public static class ListStructureTests
{
    public sealed record Query(string? OrgUnit = null, string? Kind = null, bool IncludeArchived = false, int? Page = null, int? PageSize = null, string? Sort = null);

    public static readonly IReadOnlyList<string> SortKeys = ["deadline", "startsOn", "name", "createdAt"];

    public static async Task<Outcome<PagedList<StructureTestResponse>>> RunAsync(RallyDb db, Caller caller, Query query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, query.Page, query.PageSize);
        var sort = Paging.Sort(errors, query.Sort, "deadline", SortKeys);
        var tests = (await StructureTestScope.VisibleAsync(db, caller, ct)).AsNoTracking();
        if (!query.IncludeArchived) tests = tests.Where(t => t.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            if (!StructureTestKinds.All.Contains(query.Kind.Trim())) errors.Add("kind", $"kind must be one of {string.Join(", ", StructureTestKinds.All)}.");
            tests = tests.Where(t => t.Kind == query.Kind.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.OrgUnit))
        {
            var path = await (await caller.UnitsAsync(Roles.Viewer, ct)).ByIdOrCode(query.OrgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("orgUnit", $"There is no org unit '{query.OrgUnit}'.");
            else
            {
                var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id);
                tests = tests.Where(t => units.Contains(t.OrgUnitId));
            }
        }
        if (errors.Any || sort is not { } order) return Outcome<PagedList<StructureTestResponse>>.Invalid(errors);
        var (key, descending) = order;
        var ordered = key switch
        {
            "name" => tests.SortBy(t => t.Name, descending),
            "startsOn" => tests.SortBy(t => t.StartsOn, descending),
            "createdAt" => tests.SortBy(t => t.Id, descending),
            _ => tests.SortBy(t => t.Deadline, descending),
        };
        return Outcome<PagedList<StructureTestResponse>>.Ok(await ordered.ThenBy(t => t.Id).Select(StructureTestResponse.Project).ToPageAsync(query.Page, query.PageSize, ct));
    }
}
