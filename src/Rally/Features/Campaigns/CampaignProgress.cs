namespace Rally.Features.Campaigns;

/// <summary>
/// A campaign's progress from the dated history: a pure rule over plain records, no database.
/// Days are whole UTC days; "as of day D" takes in everything dated on or before D.
/// <list type="bullet">
/// <item>level-share: the share of targets whose latest assessment (on the goal's scale) as of D is at or better than the goal level (level &lt;= goal);</item>
/// <item>conversations: the number of conversations with targets from the start to D;</item>
/// <item>structure-test-share: the share of targets with a participation on or before D.</item>
/// </list>
/// "Now" is as of today; the series runs daily from the start to the earlier of today and the deadline.
/// It is one sweep: each target contributes +1/−1 at the days its state changes (<see cref="Delta"/>; the
/// database finds and sums them, so only a few rows per day and workplace leave it), and running sums give every day.
/// </summary>
public static class CampaignProgress
{
    public sealed record Goal(string Kind, int? Level = null, decimal? Share = null, int? Count = null);

    public readonly record struct Target(int MemberId, int? WorkplaceId);

    /// <summary>An assessment on the goal's scale.</summary>
    public readonly record struct Mark(int MemberId, DateTimeOffset At, int Level);

    /// <summary>A dated event with a member: a conversation, or a participation in the structure test.</summary>
    public readonly record struct Event(int MemberId, DateOnly On);

    public sealed record Point(DateOnly Date, decimal Value, int Achieved);

    /// <summary>
    /// Value is what the goal is stated in (a share 0..1, or a number of conversations); Share is how
    /// much of the goal that is (value ÷ goal, may pass 1); Achieved counts targets (or conversations).
    /// </summary>
    public sealed record Now(decimal Value, decimal Share, int Targets, int Achieved);

    public sealed record Workplace(int? WorkplaceId, Now Now, IReadOnlyList<Point> Series);

    public sealed record Result(Now Now, IReadOnlyList<Point> Series, IReadOnlyList<Workplace> ByWorkplace);

    /// <summary>A change in the number achieved on a day at a workplace (the database sums them per day and workplace).</summary>
    public readonly record struct Delta(DateOnly On, int? WorkplaceId, int Change);

    /// <summary>How many targets a workplace has (null: members with no workplace).</summary>
    public readonly record struct WorkplaceTargets(int? WorkplaceId, int Targets);

    /// <summary>From the raw dated history: turns it into deltas (<see cref="Deltas"/>) and sweeps them.</summary>
    public static Result Compute(Goal goal, DateOnly startsOn, DateOnly deadline, DateOnly today,
        IReadOnlyList<Target> targets, IReadOnlyList<Mark> assessments, IReadOnlyList<Event> events)
    {
        var workplaceOf = new Dictionary<int, int?>(targets.Count);
        foreach (var t in targets) workplaceOf.TryAdd(t.MemberId, t.WorkplaceId);
        var counts = workplaceOf.Values.GroupBy(w => w).Select(g => new WorkplaceTargets(g.Key, g.Count())).ToList();
        return Compute(goal, startsOn, deadline, today, counts, Deltas(goal, startsOn, targets, assessments, events));
    }

    /// <summary>
    /// What the database computes per target (see <c>GetCampaignProgress</c>), here over plain records:
    /// <list type="bullet">
    /// <item>level-share: walking each target's marks in time order (ties: the worse level last, as the index
    /// reads them), +1 on the day "achieved" turns on, −1 on the day it turns off;</item>
    /// <item>conversations: +1 on the day of each conversation from the start on;</item>
    /// <item>structure-test-share: +1 on the day of each target's earliest participation.</item>
    /// </list>
    /// </summary>
    public static List<Delta> Deltas(Goal goal, DateOnly startsOn, IReadOnlyList<Target> targets, IReadOnlyList<Mark> assessments, IReadOnlyList<Event> events)
    {
        var workplaceOf = new Dictionary<int, int?>(targets.Count);
        foreach (var t in targets) workplaceOf.TryAdd(t.MemberId, t.WorkplaceId);
        var deltas = new List<Delta>();
        switch (goal.Kind)
        {
            case GoalKinds.LevelShare:
            {
                var level = goal.Level ?? 0;
                foreach (var member in assessments.Where(a => workplaceOf.ContainsKey(a.MemberId)).GroupBy(a => a.MemberId))
                {
                    var achieved = false;
                    foreach (var m in member.OrderBy(a => a.At).ThenBy(a => a.Level))
                    {
                        var now = m.Level <= level;
                        if (now == achieved) continue;
                        deltas.Add(new(Day(m.At), workplaceOf[m.MemberId], now ? 1 : -1));
                        achieved = now;
                    }
                }
                break;
            }
            case GoalKinds.Conversations:
                foreach (var e in events)
                    if (e.On >= startsOn && workplaceOf.TryGetValue(e.MemberId, out var w)) deltas.Add(new(e.On, w, 1));
                break;
            case GoalKinds.StructureTestShare:
                foreach (var member in events.Where(e => workplaceOf.ContainsKey(e.MemberId)).GroupBy(e => e.MemberId))
                    deltas.Add(new(member.Min(e => e.On), workplaceOf[member.Key], 1));
                break;
            default:
                throw new ArgumentException($"Unknown goal kind '{goal.Kind}'.", nameof(goal));
        }
        return deltas;
    }

    /// <summary>
    /// The sweep: running sums of the deltas give every day, overall and per workplace. Deltas dated
    /// after the last day needed are ignored; those before the first fold into it.
    /// </summary>
    public static Result Compute(Goal goal, DateOnly startsOn, DateOnly deadline, DateOnly today,
        IReadOnlyList<WorkplaceTargets> workplaceTargets, IReadOnlyList<Delta> deltas)
    {
        if (!GoalKinds.All.Contains(goal.Kind)) throw new ArgumentException($"Unknown goal kind '{goal.Kind}'.", nameof(goal));
        var end = today < deadline ? today : deadline;        // the series' last day
        var first = today < startsOn ? today : startsOn;      // the sweep's first day: earlier history folds into it
        var last = today > end ? today : end;
        if (last < first) last = first;
        var days = last.DayNumber - first.DayNumber + 1;

        // A dense index per workplace (null included); a delta at a workplace with no targets still counts overall.
        var workplaces = new List<int?>();
        var targetsPerWorkplace = new List<int>();
        var index = new Dictionary<int, int>();
        var noWorkplace = -1;
        int IndexOf(int? workplaceId)
        {
            if (workplaceId is { } id)
            {
                if (index.TryGetValue(id, out var i)) return i;
                index[id] = workplaces.Count;
            }
            else if (noWorkplace >= 0) return noWorkplace;
            else noWorkplace = workplaces.Count;
            workplaces.Add(workplaceId);
            targetsPerWorkplace.Add(0);
            return workplaces.Count - 1;
        }
        foreach (var w in workplaceTargets) targetsPerWorkplace[IndexOf(w.WorkplaceId)] += w.Targets;
        var total = targetsPerWorkplace.Sum();
        foreach (var d in deltas) IndexOf(d.WorkplaceId);

        var delta = new long[days];
        var byWorkplace = new long[workplaces.Count, days];
        foreach (var d in deltas)
        {
            if (d.On > last) continue;
            var i = d.On < first ? 0 : d.On.DayNumber - first.DayNumber;
            delta[i] += d.Change;
            byWorkplace[IndexOf(d.WorkplaceId), i] += d.Change;
        }

        var (overallNow, overallSeries) = Sweep(goal, total, startsOn, end, today, first, i => delta[i], days);
        var perWorkplace = new List<Workplace>(workplaces.Count);
        for (var w = 0; w < workplaces.Count; w++)
        {
            var ww = w;
            var (n, s) = Sweep(goal, targetsPerWorkplace[w], startsOn, end, today, first, i => byWorkplace[ww, i], days);
            perWorkplace.Add(new(workplaces[w], n, s));
        }
        return new(overallNow, overallSeries, perWorkplace);
    }

    static (Now, IReadOnlyList<Point>) Sweep(Goal goal, int targets, DateOnly startsOn, DateOnly end, DateOnly today, DateOnly first, Func<int, long> delta, int days)
    {
        var series = new List<Point>(Math.Max(0, end.DayNumber - startsOn.DayNumber + 1));
        long running = 0;
        Now? now = null;
        for (var i = 0; i < days; i++)
        {
            running += delta(i);
            var day = first.AddDays(i);
            if (day >= startsOn && day <= end) series.Add(new(day, Value(goal, targets, running), (int)running));
            if (day == today) now = Summary(goal, targets, running);
        }
        return (now ?? Summary(goal, targets, 0), series);
    }

    static Now Summary(Goal goal, int targets, long achieved)
    {
        var value = Value(goal, targets, achieved);
        var target = goal.Kind == GoalKinds.Conversations ? goal.Count ?? 0 : goal.Share ?? 0;
        return new(value, target <= 0 ? 0 : Math.Round(value / target, 4), targets, (int)achieved);
    }

    static decimal Value(Goal goal, int targets, long achieved) =>
        goal.Kind == GoalKinds.Conversations ? achieved : targets == 0 ? 0 : Math.Round((decimal)achieved / targets, 4);

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
