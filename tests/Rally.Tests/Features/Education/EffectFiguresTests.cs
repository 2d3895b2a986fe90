using Rally.Features.Education;
using static Rally.Features.Education.EffectFigures;

namespace Rally.Tests.Features.Education;

public class EffectFiguresTests
{
    [Fact]
    public void Counts_and_mean_change_from_a_small_history()
    {
        // Level 1 is best: 4→3 and 3→1 improved (−1, −2), 2→2 same (0), 2→3 worse (+1).
        // Two members lack one of the assessments and are counted apart.
        Pair[] pairs = [new(4, 3), new(3, 1), new(2, 2), new(2, 3), new(null, 2), new(3, null)];
        var g = Of(pairs);
        Assert.Equal(new Group(Members: 6, WithBoth: 4, WithoutBoth: 2, Improved: 2, Same: 1, Worse: 1, MeanChange: -0.5m), g);
    }

    [Fact]
    public void Mean_change_is_rounded_to_two_places_half_away_from_zero()
    {
        // (−1 −1 +0) / 3 = −0.666… → −0.67
        Assert.Equal(-0.67m, Of([new(3, 2), new(3, 2), new(2, 2)]).MeanChange);
        // (+1 + 0 + 0 + 0 + 0 + 0 + 0 + 0) / 8 = 0.125 → 0.13
        Assert.Equal(0.13m, Of([new(2, 3), .. Enumerable.Repeat(new Pair(2, 2), 7)]).MeanChange);
    }

    [Fact]
    public void A_group_without_pairs_has_no_mean()
    {
        var g = Of([new(null, 1), new(null, null)]);
        Assert.Equal((2, 0, 2, (decimal?)null), (g.Members, g.WithBoth, g.WithoutBoth, g.MeanChange));
        Assert.Equal(new Group(0, 0, 0, 0, 0, 0, null), Of([]));
    }

    [Fact]
    public void The_sentence_states_the_numbers_and_disclaims_cause()
    {
        var attendees = Of([new(4, 3), new(3, 3), new(3, 2), new(2, 2), new(5, 5)]);          // −1, 0, −1, 0, 0: −0.4, n=5
        var others = Of([new(3, 3), new(4, 4), new(2, 2), new(3, 3), new(2, 2), new(4, 4), new(3, 3), new(2, 2), new(3, 4), new(4, 2)]); // +1 −2: −0.1, n=10
        Assert.Equal(-0.4m, attendees.MeanChange);
        Assert.Equal(-0.1m, others.MeanChange);
        Assert.Equal("Members who completed the programme: mean engagement level moved by \u22120.4 (n=5); comparable non-attendees: moved by \u22120.1 (n=10). " +
            "Level 1 is best, so a negative change is an improvement. This compares groups; it does not show the programme caused the difference.",
            Sentence("Members who completed the programme", attendees, others));
        Assert.Contains("cannot be compared (n=0)", Sentence("X", Of([]), others));
    }

    [Theory]
    [InlineData("-0.4", "\u22120.4")]
    [InlineData("0.25", "+0.25")]
    [InlineData("0", "0")]
    [InlineData("-1", "\u22121")]
    public void Signed_shows_the_sign(string value, string shown) =>
        Assert.Equal(shown, Signed(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
