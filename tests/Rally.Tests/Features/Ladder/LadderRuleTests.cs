using Rally.Features.Ladder;

namespace Rally.Tests.Features.Ladder;

/// <summary>The gradualness rule against histories worked out by hand.</summary>
public class LadderRuleTests
{
    static DateOnly D(int year, int month, int day) => new(year, month, day);

    static readonly RequiredProgramme Training = new(7, "Practical management training");

    // Rung 3 asks 6 months on rung 2 or above; rung 4 asks 12 months on rung 3, the training, and engagement 2 or better.
    static readonly RungRequirement Rung1 = new(1, "Co-operative work", 0, []);
    static readonly RungRequirement Rung3 = new(3, "Control and inspection", 6, [], BelowName: "Supervising production");
    static readonly RungRequirement Rung4 = new(4, "Administrative post", 12, [Training], ScaleId: 1, ScaleName: "Engagement", AtOrBetterLevel: 2, BelowName: "Control and inspection");

    static LadderRecord Record(Stint[] stints, (int Programme, DateOnly On)[]? completed = null, int? engagement = null) => new(
        stints,
        (completed ?? []).ToDictionary(c => c.Programme, c => c.On),
        engagement is null ? new Dictionary<int, int>() : new Dictionary<int, int> { [1] = engagement.Value });

    [Fact]
    public void A_whole_calendar_month_runs_from_a_day_to_the_same_day_of_the_next_month()
    {
        // 1 Jan – 31 Mar inclusive ends before 1 Apr = 1 Jan + 3 months: exactly 3.
        Assert.Equal(3, LadderRule.MonthsServed([new(2, D(1918, 1, 1), D(1918, 3, 31))], 2, D(1919, 1, 1)));
        // One day short (to 30 Mar) is 2 months; leftover days never round up.
        Assert.Equal(2, LadderRule.MonthsServed([new(2, D(1918, 1, 1), D(1918, 3, 30))], 2, D(1919, 1, 1)));
        // An ongoing spell counts up to the day before: from 15 Sep 1918, on 15 Mar 1919 that is 6 months, on 14 Mar 5.
        Assert.Equal(6, LadderRule.MonthsServed([new(2, D(1918, 9, 15), null)], 2, D(1919, 3, 15)));
        Assert.Equal(5, LadderRule.MonthsServed([new(2, D(1918, 9, 15), null)], 2, D(1919, 3, 14)));
    }

    [Fact]
    public void Overlapping_and_adjacent_spells_are_joined_and_lower_rungs_do_not_count()
    {
        Stint[] stints =
        [
            new(2, D(1918, 1, 1), D(1918, 2, 28)),  // Jan–Feb on rung 2 ...
            new(3, D(1918, 3, 1), D(1918, 4, 30)),  // ... adjacent Mar–Apr on rung 3: joined, 4 months
            new(2, D(1918, 4, 1), D(1918, 5, 31)),  // overlaps and extends to May: 5 months in all
            new(1, D(1918, 6, 1), D(1918, 12, 31)), // rung 1 does not count for "rung 2 or above"
            new(2, D(1918, 9, 10), D(1918, 11, 9)), // a separate spell of 2 months
        ];
        Assert.Equal(7, LadderRule.MonthsServed(stints, 2, D(1919, 3, 1)));
        // Only rung 3 counts for "rung 3 or above": Mar–Apr.
        Assert.Equal(2, LadderRule.MonthsServed(stints, 3, D(1919, 3, 1)));
    }

    [Fact]
    public void A_member_with_no_experience_made_a_commissar_is_told_every_unmet_condition()
    {
        var verdict = LadderRule.Check(Rung4, LadderRecord.Empty, D(1919, 3, 1));

        Assert.False(verdict.Allowed);
        Assert.Equal(["months-below", "programme", "level"], verdict.Unmet.Select(u => u.Code));
        Assert.Equal("Needs 12 months on rung 3 (Control and inspection) or above; has served 0.", verdict.Unmet[0].Message);
        Assert.Equal("Needs the programme \"Practical management training\" completed.", verdict.Unmet[1].Message);
        Assert.Equal("Needs Engagement level 2 or better; has no assessment.", verdict.Unmet[2].Message);
    }

    [Fact]
    public void Meeting_every_condition_allows_it_with_the_evidence()
    {
        var member = Record([new(3, D(1918, 1, 15), D(1919, 1, 14))], [(7, D(1918, 12, 20))], engagement: 1);

        var verdict = LadderRule.Check(Rung4, member, D(1919, 3, 1));

        Assert.True(verdict.Allowed);
        Assert.Equal(
        [
            "Served 12 months on rung 3 (Control and inspection) or above (needs 12).",
            "Completed \"Practical management training\" on 1918-12-20.",
            "Current Engagement level is 1 (needs 2 or better).",
        ], verdict.Evidence);
    }

    [Fact]
    public void A_level_worse_than_asked_and_a_programme_completed_later_are_unmet()
    {
        var member = Record([new(3, D(1917, 1, 1), D(1918, 12, 31))], [(7, D(1919, 3, 2))], engagement: 3);

        var verdict = LadderRule.Check(Rung4, member, D(1919, 3, 1));

        Assert.Equal(["programme", "level"], verdict.Unmet.Select(u => u.Code));
        Assert.Equal("Needs Engagement level 2 or better; current level is 3.", verdict.Unmet[1].Message);
    }

    [Fact]
    public void Having_held_the_rung_before_waives_the_months_but_not_the_other_conditions()
    {
        // A month as commissar in 1918 and nothing since: the months are waived.
        var member = Record([new(4, D(1918, 5, 1), D(1918, 5, 31))], [(7, D(1918, 4, 1))], engagement: 4);

        var verdict = LadderRule.Check(Rung4, member, D(1919, 3, 1));

        Assert.Equal(["level"], verdict.Unmet.Select(u => u.Code));
        Assert.Equal("Held rung 4 from 1918-05-01.", verdict.Evidence[0]);
    }

    [Fact]
    public void The_first_rung_asks_nothing_and_service_after_the_day_does_not_count()
    {
        Assert.True(LadderRule.Check(Rung1, LadderRecord.Empty, D(1919, 3, 1)).Allowed);

        // Six months on rung 2 that only start tomorrow do not qualify for rung 3 today.
        var member = Record([new(2, D(1919, 3, 2), D(1919, 9, 1))]);
        var verdict = LadderRule.Check(Rung3, member, D(1919, 3, 1));
        Assert.Equal("Needs 6 months on rung 2 (Supervising production) or above; has served 0.", Assert.Single(verdict.Unmet).Message);
    }
}
