using Rally.Features.Bodies;

namespace Rally.Tests.Features.Bodies;

public class AssignmentRulesTests
{
    static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void A_term_ends_the_day_before_the_same_date_months_later()
    {
        Assert.Equal(D(1920, 2, 29), AssignmentRules.TermEnds(D(1919, 3, 1), 12)); // 1920 is a leap year
        Assert.Equal(D(1919, 3, 19), AssignmentRules.TermEnds(D(1918, 3, 20), 12));
        // 31 January + 1 month is 28 February (clamped), so the term's last day is 27 February.
        Assert.Equal(D(1919, 2, 27), AssignmentRules.TermEnds(D(1919, 1, 31), 1));
    }

    [Fact]
    public void Ranges_overlap_when_they_share_a_day_and_open_ends_go_on()
    {
        Assert.True(AssignmentRules.Overlaps(D(1919, 1, 1), D(1919, 1, 31), D(1919, 1, 31), null));
        Assert.False(AssignmentRules.Overlaps(D(1919, 1, 1), D(1919, 1, 31), D(1919, 2, 1), null));
        Assert.True(AssignmentRules.Overlaps(D(1919, 1, 1), null, D(1925, 1, 1), D(1925, 1, 1)));
        Assert.False(AssignmentRules.Overlaps(D(1919, 3, 1), null, D(1919, 1, 1), D(1919, 2, 28)));
    }

    [Fact]
    public void The_peak_counts_holders_on_the_busiest_day_of_the_range()
    {
        (DateOnly, DateOnly?)[] held =
        [
            (D(1919, 3, 1), null),               // A, open
            (D(1919, 3, 10), D(1919, 4, 30)),    // B
            (D(1919, 2, 20), D(1919, 3, 9)),     // C
        ];
        // 1–9 March: A and C; 10 March – 30 April: A and B; from 1 May: A alone.
        Assert.Equal((2, D(1919, 3, 1)), AssignmentRules.Peak(held, D(1919, 2, 1), null));
        Assert.Equal((2, D(1919, 4, 15)), AssignmentRules.Peak(held, D(1919, 4, 15), null));
        Assert.Equal((1, D(1919, 5, 1)), AssignmentRules.Peak(held, D(1919, 5, 1), D(1919, 5, 31)));
        // C leaves after 9 March and B arrives on 10 March: never three at once.
        Assert.Equal((2, D(1919, 3, 5)), AssignmentRules.Peak(held, D(1919, 3, 5), D(1919, 3, 12)));
        Assert.Equal((1, D(1919, 2, 20)), AssignmentRules.Peak(held, D(1919, 1, 1), D(1919, 2, 28)));
        Assert.Equal((0, null), AssignmentRules.Peak(held, D(1919, 1, 1), D(1919, 1, 31)));
    }
}
