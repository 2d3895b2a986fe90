namespace Rally.Features.Ladder;

/// <summary>Pure rules behind the readiness lists: which rung a member is measured against, and since when they have been stuck.</summary>
public static class ReadinessRules
{
    /// <summary>
    /// The rung a member would advance to: one above the highest rung they hold today; for a member
    /// holding nothing today but who held rungs before, one above the highest they ever held (coming
    /// back at the old rung is not an advance). Null when they never held a rung (that is the
    /// never-engaged list) or are already on the top rung.
    /// </summary>
    public static int? NextRung(int? holdingNow, int? highestEver, int top) =>
        (holdingNow ?? highestEver) is { } from && from < top ? from + 1 : null;

    /// <summary>
    /// The rung a member holds today (the highest, if several) and the first day of the unbroken
    /// spell in which that has been their highest rung: spells on that rung that overlap or touch
    /// are joined, and a spell on a higher rung inside it restarts the count the day after it ended.
    /// Null when they hold nothing today.
    /// </summary>
    public static (int Rung, DateOnly Since)? HighestSince(IReadOnlyCollection<Stint> stints, DateOnly today)
    {
        var now = stints.Where(s => Holds(s, today)).ToList();
        if (now.Count == 0) return null;
        var rung = now.Max(s => s.Rung);
        var since = now.Where(s => s.Rung == rung).Min(s => s.StartsOn);
        // Walk back over earlier spells on the same rung that reach the day before.
        var earlier = stints.Where(s => s.Rung == rung && s.StartsOn < since).OrderByDescending(s => s.StartsOn).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var s in earlier)
                if (s.StartsOn < since && (s.EndsOn is null || s.EndsOn.Value >= since.AddDays(-1)))
                {
                    since = s.StartsOn;
                    changed = true;
                }
        }
        // A higher rung held meanwhile (it ended before today, or it would be the highest) means the stay restarted after it.
        foreach (var s in stints.Where(s => s.Rung > rung && s.StartsOn <= today && s.EndsOn is { } end && end >= since))
            if (s.EndsOn!.Value.AddDays(1) > since)
                since = s.EndsOn.Value.AddDays(1);
        return (rung, since);
    }

    /// <summary>Stalled: on the same highest rung for at least <paramref name="months"/> whole calendar months before today.</summary>
    public static bool Stalled(DateOnly since, DateOnly today, int months) => WholeMonths(since, today) >= months;

    /// <summary>Whole calendar months from <paramref name="since"/> up to (not including) <paramref name="today"/>, as the ladder counts them.</summary>
    public static int WholeMonths(DateOnly since, DateOnly today) => LadderRule.MonthsServed([new Stint(1, since, null)], 1, today);

    static bool Holds(Stint s, DateOnly day) => s.StartsOn <= day && (s.EndsOn is null || s.EndsOn.Value >= day);
}
