using Rally.Features.Assessments;
using Rally.Web;
using static Rally.Features.Assessments.AssessmentRules;

namespace Rally.Tests.Features.Assessments;

public class AssessmentRulesTests
{
    static readonly DateTimeOffset Now = new(1919, 3, 1, 12, 0, 0, TimeSpan.Zero);

    static readonly ScaleInfo Engagement = new(1, "engagement", "Engagement", 90,
        [(1, "leader"), (2, "supporter"), (3, "undecided"), (4, "sceptical"), (5, "opposed")]);

    static readonly ScaleInfo Leadership = new(7, "leadership", "Leadership", 30, [(1, "leads"), (2, "follows")]);

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, false)] // exactly as old as allowed: not yet stale
    [InlineData(91, true)]
    public void An_assessment_is_stale_when_older_than_the_scale_allows(int daysAgo, bool stale)
    {
        Assert.Equal(stale, IsStale(Now.AddDays(-daysAgo), 90, Now));
    }

    [Fact]
    public void Stale_a_second_past_the_limit()
    {
        Assert.True(IsStale(Now.AddDays(-90).AddSeconds(-1), 90, Now));
    }

    [Fact]
    public void The_current_level_is_the_one_made_latest_not_the_one_recorded_last()
    {
        // Recorded in id order 10, 11, 12; made 100, 20 and 50 days ago: the one made 20 days ago (id 11) is current.
        Point[] history =
        [
            new(10, 1, 5, Now.AddDays(-100), "a"),
            new(11, 1, 3, Now.AddDays(-20), "b"),
            new(12, 1, 4, Now.AddDays(-50), "c"),
            new(13, 7, 2, Now.AddDays(-31), "d"),
        ];
        var current = CurrentLevels([Engagement, Leadership], history, Now);
        Assert.Equal(3, current[0].Latest!.Level);
        Assert.Equal("undecided", current[0].LevelName);
        Assert.False(current[0].Stale);
        // 31 days on a 30-day scale.
        Assert.Equal(2, current[1].Latest!.Level);
        Assert.Equal("follows", current[1].LevelName);
        Assert.True(current[1].Stale);
    }

    [Fact]
    public void Made_at_the_same_moment_the_later_recorded_wins()
    {
        var at = Now.AddDays(-1);
        var current = CurrentLevels([Engagement], [new(21, 1, 2, at, "a"), new(20, 1, 4, at, "b")], Now);
        Assert.Equal(21, current.Single().Latest!.Id);
    }

    [Fact]
    public void A_scale_never_assessed_has_no_level_and_is_not_stale()
    {
        var current = CurrentLevels([Engagement, Leadership], [new(1, 1, 1, Now, "a")], Now);
        Assert.Null(current[1].Latest);
        Assert.Null(current[1].LevelName);
        Assert.False(current[1].Stale);
        Assert.Equal(["engagement", "leadership"], current.Select(c => c.Scale.Code));
    }

    public static TheoryData<int?[], bool> LevelSets => new()
    {
        { [1, 2], true },
        { [2, 1, 3], true },
        { [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true },
        { [1], false },                                 // a scale needs two levels at least
        { [1, 3], false },                              // a gap
        { [1, 1, 2], false },                           // a repeat
        { [0, 1], false },                              // numbering starts at 1
        { [1, null], false },                           // an unnumbered level
        { [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], false }, // more than ten
    };

    [Theory, MemberData(nameof(LevelSets))]
    public void Levels_run_from_1_to_N_without_gaps(int?[] numbers, bool valid)
    {
        var errors = new FieldErrors();
        ValidateLevels(errors, numbers.Select(n => new LevelInput(n, "name " + n)).ToList());
        Assert.Equal(!valid, errors.Any);
        if (!valid) Assert.True(errors.ToDictionary().ContainsKey("levels"));
    }

    [Fact]
    public void Every_level_is_named()
    {
        var errors = new FieldErrors();
        ValidateLevels(errors, [new(1, "a"), new(2, "  ")]);
        Assert.True(errors.ToDictionary().ContainsKey("levels"));
        var none = new FieldErrors();
        ValidateLevels(none, null);
        Assert.True(none.Any);
    }

    [Theory]
    [InlineData(null, "/1/5/23/", true)]       // federation-wide
    [InlineData("/1/5/", "/1/5/23/", true)]    // the union's own, for a branch member
    [InlineData("/1/5/", "/1/5/", true)]       // and for the union's own members
    [InlineData("/1/5/", "/1/6/", false)]      // not for another union
    [InlineData("/1/5/", "/1/50/", false)]     // whose id merely starts alike
    [InlineData("/1/5/23/", "/1/5/", false)]   // nor for the parent of the unit that added it
    public void A_union_s_scale_applies_in_its_subtree_only(string? scalePath, string memberPath, bool applies)
    {
        Assert.Equal(applies, Applies(scalePath, memberPath));
    }
}
