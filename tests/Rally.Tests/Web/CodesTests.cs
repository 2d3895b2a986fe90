using Rally.Web;

namespace Rally.Tests.Web;

/// <summary>Codes of categories and org-unit kinds are lower-case slugs: ^[a-z0-9][a-z0-9-]{0,39}$.</summary>
public class CodesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("town-servant")]
    [InlineData("rural-semi-proletarian")]
    [InlineData("a-")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghij")] // 40 characters
    public void Lower_case_slugs_of_up_to_40_characters_are_valid(string code) => Assert.True(Codes.IsValid(code));

    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("Upper")]
    [InlineData("two words")]
    [InlineData("under_score")]
    [InlineData("dot.ted")]
    [InlineData("ünion")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijk")] // 41 characters
    [InlineData(null)]
    public void Anything_else_is_not(string? code) => Assert.False(Codes.IsValid(code));

    [Fact]
    public void Validate_names_the_field_and_says_what_is_wrong()
    {
        var errors = new FieldErrors();
        Codes.Validate(errors, "code", "Bad Code");
        Codes.Validate(errors, "other", "  ");
        var all = errors.ToDictionary();
        Assert.Contains("lower-case", Assert.Single(all["code"]));
        Assert.Equal("other is required.", Assert.Single(all["other"]));
    }

    [Fact]
    public void A_trailing_newline_does_not_slip_through()
    {
        // $ in .NET matches before a final \n; the rule must still refuse it.
        Assert.False(Codes.IsValid("abc\n"));
    }
}
