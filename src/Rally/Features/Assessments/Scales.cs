using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Assessments;

public sealed record ScaleLevelView(int Level, string Name);

/// <summary>A scale as the API shows it; <see cref="OrgUnit"/> is the code of the unit that added it, null for the whole federation.</summary>
public sealed record ScaleView(int Id, string Code, string Name, int SortOrder, string? OrgUnit, string? OrgUnitName, int StaleAfterDays,
    IReadOnlyList<ScaleLevelView> Levels, DateTimeOffset? ArchivedAt, int Version);

/// <summary>Reading scales: anyone holding a grant (they are labels, not personal data).</summary>
public static class Scales
{
    public static readonly string[] SortKeys = ["sortOrder", "name", "code"];

    public static async Task<Outcome<PagedList<ScaleView>>> ListAsync(RallyDb db, Caller caller, bool includeArchived, string? orgUnit, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<PagedList<ScaleView>>.Forbidden();
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        var order = Paging.Sort(errors, sort, "sortOrder", SortKeys);
        string? unitPath = null;
        if (!string.IsNullOrWhiteSpace(orgUnit))
        {
            unitPath = await db.OrgUnits.AsNoTracking().Where(u => u.Code == orgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (unitPath is null) errors.Add("orgUnit", $"No org unit has the code '{orgUnit.Trim()}'.");
        }
        if (errors.Any) return Outcome<PagedList<ScaleView>>.Invalid(errors);

        var query = db.AssessmentScales.AsNoTracking();
        if (!includeArchived) query = query.Where(s => s.ArchivedAt == null);
        if (unitPath is not null)
        {
            // Scales that apply to members of that unit: federation-wide ones and those of the unit or its ancestors.
            var ancestors = Ancestors(unitPath);
            query = query.Where(s => s.OrgUnitId == null || ancestors.Contains(s.OrgUnit!.Path));
        }
        var (key, descending) = order!.Value;
        var ordered = key switch
        {
            "name" => query.SortBy(s => s.Name, descending),
            "code" => query.SortBy(s => s.Code, descending),
            _ => query.SortBy(s => s.SortOrder, descending).ThenSortBy(s => s.Name, descending),
        };
        var ids = await ordered.ThenBy(s => s.Id).Select(s => s.Id).ToPageAsync(page, pageSize, ct);
        var views = await ViewsAsync(db, ids.Items, ct);
        return Outcome<PagedList<ScaleView>>.Ok(new(ids.Items.Select(id => views[id]).ToList(), ids.Page, ids.PageSize, ids.Total));
    }

    public static async Task<Outcome<ScaleView>> GetAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<ScaleView>.Forbidden();
        var views = await ViewsAsync(db, [id], ct);
        return views.TryGetValue(id, out var view) ? Outcome<ScaleView>.Ok(view) : Outcome<ScaleView>.NotFound();
    }

    internal static async Task<Dictionary<int, ScaleView>> ViewsAsync(RallyDb db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var rows = await db.AssessmentScales.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id, s.Code, s.Name, s.SortOrder, Unit = s.OrgUnit == null ? null : s.OrgUnit.Code, UnitName = s.OrgUnit == null ? null : s.OrgUnit.Name,
                s.StaleAfterDays, Levels = s.Levels.OrderBy(l => l.Level).Select(l => new ScaleLevelView(l.Level, l.Name)).ToList(), s.ArchivedAt, s.Version,
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ScaleView(r.Id, r.Code, r.Name, r.SortOrder, r.Unit, r.UnitName, r.StaleAfterDays, r.Levels, r.ArchivedAt, r.Version));
    }

    /// <summary>"/1/5/23/" → "/1/", "/1/5/", "/1/5/23/".</summary>
    internal static List<string> Ancestors(string path)
    {
        var result = new List<string>();
        var prefix = "/";
        foreach (var id in OrgUnits.OrgPath.Ids(path))
            result.Add(prefix += id + "/");
        return result;
    }
}
