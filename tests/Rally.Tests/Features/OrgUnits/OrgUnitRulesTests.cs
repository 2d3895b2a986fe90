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
