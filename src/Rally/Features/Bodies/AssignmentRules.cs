namespace Rally.Features.Bodies;

/// <summary>Pure rules of assignments: terms, overlaps and seats, over inclusive day ranges (an open end goes on).</summary>
public static class AssignmentRules
{
    /// <summary>A justification shorter than this says too little to stand in for an unmet condition.</summary>
    public const int MinJustificationLength = 20;

    /// <summary>The last day of a term: a 12-month term from 1919-03-01 runs to 1920-02-29.</summary>
    public static DateOnly TermEnds(DateOnly startsOn, int termMonths) => startsOn.AddMonths(termMonths).AddDays(-1);

    /// <summary>Whether two day ranges share at least one day.</summary>
    public static bool Overlaps(DateOnly aStart, DateOnly? aEnd, DateOnly bStart, DateOnly? bEnd) =>
        (aEnd is null || bStart <= aEnd) && (bEnd is null || aStart <= bEnd);

    /// <summary>Whether a member holds it on <paramref name="day"/>.</summary>
    public static bool Holds(DateOnly startsOn, DateOnly? endsOn, DateOnly day) => startsOn <= day && (endsOn is null || day <= endsOn);

    /// <summary>
    /// The most holders on any one day of [<paramref name="start"/>, <paramref name="end"/>] among
    /// <paramref name="held"/>, and the first day it is reached (null when none overlaps).
    /// </summary>
    public static (int Peak, DateOnly? On) Peak(IEnumerable<(DateOnly Start, DateOnly? End)> held, DateOnly start, DateOnly? end)
    {
        var events = new List<(DateOnly Day, int Delta)>();
        foreach (var (s, e) in held)
        {
            if (!Overlaps(s, e, start, end)) continue;
            events.Add((s < start ? start : s, +1));
            // A holder who leaves inside the range frees the seat the day after their last day.
            if (e is { } last && (end is null || last < end)) events.Add((last.AddDays(1), -1));
        }
        int count = 0, peak = 0;
        DateOnly? on = null;
        // Leavers before joiners on the same day: a seat freed on a day can be taken that day.
        foreach (var (day, delta) in events.OrderBy(e => e.Day).ThenBy(e => e.Delta))
        {
            count += delta;
            if (count > peak) (peak, on) = (count, day);
        }
        return (peak, on);
    }
}
