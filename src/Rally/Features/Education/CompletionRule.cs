namespace Rally.Features.Education;

/// <summary>
/// When a member completes a programme. The rule, exactly:
/// <list type="number">
/// <item>The programme's sessions are all the sessions recorded for it (held or planned), ordered by
/// date and then by id; N is their number. With N = 0 nobody completes.</item>
/// <item>A member needs <c>needed = max(1, ⌈CompletionShare × N⌉)</c> attended sessions, i.e.
/// attended / N ≥ CompletionShare, computed exactly in decimals (0.75 of 10 sessions = 8).</item>
/// <item>CompletedOn is the date of the attended session, in that order, at which the member's
/// count of attended sessions first reaches <c>needed</c>; null when it never does.</item>
/// </list>
/// Why N counts planned sessions too: with "sessions held so far" alone, a member present at the
/// first lecture of ten would stand at 1/1 = 100% and complete on day one. Counting the whole
/// schedule means nobody completes before enough sessions have been held, and a session added or
/// removed later moves every enrolment's date (or takes it away), because CompletedOn is recomputed
/// from the sessions and attendance whenever either changes (<see cref="Completions.RecomputeAsync"/>).
/// Attendance is only recorded for sessions already held, so CompletedOn is never in the future.
/// </summary>
public static class CompletionRule
{
    public sealed record Session(int Id, DateOnly HeldOn);

    public static int Needed(decimal share, int sessions) =>
        sessions == 0 ? 0 : Math.Max(1, (int)decimal.Ceiling(share * sessions));

    /// <summary>The completion date of one member, from the programme's sessions and the ids of the sessions they attended.</summary>
    public static DateOnly? CompletedOn(decimal share, IReadOnlyList<Session> sessions, IReadOnlySet<int> attended)
    {
        var needed = Needed(share, sessions.Count);
        if (needed == 0) return null;
        var count = 0;
        foreach (var s in sessions.OrderBy(s => s.HeldOn).ThenBy(s => s.Id))
            if (attended.Contains(s.Id) && ++count == needed)
                return s.HeldOn;
        return null;
    }

    /// <summary>Completion dates for every member with attendance: member id → date (members who have not completed are absent).</summary>
    public static Dictionary<int, DateOnly> CompletedOn(decimal share, IReadOnlyList<Session> sessions, IEnumerable<(int SessionId, int MemberId)> attendance)
    {
        var result = new Dictionary<int, DateOnly>();
        foreach (var member in attendance.GroupBy(a => a.MemberId))
            if (CompletedOn(share, sessions, member.Select(a => a.SessionId).ToHashSet()) is { } on)
                result[member.Key] = on;
        return result;
    }
}
