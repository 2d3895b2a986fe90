using Rally.Features.OrgUnits;

namespace Rally.Tests.Features.OrgUnits;

public class OrgUnitRulesTests
{
    [Theory]
    [InlineData("/1/5/", "/1/6/", true)]      // a sibling
    [InlineData("/1/5/", "/1/", true)]        // its own parent (no move)
    [InlineData("/1/5/", "/1/50/", true)]     // a sibling whose id starts with the same digit
    [InlineData("/1/5/", "/1/5/", false)]     // itself
    [InlineData("/1/5/", "/1/5/7/", false)]   // a child
    [InlineData("/1/5/", "/1/5/7/9/", false)] // a grandchild
    [InlineData("/1/5/", null, true)]         // to the top
    public void A_unit_moves_anywhere_but_into_its_own_subtree(string unit, string? newParent, bool allowed) =>
        Assert.Equal(allowed, OrgUnitRules.CanMoveUnder(unit, newParent));

    [Fact]
    public void Rebase_keeps_the_part_below_the_moved_root() =>
        Assert.Equal("/1/3/5/7/", OrgUnitRules.Rebase("/1/2/5/7/", "/1/2/5/", "/1/3/5/"));

    [Theory]
    [InlineData("/1/", 0)]
    [InlineData("/1/2/", 1)]
    [InlineData("/1/2/30/", 2)]
    public void Depth_counts_ancestors(string path, int depth) => Assert.Equal(depth, OrgUnitRules.DepthOf(path));

    [Theory]
    [InlineData("TEXTILE", true)]
    [InlineData("ua-1", true)]
    [InlineData("a.b_c", true)]
    [InlineData("-lead", false)]
    [InlineData("", false)]
    [InlineData("two words", false)]
    [InlineData("Ткачи", false)]
    public void Codes_are_short_ascii_slugs(string code, bool valid) => Assert.Equal(valid, OrgUnitRules.IsValidCode(code));
}
