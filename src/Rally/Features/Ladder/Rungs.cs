using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Ladder;

public sealed record RungProgrammeView(int Id, string Name);

/// <summary>A rung as the API shows it, with its conditions named.</summary>
public sealed record RungView(
    int Id, int Position, string Name, string? Description, int MinMonthsBelow,
    int? ScaleId, string? ScaleName, int? AtOrBetterLevel, IReadOnlyList<RungProgrammeView> Programmes, int Version);

/// <summary>Reading the ladder: anyone holding a grant (the ladder is rules, not personal data).</summary>
public static class Rungs
{
    public static async Task<Outcome<PagedList<RungView>>> ListAsync(RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<PagedList<RungView>>.Forbidden();
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<RungView>>.Invalid(errors);
        var ids = await db.Rungs.AsNoTracking().OrderBy(r => r.Position).Select(r => r.Id).ToPageAsync(page, pageSize, ct);
        var views = await ViewsAsync(db, ids.Items, ct);
        return Outcome<PagedList<RungView>>.Ok(new(ids.Items.Select(id => views[id]).ToList(), ids.Page, ids.PageSize, ids.Total));
    }

    public static async Task<Outcome<RungView>> GetAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<RungView>.Forbidden();
        var views = await ViewsAsync(db, [id], ct);
        return views.TryGetValue(id, out var view) ? Outcome<RungView>.Ok(view) : Outcome<RungView>.NotFound();
    }

    static async Task<Dictionary<int, RungView>> ViewsAsync(RallyDb db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var rows = await db.Rungs.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id, r.Position, r.Name, r.Description, r.MinMonthsBelow, r.ScaleId,
                ScaleName = db.AssessmentScales.Where(s => s.Id == r.ScaleId).Select(s => s.Name).FirstOrDefault(),
                r.AtOrBetterLevel,
                Programmes = r.Programmes.Join(db.Programmes, rp => rp.ProgrammeId, p => p.Id, (rp, p) => new RungProgrammeView(p.Id, p.Name)).ToList(),
                r.Version,
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new RungView(r.Id, r.Position, r.Name, r.Description, r.MinMonthsBelow, r.ScaleId, r.ScaleName,
            r.AtOrBetterLevel, r.Programmes.OrderBy(p => p.Name, StringComparer.CurrentCulture).ThenBy(p => p.Id).ToList(), r.Version));
    }
}
