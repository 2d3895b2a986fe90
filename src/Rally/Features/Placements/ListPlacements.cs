using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Placements;

public sealed record OverseerView(int Id, int MemberId, string MemberName, DateOnly StartsOn, DateOnly? EndsOn, bool Active);

/// <summary>A placement as the API shows it; <see cref="Uncovered"/> flags one under way today without an active overseer.</summary>
public sealed record PlacementView(int Id, int MemberId, string MemberName, int BodyId, string BodyName, string Role, DateOnly StartsOn, DateOnly? EndsOn,
    bool Current, IReadOnlyList<OverseerView> Overseers, int ActiveOverseers, bool Uncovered, int Version);

/// <summary>The coverage report: placements under way today, how many have an active overseer, and which bodies have gaps.</summary>
public sealed record CoverageReport(DateOnly Day, int Current, int Covered, int Uncovered, IReadOnlyList<CoverageReport.BodyLine> Bodies)
{
    public sealed record BodyLine(int BodyId, string BodyName, int Current, int Uncovered);
}

public static class ListPlacements
{
    /// <param name="State">current (under way today, default), uncovered (current without an active overseer), ended, all.</param>
    public sealed record Request(int? Body = null, int? Member = null, string? State = null, int? Page = null, int? PageSize = null);

    public static readonly IReadOnlyList<string> States = ["current", "uncovered", "ended", "all"];

    public static async Task<Outcome<PagedList<PlacementView>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, r.Page, r.PageSize);
        var state = string.IsNullOrWhiteSpace(r.State) ? "current" : r.State.Trim();
        if (!States.Contains(state)) errors.Add("state", $"state must be one of {string.Join(", ", States)}.");
        if (errors.Any) return Outcome<PagedList<PlacementView>>.Invalid(errors);
        var today = Oversight.Today(clock);
        var query = (await Oversight.VisibleAsync(db, caller, ct)).AsNoTracking();
        if (r.Body is { } body) query = query.Where(p => p.BodyId == body);
        if (r.Member is { } member) query = query.Where(p => p.MemberId == member || p.Overseers.Any(o => o.MemberId == member));
        query = state switch
        {
            "current" => query.Where(p => p.StartsOn <= today && (p.EndsOn == null || p.EndsOn >= today)),
            "uncovered" => Oversight.Uncovered(db, query, today),
            "ended" => query.Where(p => p.EndsOn < today),
            _ => query,
        };
        var ids = await query.OrderBy(p => p.Body.Name).ThenBy(p => p.StartsOn).ThenBy(p => p.Id).Select(p => p.Id).ToPageAsync(r.Page, r.PageSize, ct);
        var views = await ViewsAsync(db, ids.Items, today, ct);
        return Outcome<PagedList<PlacementView>>.Ok(new(ids.Items.Select(id => views[id]).ToList(), ids.Page, ids.PageSize, ids.Total));
    }

    public static async Task<Outcome<PlacementView>> GetAsync(RallyDb db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        if (!await (await Oversight.VisibleAsync(db, caller, ct)).AnyAsync(p => p.Id == id, ct)) return Outcome<PlacementView>.NotFound();
        return Outcome<PlacementView>.Ok((await ViewsAsync(db, [id], Oversight.Today(clock), ct))[id]);
    }

    public static async Task<CoverageReport> CoverageAsync(RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var today = Oversight.Today(clock);
        var visible = await Oversight.VisibleAsync(db, caller, ct);
        var current = visible.Where(p => p.StartsOn <= today && (p.EndsOn == null || p.EndsOn >= today));
        var uncovered = Oversight.Uncovered(db, visible, today).Select(p => p.Id);
        var lines = await current.GroupBy(p => new { p.BodyId, p.Body.Name })
            .Select(g => new CoverageReport.BodyLine(g.Key.BodyId, g.Key.Name, g.Count(), g.Count(p => uncovered.Contains(p.Id))))
            .ToListAsync(ct);
        lines = lines.OrderByDescending(l => l.Uncovered).ThenBy(l => l.BodyName, StringComparer.Ordinal).ToList();
        var total = lines.Sum(l => l.Current);
        var gaps = lines.Sum(l => l.Uncovered);
        return new(today, total, total - gaps, gaps, lines);
    }

    internal static async Task<Dictionary<int, PlacementView>> ViewsAsync(RallyDb db, IReadOnlyCollection<int> ids, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Placements.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.MemberId, MemberName = p.Member.FirstName + " " + p.Member.LastName, p.BodyId, BodyName = p.Body.Name, p.Role, p.StartsOn, p.EndsOn, p.Version,
                Overseers = p.Overseers.OrderBy(o => o.StartsOn).ThenBy(o => o.Id)
                    .Select(o => new { o.Id, o.MemberId, Name = o.Member.FirstName + " " + o.Member.LastName, o.StartsOn, o.EndsOn }).ToList(),
            }).ToListAsync(ct);
        var active = (await Oversight.Active(db, today).Where(o => ids.Contains(o.PlacementId)).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        return rows.ToDictionary(p => p.Id, p =>
        {
            var overseers = p.Overseers.Select(o => new OverseerView(o.Id, o.MemberId, o.Name, o.StartsOn, o.EndsOn, active.Contains(o.Id))).ToList();
            var current = p.StartsOn <= today && (p.EndsOn is null || p.EndsOn >= today);
            var count = overseers.Count(o => o.Active);
            return new PlacementView(p.Id, p.MemberId, p.MemberName, p.BodyId, p.BodyName, p.Role, p.StartsOn, p.EndsOn, current, overseers, count, current && count == 0, p.Version);
        });
    }
}
