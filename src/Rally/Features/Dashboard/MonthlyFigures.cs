namespace Rally.Features.Dashboard;

/// <summary>The dashboard's series; stocks are the situation at a month's end, flows what happened in the month.</summary>
public static class Series
{
    public const string Members = "members";           // key: category id; members in good standing
    public const string Participants = "participants"; // key: category id; of them, holding a post
    public const string Rung = "rung";                 // key: rung id; participants on their highest rung held
    public const string Engagement = "engagement";     // key: latest engagement level, 0 = not assessed
    public const string Enrolled = "enrolled";         // key 0: members enrolled in some programme by then
    public const string Completed = "completed";       // key 0: members who had completed some programme by then
    public const string MovedUp = "moved-up";          // flow, key: rung id reached
    public const string Copies = "copies";             // flow, key 0: copies distributed

    public static bool IsFlow(string series) => series is MovedUp or Copies;
}

public readonly record struct CellKey(int UnitId, string Series, int Key, DateOnly Month);

/// <summary>
/// Pure arithmetic from dated histories to monthly figures: <see cref="Accumulate"/> writes a member's
/// contribution as changes (a stock's delta in the month it changes), <see cref="Direct"/> counts month
/// by month without any stored figure (the reference the stored aggregates are checked against).
/// </summary>
public static class MonthlyFigures
{
    public static DateOnly MonthOf(DateOnly d) => new(d.Year, d.Month, 1);

    /// <summary>The day a month's point describes: its last day, or <paramref name="today"/> in the current month.</summary>
    public static DateOnly PointDay(DateOnly month, DateOnly today)
    {
        var last = month.AddMonths(1).AddDays(-1);
        return last < today ? last : today;
    }

    /// <summary>
    /// Adds the member's contribution to <paramref name="cells"/>, as of <paramref name="asOf"/>: for stocks,
    /// +1/−1 in each month whose point differs from the month before; for flows, the moves up in their month.
    /// Only units <paramref name="include"/> accepts are written.
    /// </summary>
    public static void Accumulate(MemberHistory h, DateOnly asOf, Func<int, bool> include, Dictionary<CellKey, int> cells)
    {
        // A month's point can differ from the month before's only if something changed within the month.
        var changed = h.ChangeDays().Where(d => d <= asOf).Select(MonthOf).Distinct().Order().ToList();
        if (changed.Count > 0)
        {
            MemberHistory.State? previous = null;
            foreach (var month in changed)
            {
                var state = h.StateOn(PointDay(month, asOf));
                if (previous == state) continue;
                if (previous is { } p) Add(h, p, month, -1, include, cells);
                Add(h, state, month, +1, include, cells);
                previous = state;
            }
        }
        foreach (var (on, rung) in h.MovesUp(asOf))
        {
            var unit = h.UnitOn(on);
            if (include(unit)) Bump(cells, new(unit, Series.MovedUp, rung, MonthOf(on)), 1);
        }
    }

    static void Add(MemberHistory h, MemberHistory.State s, DateOnly month, int sign, Func<int, bool> include, Dictionary<CellKey, int> cells)
    {
        if (!s.GoodStanding || !include(s.UnitId)) return;
        foreach (var (series, key) in Contributions(h, s))
            Bump(cells, new(s.UnitId, series, key, month), sign);
    }

    /// <summary>What one member in good standing counts towards on a day.</summary>
    public static IEnumerable<(string Series, int Key)> Contributions(MemberHistory h, MemberHistory.State s)
    {
        yield return (Series.Members, h.CategoryId);
        yield return (Series.Engagement, s.Level);
        if (s.Enrolled) yield return (Series.Enrolled, 0);
        if (s.Completed) yield return (Series.Completed, 0);
        if (s.RungId is { } rung)
        {
            yield return (Series.Participants, h.CategoryId);
            yield return (Series.Rung, rung);
        }
    }

    public static void Bump(Dictionary<CellKey, int> cells, CellKey key, int by)
    {
        var value = cells.GetValueOrDefault(key) + by;
        if (value == 0) cells.Remove(key); else cells[key] = value;
    }

    /// <summary>Copies distributed at workplaces, by workplace and month.</summary>
    public static void AccumulateCopies(IEnumerable<(int WorkplaceId, DateOnly On, int Copies)> distributions, DateOnly asOf, Func<int, bool> include, Dictionary<CellKey, int> cells)
    {
        foreach (var (workplace, on, copies) in distributions)
            if (on <= asOf && include(workplace)) Bump(cells, new(workplace, Series.Copies, 0, MonthOf(on)), copies);
    }

    /// <summary>
    /// The figures of the units <paramref name="inScope"/> accepts for each month, counted member by member on each
    /// month's day, straight from the histories.
    /// </summary>
    public static Figures Direct(IReadOnlyCollection<MemberHistory> histories, IEnumerable<(int WorkplaceId, DateOnly On, int Copies)> distributions,
        Func<int, bool> inScope, IReadOnlyList<DateOnly> months, DateOnly today)
    {
        var figures = new Figures();
        var distributionList = distributions.ToList();
        foreach (var month in months)
        {
            var values = figures.For(month);
            var day = PointDay(month, today);
            foreach (var h in histories)
            {
                var s = h.StateOn(day);
                if (s.GoodStanding && inScope(s.UnitId))
                    foreach (var c in Contributions(h, s)) values[c] = values.GetValueOrDefault(c) + 1;
                foreach (var (on, rung) in h.MovesUp(today))
                    if (MonthOf(on) == month && inScope(h.UnitOn(on))) values[(Series.MovedUp, rung)] = values.GetValueOrDefault((Series.MovedUp, rung)) + 1;
            }
            var copies = distributionList.Where(d => MonthOf(d.On) == month && d.On <= today && inScope(d.WorkplaceId)).Sum(d => d.Copies);
            if (copies != 0) values[(Series.Copies, 0)] = copies;
        }
        return figures;
    }

    /// <summary>Month points from stored changes of one unit: stocks summed up to each month, flows as they are.</summary>
    public static Figures FromCells(IEnumerable<(string Series, int Key, DateOnly Month, int Value)> cells, IReadOnlyList<DateOnly> months)
    {
        var figures = new Figures();
        foreach (var month in months) figures.For(month);
        if (months.Count == 0) return figures;
        var first = months[0];
        var running = new Dictionary<(string, int), int>();
        var ordered = cells.OrderBy(c => c.Month).ToList();
        var i = 0;
        foreach (var month in months)
        {
            var values = figures.For(month);
            for (; i < ordered.Count && ordered[i].Month <= month; i++)
            {
                var c = ordered[i];
                if (Series.IsFlow(c.Series))
                {
                    if (c.Month == month) values[(c.Series, c.Key)] = values.GetValueOrDefault((c.Series, c.Key)) + c.Value;
                }
                else running[(c.Series, c.Key)] = running.GetValueOrDefault((c.Series, c.Key)) + c.Value;
            }
            foreach (var (k, v) in running)
                if (v != 0) values[k] = v;
        }
        return figures;
    }
}

/// <summary>For each month, the value of each (series, key); a missing entry is 0.</summary>
public sealed class Figures
{
    readonly SortedDictionary<DateOnly, Dictionary<(string Series, int Key), int>> months = [];

    public Dictionary<(string Series, int Key), int> For(DateOnly month)
    {
        if (!months.TryGetValue(month, out var values)) months[month] = values = [];
        return values;
    }

    public IEnumerable<DateOnly> Months => months.Keys;

    public int Get(DateOnly month, string series, int key) => months.TryGetValue(month, out var v) ? v.GetValueOrDefault((series, key)) : 0;

    public int Sum(DateOnly month, string series) => months.TryGetValue(month, out var v) ? v.Where(x => x.Key.Series == series).Sum(x => x.Value) : 0;
}
