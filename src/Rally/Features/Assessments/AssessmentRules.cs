using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Assessments;

/// <summary>Pure rules of scales and assessments: which levels a scale may have, the current level, staleness.</summary>
public static class AssessmentRules
{
    public const int MaxLevels = 10;
    public const int MaxStaleAfterDays = 3650;

    public sealed record LevelInput(int? Level, string? Name);

    /// <summary>A scale's levels must be 1..N without gaps or repeats, each named; between 2 and <see cref="MaxLevels"/> of them.</summary>
    public static void ValidateLevels(FieldErrors errors, IReadOnlyList<LevelInput>? levels)
    {
        if (levels is null || levels.Count < 2 || levels.Count > MaxLevels)
        {
            errors.Add("levels", $"levels must list between 2 and {MaxLevels} levels.");
            return;
        }
        var numbers = levels.Select(l => l.Level ?? 0).OrderBy(n => n).ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, levels.Count)))
            errors.Add("levels", $"levels must be numbered 1 to {levels.Count} without gaps or repeats (1 is the best).");
        if (levels.Any(l => string.IsNullOrWhiteSpace(l.Name)))
            errors.Add("levels", "Every level needs a name.");
        else if (levels.Any(l => l.Name!.Trim().Length > 100))
            errors.Add("levels", "Level names must be at most 100 characters.");
    }

    /// <summary>Whether a scale added by the unit at <paramref name="scaleUnitPath"/> (null: federation-wide) applies to a member of the unit at <paramref name="memberUnitPath"/>.</summary>
    public static bool Applies(string? scaleUnitPath, string memberUnitPath) =>
        scaleUnitPath is null || OrgPath.Contains(scaleUnitPath, memberUnitPath);

    /// <summary>Stale when made more than <paramref name="staleAfterDays"/> days before now; exactly that old is not yet stale.</summary>
    public static bool IsStale(DateTimeOffset assessedAt, int staleAfterDays, DateTimeOffset now) =>
        assessedAt < now.AddDays(-staleAfterDays);

    public sealed record ScaleInfo(int Id, string Code, string Name, int StaleAfterDays, IReadOnlyList<(int Level, string Name)> Levels);

    public sealed record Point(long Id, int ScaleId, int Level, DateTimeOffset AssessedAt, string AssessedBy);

    public sealed record Current(ScaleInfo Scale, Point? Latest, string? LevelName, bool Stale);

    /// <summary>
    /// The current level on each scale: the assessment made latest (by when it was made, not when it
    /// was recorded; the later recorded wins a tie). A scale never assessed has no level and is not stale.
    /// </summary>
    public static IReadOnlyList<Current> CurrentLevels(IEnumerable<ScaleInfo> scales, IEnumerable<Point> assessments, DateTimeOffset now)
    {
        var latest = assessments.GroupBy(a => a.ScaleId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id).First());
        return scales.Select(s =>
        {
            var point = latest.GetValueOrDefault(s.Id);
            if (point is null) return new Current(s, null, null, false);
            var name = s.Levels.Where(l => l.Level == point.Level).Select(l => l.Name).FirstOrDefault();
            return new Current(s, point, name, IsStale(point.AssessedAt, s.StaleAfterDays, now));
        }).ToList();
    }
}
