using Rally.Features.OrgUnits;

namespace Rally.Tests.Features.OrgUnits;

public class OrgPathTests
{
    [Fact]
    public void Child_appends_the_id_to_the_parent_path_and_a_root_starts_at_slash()
    {
        Assert.Equal("/1/", OrgPath.Child(null, 1));
        Assert.Equal("/1/5/", OrgPath.Child("/1/", 5));
        Assert.Equal("/1/5/23/", OrgPath.Child(OrgPath.Child(OrgPath.Child(null, 1), 5), 23));
    }

    [Fact]
    public void Ids_reads_the_path_back_root_first()
    {
        Assert.Equal([1, 5, 23], OrgPath.Ids("/1/5/23/"));
        Assert.Equal([1], OrgPath.Ids("/1/"));
    }

    [Theory]
    [InlineData("/1/", "/10")]
    [InlineData("/1/5/", "/1/50")]
    [InlineData("/1/50/", "/1/500")]
    [InlineData("/1/5/7/", "/1/5/70")]
    public void UpperBound_replaces_the_final_slash_with_the_character_after_it(string prefix, string bound)
    {
        Assert.Equal(bound, OrgPath.UpperBound(prefix));
        Assert.Equal('0', (char)('/' + 1));
    }

    [Theory]
    [InlineData("/1/5/", "/1/5/", true)]
    [InlineData("/1/5/", "/1/5/7/", true)]
    [InlineData("/1/5/", "/1/5/7/9/", true)]
    [InlineData("/1/5/", "/1/50/", false)]
    [InlineData("/1/5/", "/1/", false)]
    [InlineData("/1/5/", "/1/6/", false)]
    [InlineData("/1/5/", "/2/5/", false)]
    [InlineData("/1/", "/1/50/51/", true)]
    public void Contains_means_same_unit_or_descendant(string ancestor, string path, bool contains)
    {
        Assert.Equal(contains, OrgPath.Contains(ancestor, path));
    }

    // A tree with prefix traps: 5 and 50, 7 and 70, and a unit whose id sorts after every digit string of the same start.
    static readonly string[] Tree =
    [
        "/1/", "/1/4/", "/1/5/", "/1/5/7/", "/1/5/7/9/", "/1/5/70/", "/1/5/8/", "/1/50/", "/1/50/51/", "/1/500/", "/1/6/", "/1/59/", "/2/", "/2/5/", "/10/", "/10/5/",
    ];

    [Theory]
    [InlineData("/1/5/", new[] { "/1/5/", "/1/5/7/", "/1/5/7/9/", "/1/5/70/", "/1/5/8/" })]
    [InlineData("/1/5/7/", new[] { "/1/5/7/", "/1/5/7/9/" })]
    [InlineData("/1/50/", new[] { "/1/50/", "/1/50/51/" })]
    [InlineData("/1/", new[] { "/1/", "/1/4/", "/1/5/", "/1/5/7/", "/1/5/7/9/", "/1/5/70/", "/1/5/8/", "/1/50/", "/1/50/51/", "/1/500/", "/1/6/", "/1/59/" })]
    [InlineData("/2/", new[] { "/2/", "/2/5/" })]
    [InlineData("/1/6/", new[] { "/1/6/" })]
    public void The_range_from_a_path_to_its_upper_bound_selects_exactly_its_subtree(string root, string[] subtree)
    {
        // The databases compare paths byte-wise (SQLite BINARY, PostgreSQL collation "C"): ordinal order.
        var bound = OrgPath.UpperBound(root);
        var inRange = Tree.Where(p => string.CompareOrdinal(p, root) >= 0 && string.CompareOrdinal(p, bound) < 0);
        Assert.Equal(subtree.Order(StringComparer.Ordinal), inRange.Order(StringComparer.Ordinal));
        Assert.Equal(subtree.Order(StringComparer.Ordinal), Tree.Where(p => OrgPath.Contains(root, p)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("smi", "smj")]
    [InlineData("a", "b")]
    [InlineData("иван", "ивао")]
    public void PrefixEnd_is_the_first_key_after_every_key_with_the_prefix(string prefix, string end)
    {
        Assert.Equal(end, OrgPath.PrefixEnd(prefix));
        foreach (var key in new[] { prefix, prefix + "a", prefix + "z", prefix + "я" })
            Assert.True(string.CompareOrdinal(key, end) < 0, key);
    }
}
