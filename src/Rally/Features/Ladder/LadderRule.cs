namespace Rally.Features.Ladder;

/// <summary>A spell on a rung: a member holding a post of that rung from StartsOn to EndsOn (inclusive; null = ongoing).</summary>
public sealed record Stint(int Rung, DateOnly StartsOn, DateOnly? EndsOn);

public sealed record RequiredProgramme(int Id, string Name);

/// <summary>What a rung asks, with the names the messages need.</summary>
public sealed record RungRequirement(
    int Position, string Name, int MinMonthsBelow, IReadOnlyList<RequiredProgramme> Programmes,
    int? ScaleId = null, string? ScaleName = null, int? AtOrBetterLevel = null, string? BelowName = null);

/// <summary>
/// A member's record as the ladder sees it on a day: the spells served, the programmes completed
/// (with the date), and the current level on each scale.
/// </summary>
public sealed record LadderRecord(IReadOnlyList<Stint> Stints, IReadOnlyDictionary<int, DateOnly> Completed, IReadOnlyDictionary<int, int> Levels)
{
    public static readonly LadderRecord Empty = new([], new Dictionary<int, DateOnly>(), new Dictionary<int, int>());
}

/// <summary>One condition of a rung the member does not meet, with a code for programs and a sentence for people.</summary>
public sealed record UnmetCondition(string Code, string Message);

/// <summary>The answer for one member and rung: every unmet condition, and the evidence for the met ones.</summary>
public sealed record LadderVerdict(IReadOnlyList<UnmetCondition> Unmet, IReadOnlyList<string> Evidence)
{
    public bool Allowed => Unmet.Count == 0;
}

/// <summary>
/// The gradualness rule: a member may take a post on rung N only if they have served rung N−1 or
/// above for the rung's minimum months (or held rung N or above before), and meet its other
/// conditions — programmes completed and a level on a scale — which always apply.
/// </summary>
public static class LadderRule
{
    public static LadderVerdict Check(RungRequirement rung, LadderRecord member, DateOnly on)
    {
        var unmet = new List<UnmetCondition>();
        var evidence = new List<string>();

        if (rung.Position > 1 && rung.MinMonthsBelow > 0)
        {
            var heldBefore = member.Stints.FirstOrDefault(s => s.Rung >= rung.Position && s.StartsOn <= on);
            var served = MonthsServed(member.Stints, rung.Position - 1, on);
            var below = rung.BelowName is null ? $"rung {rung.Position - 1}" : $"rung {rung.Position - 1} ({rung.BelowName})";
            if (heldBefore is not null)
                evidence.Add($"Held rung {heldBefore.Rung} from {heldBefore.StartsOn:yyyy-MM-dd}.");
            else if (served >= rung.MinMonthsBelow)
                evidence.Add($"Served {served} months on {below} or above (needs {rung.MinMonthsBelow}).");
            else
                unmet.Add(new("months-below", $"Needs {rung.MinMonthsBelow} months on {below} or above; has served {served}."));
        }

        foreach (var programme in rung.Programmes)
        {
            if (member.Completed.TryGetValue(programme.Id, out var completedOn) && completedOn <= on)
                evidence.Add($"Completed \"{programme.Name}\" on {completedOn:yyyy-MM-dd}.");
            else
                unmet.Add(new("programme", $"Needs the programme \"{programme.Name}\" completed."));
        }

        if (rung.ScaleId is { } scale && rung.AtOrBetterLevel is { } wanted)
        {
            var name = rung.ScaleName ?? "assessment";
            if (!member.Levels.TryGetValue(scale, out var level))
                unmet.Add(new("level", $"Needs {name} level {wanted} or better; has no assessment."));
            else if (level > wanted)
                unmet.Add(new("level", $"Needs {name} level {wanted} or better; current level is {level}."));
            else
                evidence.Add($"Current {name} level is {level} (needs {wanted} or better).");
        }

        return new(unmet, evidence);
    }

    /// <summary>
    /// Whole calendar months served on rung <paramref name="atOrAbove"/> or higher before <paramref name="on"/>:
    /// overlapping and adjacent spells are joined, and each joined spell counts the months from its
    /// first day (1 January to 31 March inclusive is 3 months; leftover days do not count).
    /// </summary>
    public static int MonthsServed(IEnumerable<Stint> stints, int atOrAbove, DateOnly on)
    {
        // Spells as [start, end) day ranges up to the day before `on`.
        var spells = stints
            .Where(s => s.Rung >= atOrAbove && s.StartsOn < on)
            .Select(s => (Start: s.StartsOn, End: s.EndsOn is { } e && e < on ? e.AddDays(1) : on))
            .OrderBy(s => s.Start)
            .ToList();
        var months = 0;
        DateOnly? start = null, end = null;
        foreach (var (s, e) in spells)
        {
            if (start is null || s > end)
            {
                if (start is not null)
                    months += WholeMonths(start.Value, end!.Value);
                (start, end) = (s, e);
            }
            else if (e > end)
                end = e;
        }
        return start is null ? months : months + WholeMonths(start.Value, end!.Value);
    }

    static int WholeMonths(DateOnly start, DateOnly endExclusive)
    {
        var months = (endExclusive.Year - start.Year) * 12 + endExclusive.Month - start.Month;
        while (months > 0 && start.AddMonths(months) > endExclusive)
            months--;
        return Math.Max(months, 0);
    }
}
