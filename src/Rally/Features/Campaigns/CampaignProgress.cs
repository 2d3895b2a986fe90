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
/// It is one sweep: each target contributes +1/−1 at the days its state changes, and running sums give every day.
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

    public static Result Compute(Goal goal, DateOnly startsOn, DateOnly deadline, DateOnly today,
        IReadOnlyList<Target> targets, IReadOnlyList<Mark> assessments, IReadOnlyList<Event> events)
    {
        var end = today < deadline ? today : deadline;        // the series' last day
        var first = today < startsOn ? today : startsOn;      // the sweep's first day: earlier history folds into it
        var last = today > end ? today : end;
        if (last < first) last = first;
        var days = last.DayNumber - first.DayNumber + 1;

        // Targets by member, with a dense index for their workplace.
        var workplaces = new List<int?>();
        var workplaceIndex = new Dictionary<int, int>();
        var noWorkplace = -1;
        var targetWorkplace = new Dictionary<int, int>(targets.Count);
        foreach (var t in targets)
        {
            int w;
            if (t.WorkplaceId is { } id)
            {
                if (!workplaceIndex.TryGetValue(id, out w)) { w = workplaces.Count; workplaceIndex[id] = w; workplaces.Add(id); }
            }
            else
            {
                if (noWorkplace < 0) { noWorkplace = workplaces.Count; workplaces.Add(null); }
                w = noWorkplace;
            }
            targetWorkplace.TryAdd(t.MemberId, w);
        }
        var delta = new long[days];
        var byWorkplace = new long[workplaces.Count, days];
        var targetsPerWorkplace = new int[workplaces.Count];
        foreach (var w in targetWorkplace.Values) targetsPerWorkplace[w]++;

        void Add(int w, DateOnly on, int change)
        {
            var i = on < first ? 0 : on.DayNumber - first.DayNumber;
            delta[i] += change;
            byWorkplace[w, i] += change;
        }

        switch (goal.Kind)
        {
            case GoalKinds.LevelShare:
            {
                var level = goal.Level ?? 0;
                var marks = assessments.Where(a => targetWorkplace.ContainsKey(a.MemberId) && Day(a.At) <= last).ToArray();
                // Read off the index they usually come in this order already; sorting is then skipped.
                if (!InOrder(marks)) Array.Sort(marks, (a, b) => a.MemberId != b.MemberId ? a.MemberId.CompareTo(b.MemberId) : a.At.CompareTo(b.At));
                var (member, achieved) = (int.MinValue, false);
                foreach (var m in marks)
                {
                    if (m.MemberId != member) (member, achieved) = (m.MemberId, false);
                    var now = m.Level <= level;
                    if (now == achieved) continue;
                    Add(targetWorkplace[m.MemberId], Day(m.At), now ? 1 : -1);
                    achieved = now;
                }
                break;
            }
            case GoalKinds.Conversations:
                foreach (var e in events)
                    if (e.On >= startsOn && e.On <= last && targetWorkplace.TryGetValue(e.MemberId, out var w)) Add(w, e.On, 1);
                break;
            case GoalKinds.StructureTestShare:
            {
                // At most one participation per member counts, the earliest.
                var earliest = new Dictionary<int, DateOnly>();
                foreach (var e in events)
                    if (e.On <= last && targetWorkplace.ContainsKey(e.MemberId) && (!earliest.TryGetValue(e.MemberId, out var seen) || e.On < seen))
                        earliest[e.MemberId] = e.On;
                foreach (var (m, on) in earliest) Add(targetWorkplace[m], on, 1);
                break;
            }
            default:
                throw new ArgumentException($"Unknown goal kind '{goal.Kind}'.", nameof(goal));
        }

        var total = targetWorkplace.Count;
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

    static bool InOrder(Mark[] marks)
    {
        for (var i = 1; i < marks.Length; i++)
            if (marks[i].MemberId < marks[i - 1].MemberId || marks[i].MemberId == marks[i - 1].MemberId && marks[i].At < marks[i - 1].At) return false;
        return true;
    }

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
