using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Features.StructureTests;
using static Rally.Features.StructureTests.ParticipationArithmetic;

namespace Rally.Tests.Features.StructureTests;

public class ParticipationArithmeticTests
{
    [Theory]
    [InlineData(2, 3, "0.6667")]   // 0.66666… rounds up
    [InlineData(1, 3, "0.3333")]
    [InlineData(1, 6, "0.1667")]   // 0.16666…
    [InlineData(1, 8, "0.125")]
    [InlineData(5, 7, "0.7143")]   // 0.714285…
    [InlineData(0, 4, "0")]
    [InlineData(4, 4, "1")]
    public void Share_is_participants_over_members_to_four_places(int participants, int members, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Share(participants, members));
    }

    [Fact]
    public void No_members_no_share() => Assert.Null(Share(0, 0));

    [Theory]
    [InlineData(5, 10, "0.5", true)]      // 5 ≥ 0.5 × 10 = 5
    [InlineData(4, 10, "0.5", false)]     // 4 < 5
    [InlineData(2, 3, "0.6667", false)]   // 3 × 0.6667 = 2.0001 > 2, though the rounded share shows 0.6667
    [InlineData(2, 3, "0.6666", true)]    // 3 × 0.6666 = 1.9998 ≤ 2
    [InlineData(0, 5, "0", true)]         // a zero target is met by anyone with members
    [InlineData(0, 0, "0", false)]        // nobody to count: no target is met
    [InlineData(7, 7, "1", true)]
    [InlineData(6, 7, "1", false)]
    public void Target_met_is_decided_exactly_on_whole_numbers(int participants, int members, string target, bool met)
    {
        Assert.Equal(met, TargetMet(participants, members, decimal.Parse(target, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Results_by_workplace_and_rolled_up_the_tree()
    {
        // Test on the union /1/2/; its branches /1/2/3/ and /1/2/4/; target half of each workplace.
        //   workplace 10: branch 3 has 4 members, 2 took part; branch 4 has 2, none  → 6 members, 2 took part
        //   workplace 11: branch 3 has 3 members, all 3 took part                       → 3, 3
        //   no workplace: 1 member of the union itself, did not take part              → 1, 0
        //   workplace 12 belongs to another union (/1/9/): not this test's             → ignored
        Count[] counts =
        [
            new(10, "/1/2/3/", 4, 2), new(10, "/1/2/4/", 2, 0), new(11, "/1/2/3/", 3, 3), new(null, "/1/2/", 1, 0), new(12, "/1/9/", 5, 5),
        ];
        var r = Compute(counts, "/1/2/", 0.5m);

        Assert.Equal(
        [
            new WorkplaceTally(10, new(6, 2, 0.3333m, false)),   // 2 < 3
            new WorkplaceTally(11, new(3, 3, 1m, true)),
            new WorkplaceTally(null, new(1, 0, 0m, false)),
        ], r.ByWorkplace);
        Assert.Equal(
        [
            new UnitTally("/1/2/", new(10, 5, 0.5m, true)),      // the whole subtree: 6 + 3 + 1 members, 2 + 3 + 0 took part; 5 ≥ 5
            new UnitTally("/1/2/3/", new(7, 5, 0.7143m, true)),  // 4 + 3 members, 2 + 3 took part
            new UnitTally("/1/2/4/", new(2, 0, 0m, false)),
        ], r.ByUnit);
        Assert.Equal(new Tally(10, 5, 0.5m, true), r.Total);
        Assert.Equal(2, r.Workplaces);       // "no workplace" is not a workplace
        Assert.Equal(1, r.WorkplacesMet);
    }

    [Fact]
    public void Units_come_in_tree_order_with_siblings_by_id()
    {
        var r = Compute([new(null, "/1/10/", 1, 0), new(null, "/1/9/12/", 1, 1), new(null, "/1/9/", 1, 0)], "/1/", 0.5m);
        Assert.Equal(["/1/", "/1/9/", "/1/9/12/", "/1/10/"], r.ByUnit.Select(u => u.Path));
        Assert.Equal([3, 2, 1, 1], r.ByUnit.Select(u => u.Tally.Members));
    }

    [Fact]
    public void No_members_no_rows()
    {
        var r = Compute([], "/1/", 0.3m);
        Assert.Empty(r.ByWorkplace);
        Assert.Empty(r.ByUnit);
        Assert.Equal(new Tally(0, 0, null, false), r.Total);
    }

    [Fact]
    public void Ancestors_of_a_path()
    {
        Assert.Equal(["/1/", "/1/5/"], OrgPath.StrictAncestors("/1/5/23/"));
        Assert.Empty(OrgPath.StrictAncestors("/1/"));
    }

    [Theory]
    [InlineData("organizer", "/1/5/", "/1/", true)]        // a grant inside the test's unit reaches it
    [InlineData("organizer", "/1/", "/1/5/", true)]        // a grant above it too
    [InlineData("organizer", "/1/6/", "/1/5/", false)]     // a sibling does not
    [InlineData("viewer", "/1/5/", "/1/5/", false)]        // too weak a role
    [InlineData("officer", null, "/1/5/", true)]           // federation-wide
    public void Reaches_a_test_from_above_or_below(string role, string? grantPath, string testPath, bool reaches)
    {
        Grant[] grants = [new(1, role, grantPath is null ? null : 9, grantPath, "X")];
        Assert.Equal(reaches, AccessRules.Reaches(grants, Roles.Organizer, testPath));
    }
}
