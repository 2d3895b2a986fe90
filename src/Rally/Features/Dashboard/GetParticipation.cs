using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Dashboard;

/// <summary>
/// The participation dashboard of a scope over a range of months: each month's point is the situation on the
/// month's last day (today in the current month), all from the dated history via <see cref="DashboardStore"/>.
/// </summary>
public static class GetParticipation
{
    public const int MaxMonths = 120;
    public const int DefaultMonths = 24;
    public const string TargetSetting = "Rally:Dashboard:TargetShare";
    public const decimal DefaultTarget = 0.10m;

    public sealed record Request(string? Scope, string? From, string? To);

    public sealed record ParticipationResponse(string? Scope, string ScopeName, string From, string To, decimal TargetShare,
        IReadOnlyList<PointResponse> Points, IReadOnlyList<UnitResponse> ByUnit, IReadOnlyList<EngagementPoint> Engagement,
        IReadOnlyList<EducationPoint> Education, IReadOnlyList<FunnelStep> Funnel);

    public sealed record PointResponse(string Month, int Members, int Participants, decimal Share, IReadOnlyList<CategoryPoint> ByCategory, IReadOnlyList<RungPoint> ByRung);
    public sealed record CategoryPoint(string Category, string Name, int Members, int Participants, decimal Share);
    public sealed record RungPoint(string Rung, int Position, int Participants);
    public sealed record UnitResponse(string Unit, string Name, string Kind, IReadOnlyList<UnitPoint> Points);
    public sealed record UnitPoint(string Month, int Members, int Participants, decimal Share);
    public sealed record EngagementPoint(string Month, int Members, IReadOnlyList<LevelCount> Levels, int NotAssessed);
    public sealed record LevelCount(int Level, string Name, int Members);
    public sealed record EducationPoint(string Month, int Members, int Enrolled, int Completed, int Copies);
    public sealed record FunnelStep(int Position, string Rung, int HoldingNow, int MovedUp);

    public static decimal Target(IConfiguration config) =>
        decimal.TryParse(config[TargetSetting], NumberStyles.Number, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 1 ? t : DefaultTarget;

    /// <param name="direct">count straight from the histories instead of the stored figures (the reference for tests)</param>
    public static async Task<Outcome<ParticipationResponse>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, decimal target, Request r, CancellationToken ct, bool direct = false)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new FieldErrors();
        var to = Month(errors, "to", r.To) ?? MonthlyFigures.MonthOf(today);
        var from = Month(errors, "from", r.From) ?? to.AddMonths(1 - DefaultMonths);
        if (!errors.Any)
        {
            if (from > to) errors.Add("from", "from must not be after to.");
            else if ((to.Year - from.Year) * 12 + to.Month - from.Month + 1 > MaxMonths) errors.Add("from", $"The range may span at most {MaxMonths} months.");
            else if (to > MonthOf(today)) errors.Add("to", "to cannot be after the current month.");
        }
        if (errors.Any) return Outcome<ParticipationResponse>.Invalid(errors);

        var units = await caller.UnitsAsync(Roles.Viewer, ct);
        Scope? scope;
        if (!string.IsNullOrWhiteSpace(r.Scope))
        {
            var code = r.Scope.Trim();
            scope = await units.AsNoTracking().Where(u => u.Code == code).Select(u => new Scope(u.Id, u.Code, u.Name, u.Path)).FirstOrDefaultAsync(ct);
            if (scope is null) return Outcome<ParticipationResponse>.NotFound("No such unit within your grants.");
        }
        else scope = await WidestAsync(db, caller, ct);
        if (scope is null) return Outcome<ParticipationResponse>.NotFound("You hold no grant to read a dashboard for.");

        var months = new List<DateOnly>();
        for (var m = from; m <= to; m = m.AddMonths(1)) months.Add(m);

        // The scope's children (sections, unions, branches) that hold members; workplaces are not where members belong.
        var children = await db.OrgUnits.AsNoTracking()
            .Where(u => scope.Id == 0 ? u.ParentId == null : u.ParentId == scope.Id)
            .Where(u => u.ArchivedAt == null && u.Kind.Code != "workplace")
            .OrderBy(u => u.Name).Select(u => new Scope(u.Id, u.Code, u.Name, u.Path) { Kind = u.Kind.Name }).ToListAsync(ct);

        Figures figures;
        var childFigures = new Dictionary<int, Figures>();
        if (direct)
        {
            var moves = await DashboardStore.MovesAsync(db, ct);
            var histories = await DashboardStore.LoadAsync(db, moves, 0, int.MaxValue, null, ct);
            var copies = await DashboardStore.CopiesAsync(db, null, ct);
            var paths = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Path, ct);
            Func<int, bool> Within(Scope s) => unit => s.Id == 0 || paths.TryGetValue(unit, out var p) && OrgPath.Contains(s.Path!, p);
            figures = MonthlyFigures.Direct(histories, copies, Within(scope), months, today);
            foreach (var c in children) childFigures[c.Id] = MonthlyFigures.Direct(histories, copies, Within(c), months, today);
        }
        else
        {
            await DashboardStore.RefreshAsync(db, today, clock, ct);
            var cells = db.Set<DashboardCell>().AsNoTracking();
            figures = MonthlyFigures.FromCells((await cells.Where(c => c.Subtree && c.OrgUnitId == scope.Id && c.Month <= to)
                .GroupBy(c => new { c.Series, c.Key, c.Month }).Select(g => new { g.Key.Series, g.Key.Key, g.Key.Month, Value = g.Sum(c => c.Value) }).ToListAsync(ct))
                .Select(c => (c.Series, c.Key, c.Month, c.Value)), months);
            var ids = children.Select(c => c.Id).ToList();
            var rows = await cells.Where(c => c.Subtree && ids.Contains(c.OrgUnitId) && c.Month <= to && (c.Series == Series.Members || c.Series == Series.Participants))
                .GroupBy(c => new { c.OrgUnitId, c.Series, c.Month }).Select(g => new { g.Key.OrgUnitId, g.Key.Series, g.Key.Month, Value = g.Sum(c => c.Value) }).ToListAsync(ct);
            foreach (var c in children)
                childFigures[c.Id] = MonthlyFigures.FromCells(rows.Where(x => x.OrgUnitId == c.Id).Select(x => (x.Series, 0, x.Month, x.Value)), months);
        }

        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(ct);
        var rungs = await db.Rungs.AsNoTracking().OrderBy(x => x.Position).Select(x => new { x.Id, x.Name, x.Position }).ToListAsync(ct);
        var levels = await db.ScaleLevels.AsNoTracking().Where(l => l.ScaleId == AssessmentScale.EngagementId).OrderBy(l => l.Level).Select(l => new { l.Level, l.Name }).ToListAsync(ct);

        var points = months.Select(m =>
        {
            var members = figures.Sum(m, Series.Members);
            var participants = figures.Sum(m, Series.Participants);
            return new PointResponse(Text(m), members, participants, Share(participants, members),
                categories.Select(c => new CategoryPoint(c.Code, c.Name, figures.Get(m, Series.Members, c.Id), figures.Get(m, Series.Participants, c.Id),
                    Share(figures.Get(m, Series.Participants, c.Id), figures.Get(m, Series.Members, c.Id)))).Where(c => c.Members > 0 || c.Participants > 0).ToList(),
                rungs.Select(x => new RungPoint(x.Name, x.Position, figures.Get(m, Series.Rung, x.Id))).ToList());
        }).ToList();
        var byUnit = children.Select(c => new UnitResponse(c.Code!, c.Name, c.Kind ?? "", months.Select(m =>
        {
            var f = childFigures[c.Id];
            var (members, participants) = (f.Sum(m, Series.Members), f.Sum(m, Series.Participants));
            return new UnitPoint(Text(m), members, participants, Share(participants, members));
        }).ToList())).Where(u => u.Points.Any(p => p.Members > 0)).ToList();
        var engagement = months.Select(m => new EngagementPoint(Text(m), figures.Sum(m, Series.Members),
            levels.Select(l => new LevelCount(l.Level, l.Name, figures.Get(m, Series.Engagement, l.Level))).ToList(), figures.Get(m, Series.Engagement, 0))).ToList();
        var education = months.Select(m => new EducationPoint(Text(m), figures.Sum(m, Series.Members), figures.Get(m, Series.Enrolled, 0),
            figures.Get(m, Series.Completed, 0), figures.Get(m, Series.Copies, 0))).ToList();
        var funnel = rungs.Select(x => new FunnelStep(x.Position, x.Name, figures.Get(to, Series.Rung, x.Id), months.Sum(m => figures.Get(m, Series.MovedUp, x.Id)))).ToList();
        return Outcome<ParticipationResponse>.Ok(new(scope.Code, scope.Name, Text(from), Text(to), target, points, byUnit, engagement, education, funnel));
    }

    sealed record Scope(int Id, string? Code, string Name, string? Path)
    {
        public string? Kind { get; init; }
    }

    /// <summary>The widest unit the caller may read: the federation's root, or the shortest granted path.</summary>
    static async Task<Scope?> WidestAsync(RallyDb db, Caller caller, CancellationToken ct)
    {
        var paths = AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Viewer);
        if (paths is null)
        {
            var roots = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null && u.ArchivedAt == null).Select(u => new Scope(u.Id, u.Code, u.Name, u.Path)).ToListAsync(ct);
            return roots.Count == 1 ? roots[0] : new Scope(0, null, "Federation", null);
        }
        if (paths.Count == 0) return null;
        var path = paths.OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).First();
        return await db.OrgUnits.AsNoTracking().Where(u => u.Path == path).Select(u => new Scope(u.Id, u.Code, u.Name, u.Path)).FirstOrDefaultAsync(ct);
    }

    static DateOnly MonthOf(DateOnly d) => MonthlyFigures.MonthOf(d);

    static DateOnly? Month(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (IsoDate.TryParse(text.Trim() + "-01", out var d)) return d;
        errors.Add(field, $"{field} must be a month written YYYY-MM.");
        return null;
    }

    static string Text(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static decimal Share(int part, int whole) => whole == 0 ? 0 : Math.Round((decimal)part / whole, 4);
}
