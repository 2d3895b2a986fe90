using System.Globalization;

namespace Rally.Features.Education;

/// <summary>
/// The figures of the effect report, from each member's two assessments: the last before the
/// programme's start ("before") and the latest from the start up to its end or today ("after").
/// Level 1 is best, so a negative change is an improvement. Members lacking either assessment are
/// counted apart and left out of every other figure.
/// </summary>
public static class EffectFigures
{
    public sealed record Pair(int? Before, int? After);

    public sealed record Group(int Members, int WithBoth, int WithoutBoth, int Improved, int Same, int Worse, decimal? MeanChange);

    public static Group Of(IEnumerable<Pair> pairs)
    {
        int members = 0, improved = 0, same = 0, worse = 0, total = 0;
        foreach (var p in pairs)
        {
            members++;
            if (p is not { Before: { } before, After: { } after }) continue;
            var change = after - before;
            total += change;
            if (change < 0) improved++;
            else if (change == 0) same++;
            else worse++;
        }
        var withBoth = improved + same + worse;
        // Rounded half away from zero to two places: -0.4, -0.33, 0.67.
        decimal? mean = withBoth == 0 ? null : decimal.Round((decimal)total / withBoth, 2, MidpointRounding.AwayFromZero);
        return new(members, withBoth, members - withBoth, improved, same, worse, mean);
    }

    /// <summary>
    /// One sentence that says what the numbers are and no more. <paramref name="attendees"/> names
    /// the group ("Members who completed it", "Members who attended at least one session").
    /// </summary>
    public static string Sentence(string attendees, Group attended, Group comparison)
    {
        static string Moved(Group g) => g.MeanChange is { } m ? $"moved by {Signed(m)} (n={g.WithBoth})" : "cannot be compared (n=0)";
        return $"{attendees}: mean engagement level {Moved(attended)}; comparable non-attendees: {Moved(comparison)}. " +
            "Level 1 is best, so a negative change is an improvement. This compares groups; it does not show the programme caused the difference.";
    }

    /// <summary>−0.4 with a real minus sign, +0.1 with a plus, 0 bare.</summary>
    public static string Signed(decimal value) =>
        value switch
        {
            < 0 => "\u2212" + (-value).ToString("0.##", CultureInfo.InvariantCulture),
            > 0 => "+" + value.ToString("0.##", CultureInfo.InvariantCulture),
            _ => "0",
        };
}
