using System.Globalization;

namespace Rally.Features.Queue;

/// <summary>
/// The "who next" rule: whom an organiser should approach next and why. Over the members of their
/// turf and their own open follow-ups, in this order: overdue follow-ups (oldest due first), targets
/// never contacted, the least engaged (level 4–5) not contacted for <c>quietDays</c> days (longest
/// silence first), then stale or missing assessments (oldest first). A member appears once, under
/// the first reason that applies; ties fall back to surname, given name and id, so the order is stable.
/// </summary>
public static class WhoNext
{
    /// <summary>One member of the organiser's turf, with the facts the rule reads.</summary>
    /// <param name="Level">the current level on the engagement scale (the latest assessment), or null when never assessed</param>
    /// <param name="AssessedOn">the day of that latest assessment</param>
    /// <param name="LastContact">the day of the latest conversation, or null when nobody ever talked to them</param>
    public sealed record Target(int MemberId, string LastName, string FirstName, int? Level, DateOnly? AssessedOn, DateOnly? LastContact);

    /// <summary>An open (not done) follow-up assigned to the organiser.</summary>
    public sealed record OpenFollowUp(long Id, int MemberId, string LastName, string FirstName, string Action, DateOnly DueOn);

    /// <param name="LevelNames">the labels of the engagement scale's levels ("sceptical"), for the sentence</param>
    public sealed record Settings(DateOnly Today, int QuietDays, int StaleAfterDays, IReadOnlyDictionary<int, string> LevelNames);

    public sealed record Entry(int MemberId, string Reason, string Text, long? FollowUpId);

    public static class Reasons
    {
        public const string OverdueFollowUp = "overdue-follow-up";
        public const string NeverContacted = "never-contacted";
        public const string LeastEngaged = "least-engaged";
        public const string StaleAssessment = "stale-assessment";
        public static readonly IReadOnlyList<string> All = [OverdueFollowUp, NeverContacted, LeastEngaged, StaleAssessment];
    }

    /// <summary>The least engaged levels on the engagement scale (4 sceptical, 5 opposed).</summary>
    public const int LeastEngagedFrom = 4;

    public static List<Entry> Order(IEnumerable<Target> turf, IEnumerable<OpenFollowUp> followUps, Settings s)
    {
        var today = s.Today.DayNumber;
        var entries = new List<(Entry Entry, int Key1, string LastName, string FirstName)>();
        var placed = new HashSet<int>();

        // 1. Overdue follow-ups, the oldest due first; a member with several is placed by the oldest.
        foreach (var f in followUps.Where(f => f.DueOn.DayNumber < today)
                     .OrderBy(f => f.DueOn).ThenBy(f => f.LastName, StringComparer.Ordinal).ThenBy(f => f.FirstName, StringComparer.Ordinal)
                     .ThenBy(f => f.MemberId).ThenBy(f => f.Id))
        {
            if (!placed.Add(f.MemberId)) continue;
            var late = today - f.DueOn.DayNumber;
            entries.Add((new Entry(f.MemberId, Reasons.OverdueFollowUp,
                $"follow-up '{f.Action}' due {Day(f.DueOn)}, {Days(late)} overdue", f.Id), f.DueOn.DayNumber, f.LastName, f.FirstName));
        }

        var rest = turf.DistinctBy(t => t.MemberId).Where(t => !placed.Contains(t.MemberId)).ToList();
        var group = new List<(Entry, int, string, string)>();

        // 2. Never contacted.
        foreach (var t in rest.Where(t => t.LastContact is null))
            group.Add((new Entry(t.MemberId, Reasons.NeverContacted, "never contacted", null), 0, t.LastName, t.FirstName));
        Flush(entries, group, placed);

        // 3. The least engaged, quiet for at least QuietDays: the longest silence first.
        foreach (var t in rest.Where(t => !placed.Contains(t.MemberId) && t.Level >= LeastEngagedFrom && t.LastContact is { } c && today - c.DayNumber >= s.QuietDays))
        {
            var silence = today - t.LastContact!.Value.DayNumber;
            var name = s.LevelNames.TryGetValue(t.Level!.Value, out var n) ? n : "level";
            group.Add((new Entry(t.MemberId, Reasons.LeastEngaged, $"{name} ({t.Level}), last contact {Days(silence)} ago", null), -silence, t.LastName, t.FirstName));
        }
        Flush(entries, group, placed);

        // 4. Stale assessments (older than the scale allows) or none at all: never assessed first, then the oldest.
        foreach (var t in rest.Where(t => !placed.Contains(t.MemberId) && (t.AssessedOn is null || today - t.AssessedOn.Value.DayNumber > s.StaleAfterDays)))
        {
            if (t.AssessedOn is not { } on)
                group.Add((new Entry(t.MemberId, Reasons.StaleAssessment, "never assessed", null), int.MinValue, t.LastName, t.FirstName));
            else
                group.Add((new Entry(t.MemberId, Reasons.StaleAssessment, $"assessment {Days(today - on.DayNumber)} old", null), on.DayNumber, t.LastName, t.FirstName));
        }
        Flush(entries, group, placed);

        return [.. entries.Select(e => e.Entry)];
    }

    static void Flush(List<(Entry Entry, int Key1, string LastName, string FirstName)> entries, List<(Entry Entry, int Key1, string LastName, string FirstName)> group, HashSet<int> placed)
    {
        foreach (var e in group.OrderBy(e => e.Key1).ThenBy(e => e.LastName, StringComparer.Ordinal).ThenBy(e => e.FirstName, StringComparer.Ordinal).ThenBy(e => e.Entry.MemberId))
        {
            placed.Add(e.Entry.MemberId);
            entries.Add(e);
        }
        group.Clear();
    }

    /// <summary>"12 Feb 1919": short for a phone, with the year so that old follow-ups are not ambiguous.</summary>
    static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    static string Days(int n) => n == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{n} days");
}
