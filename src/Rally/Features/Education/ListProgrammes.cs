using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Education;

/// <summary>The programmes the caller sees, filtered, sorted and paged in the database.</summary>
public static class ListProgrammes
{
    public sealed record Query(string? OrgUnit = null, string? Kind = null, bool IncludeArchived = false, int? Page = null, int? PageSize = null, string? Sort = null);

    public static readonly IReadOnlyList<string> SortKeys = ["startsOn", "name", "createdAt"];

    public static async Task<Outcome<PagedList<ProgrammeResponse>>> RunAsync(RallyDb db, Caller caller, Query query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, query.Page, query.PageSize);
        // Newest first unless asked otherwise.
        var sort = Paging.Sort(errors, string.IsNullOrWhiteSpace(query.Sort) ? "-startsOn" : query.Sort, "startsOn", SortKeys);
        var programmes = (await ProgrammeScope.VisibleAsync(db, caller, ct)).AsNoTracking();
        if (!query.IncludeArchived) programmes = programmes.Where(p => p.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            var code = query.Kind.Trim();
            if (!await db.ProgrammeKinds.AnyAsync(k => k.Code == code, ct)) errors.Add("kind", $"There is no programme kind '{code}'.");
            programmes = programmes.Where(p => p.Kind.Code == code);
        }
        if (!string.IsNullOrWhiteSpace(query.OrgUnit))
        {
            var path = await (await caller.UnitsAsync(Roles.Viewer, ct)).ByIdOrCode(query.OrgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("orgUnit", $"There is no org unit '{query.OrgUnit}'.");
            else
            {
                var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id);
                programmes = programmes.Where(p => units.Contains(p.OrgUnitId));
            }
        }
        if (errors.Any || sort is not { } order) return Outcome<PagedList<ProgrammeResponse>>.Invalid(errors);
        var (key, descending) = order;
        var ordered = key switch
        {
            "name" => programmes.SortBy(p => p.Name, descending),
            "createdAt" => programmes.SortBy(p => p.Id, descending),
            _ => programmes.SortBy(p => p.StartsOn, descending),
        };
        return Outcome<PagedList<ProgrammeResponse>>.Ok(await ordered.ThenBy(p => p.Id).Select(ProgrammeResponse.Project).ToPageAsync(query.Page, query.PageSize, ct));
    }
}
