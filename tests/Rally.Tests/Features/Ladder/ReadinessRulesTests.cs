using Rally.Features.Ladder;

namespace Rally.Tests.Features.Ladder;

/// <summary>Which rung a member is measured against, since when they have been stuck, and which categories are least engaged — worked out by hand.</summary>
public class ReadinessRulesTests
{
    static DateOnly D(int year, int month, int day) => new(year, month, day);
    static readonly DateOnly Today = D(1919, 3, 1);

    [Fact]
    public void The_next_rung_is_one_above_the_highest_held_today_or_ever_and_none_at_the_top()
    {
        Assert.Equal(3, ReadinessRules.NextRung(holdingNow: 2, highestEver: 4, top: 4));
        Assert.Equal(4, ReadinessRules.NextRung(holdingNow: null, highestEver: 3, top: 4));
        Assert.Null(ReadinessRules.NextRung(holdingNow: 4, highestEver: 4, top: 4));
        Assert.Null(ReadinessRules.NextRung(holdingNow: null, highestEver: null, top: 4));
    }

    [Fact]
    public void Since_joins_touching_spells_on_the_same_rung()
    {
        // Two one-year terms back to back (the second from the day after the first ended), then a third ongoing.
        Stint[] stints = [new(2, D(1916, 3, 1), D(1917, 2, 28)), new(2, D(1917, 3, 1), D(1918, 2, 28)), new(2, D(1918, 3, 1), null)];
        Assert.Equal((2, D(1916, 3, 1)), ReadinessRules.HighestSince(stints, Today));
        // A gap of one day breaks the spell.
        Stint[] gap = [new(2, D(1916, 3, 1), D(1917, 2, 27)), new(2, D(1917, 3, 1), null)];
        Assert.Equal((2, D(1917, 3, 1)), ReadinessRules.HighestSince(gap, Today));
        // Overlapping spells join too.
        Stint[] overlap = [new(1, D(1917, 1, 1), D(1918, 6, 30)), new(1, D(1918, 1, 1), null)];
        Assert.Equal((1, D(1917, 1, 1)), ReadinessRules.HighestSince(overlap, Today));
    }

    [Fact]
    public void Since_restarts_after_a_higher_rung_and_ignores_lower_ones()
    {
        // Rung 3 since 1917-06-01, rung 4 meanwhile until 1918-04-30: rung 3 is the highest only from 1918-05-01.
        Stint[] stints = [new(3, D(1917, 6, 1), null), new(4, D(1917, 6, 1), D(1918, 4, 30))];
        Assert.Equal((3, D(1918, 5, 1)), ReadinessRules.HighestSince(stints, Today));
        // A lower rung alongside changes nothing; the highest held today counts.
        Stint[] lower = [new(1, D(1916, 1, 1), null), new(2, D(1918, 9, 15), null)];
        Assert.Equal((2, D(1918, 9, 15)), ReadinessRules.HighestSince(lower, Today));
        // Nothing held today (ended yesterday, or not yet begun).
        Assert.Null(ReadinessRules.HighestSince([new(2, D(1918, 1, 1), D(1919, 2, 28)), new(1, D(1919, 3, 2), null)], Today));
        // Ending today still holds today.
        Assert.Equal((2, D(1918, 1, 1)), ReadinessRules.HighestSince([new(2, D(1918, 1, 1), Today)], Today));
    }

    [Fact]
    public void Stalled_counts_whole_calendar_months()
    {
        // From 1918-03-01 to 1919-03-01: exactly 12 months; from 1918-03-02 only 11.
        Assert.Equal(12, ReadinessRules.WholeMonths(D(1918, 3, 1), Today));
        Assert.True(ReadinessRules.Stalled(D(1918, 3, 1), Today, 12));
        Assert.Equal(11, ReadinessRules.WholeMonths(D(1918, 3, 2), Today));
        Assert.False(ReadinessRules.Stalled(D(1918, 3, 2), Today, 12));
    }

    [Fact]
    public void Least_engaged_categories_come_first_by_exact_share_then_order()
    {
        var industrial = new CategoryEngagement(1, Members: 6, Assigned: 4, SortOrder: 0, Name: "Industrial");
        var unskilled = new CategoryEngagement(2, Members: 3, Assigned: 2, SortOrder: 1, Name: "Unskilled");
        var domestic = new CategoryEngagement(3, Members: 3, Assigned: 1, SortOrder: 2, Name: "Domestic");
        var peasants = new CategoryEngagement(4, Members: 1000, Assigned: 333, SortOrder: 3, Name: "Poor peasants");
        var list = new List<CategoryEngagement> { industrial, unskilled, domestic, peasants };
        list.Sort(CategoryEngagement.LeastEngagedFirst);
        // 333/1000 < 1/3 < 4/6 = 2/3 (a tie: industrial sorts first).
        Assert.Equal([4, 3, 1, 2], list.Select(c => c.CategoryId));
    }
}
