using Rally.Features.OrgUnits;

namespace Rally.Features.StructureTests;

/// <summary>
/// The arithmetic of a structure test's results, over counts the database has already grouped:
/// shares, whether the target is met, totals by workplace and rolled up the org tree.
/// </summary>
public static class ParticipationArithmetic
{
    /// <summary>Members and participants of one (workplace, union or branch) group; a null workplace is "no workplace recorded".</summary>
    public sealed record Count(int? WorkplaceId, string UnitPath, int Members, int Participants);

    public sealed record Tally(int Members, int Participants, decimal? Share, bool TargetMet);

    public sealed record WorkplaceTally(int? WorkplaceId, Tally Tally);

    public sealed record UnitTally(string Path, Tally Tally);

    public sealed record Results(Tally Total, IReadOnlyList<WorkplaceTally> ByWorkplace, IReadOnlyList<UnitTally> ByUnit, int Workplaces, int WorkplacesMet);

    /// <summary>participants / members to four places, or null with no members.</summary>
    public static decimal? Share(int participants, int members) =>
        members == 0 ? null : Math.Round((decimal)participants / members, 4, MidpointRounding.AwayFromZero);

    /// <summary>
    /// share ≥ target, decided exactly on the whole numbers (participants ≥ target × members), not on
    /// the rounded share: 2 of 3 is 0.6667 shown, but short of a 0.6667 target (3 × 0.6667 = 2.0001).
    /// A group without members has not met any target.
    /// </summary>
    public static bool TargetMet(int participants, int members, decimal targetShare) =>
        members > 0 && participants >= targetShare * members;

    public static Tally Of(int members, int participants, decimal targetShare) =>
        new(members, participants, Share(participants, members), TargetMet(participants, members, targetShare));

    /// <summary>
    /// Groups outside the test's unit are ignored. By workplace (ordered by id, no workplace last), and by unit: every unit from the test's own
    /// unit down to each group's union or branch gets the group's counts, so a union's row is its whole subtree.
    /// </summary>
    public static Results Compute(IEnumerable<Count> counts, string testPath, decimal targetShare)
    {
        var list = counts.Where(c => OrgPath.Contains(testPath, c.UnitPath)).ToList();
        var byWorkplace = list.GroupBy(c => c.WorkplaceId)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key)
            .Select(g => new WorkplaceTally(g.Key, Of(g.Sum(c => c.Members), g.Sum(c => c.Participants), targetShare)))
            .ToList();
        var units = new Dictionary<string, (int Members, int Participants)>(StringComparer.Ordinal);
        foreach (var c in list)
        {
            foreach (var path in OrgPath.StrictAncestors(c.UnitPath).Append(c.UnitPath).Where(p => p.Length >= testPath.Length))
            {
                units.TryGetValue(path, out var sum);
                units[path] = (sum.Members + c.Members, sum.Participants + c.Participants);
            }
        }
        // Tree order: each unit before its descendants, siblings by id ("/1/9/" before "/1/10/").
        var byUnit = units.OrderBy(u => OrgPath.Ids(u.Key).ToArray(), IdSequence.Instance)
            .Select(u => new UnitTally(u.Key, Of(u.Value.Members, u.Value.Participants, targetShare))).ToList();
        var total = Of(list.Sum(c => c.Members), list.Sum(c => c.Participants), targetShare);
        var real = byWorkplace.Where(w => w.WorkplaceId is not null).ToList();
        return new(total, byWorkplace, byUnit, real.Count, real.Count(w => w.Tally.TargetMet));
    }

    sealed class IdSequence : IComparer<int[]>
    {
        public static readonly IdSequence Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
                if (x[i] != y[i]) return x[i].CompareTo(y[i]);
            return x.Length.CompareTo(y.Length);
        }
    }
}
