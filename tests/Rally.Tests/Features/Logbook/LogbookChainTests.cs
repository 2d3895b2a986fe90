using System.Globalization;
using Rally.Features.Logbook;
using Chain = Rally.Features.Logbook.Logbook;

namespace Rally.Tests.Features.Logbook;

public class LogbookChainTests
{
    static readonly DateTimeOffset Noon = new(1919, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_hash_is_the_SHA_256_of_the_length_prefixed_fields()
    {
        // Worked out independently (Python hashlib) over
        // "1:1\n14:-1604318400000\n4:demo\n17:decision-recorded\n8:Decision\n1:7\n14:{"decision":7}\n64:000...0\n".
        Assert.Equal("1a18bcbbdd654a1a7ddfa70c07aba91682b9c07db64fe3b1d9db9931bd3b0d42",
            LogbookEntry.ComputeHash(1, Noon, "demo", "decision-recorded", "Decision", 7, """{"decision":7}""", LogbookEntry.Genesis));
    }

    [Fact]
    public void The_hash_does_not_depend_on_the_culture()
    {
        // 1919 is before 1970: the milliseconds are negative, and Swedish writes the minus sign as U+2212.
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("sv-SE");
            Assert.Equal("1a18bcbbdd654a1a7ddfa70c07aba91682b9c07db64fe3b1d9db9931bd3b0d42",
                LogbookEntry.ComputeHash(1, Noon, "demo", "decision-recorded", "Decision", 7, """{"decision":7}""", LogbookEntry.Genesis));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Moving_a_field_boundary_changes_the_hash()
    {
        // Without the lengths "ab"+"c" and "a"+"bc" would hash alike.
        Assert.NotEqual(LogbookEntry.ComputeHash(1, Noon, "ab", "c", "Decision", 1, "{}", LogbookEntry.Genesis),
            LogbookEntry.ComputeHash(1, Noon, "a", "bc", "Decision", 1, "{}", LogbookEntry.Genesis));
    }

    static List<LogbookEntry> ChainOf(int n)
    {
        var entries = new List<LogbookEntry>();
        var previous = LogbookEntry.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = new LogbookEntry { Sequence = i, At = Noon.AddMinutes(i), Actor = "demo", Kind = "decision-recorded", SubjectType = "Decision", SubjectId = i, Payload = $$"""{"n":{{i}}}""", PreviousHash = previous, Hash = "" };
            e.Hash = e.ComputeHash();
            previous = e.Hash;
            entries.Add(e);
        }
        return entries;
    }

    [Fact]
    public void An_intact_chain_verifies_and_names_its_head()
    {
        var entries = ChainOf(4);
        var result = Chain.Verify(entries);
        Assert.True(result.Intact);
        Assert.Equal(4, result.Entries);
        Assert.Equal(entries[^1].Hash, result.Head);
        Assert.True(Chain.Verify([]).Intact);
        Assert.Null(Chain.Verify([]).Head);
    }

    [Fact]
    public void An_altered_field_is_named_at_its_entry()
    {
        var entries = ChainOf(4);
        entries[2].Payload = """{"n":333}""";
        var result = Chain.Verify(entries);
        Assert.Equal(3, result.FirstBroken!.Sequence);
        Assert.Contains("altered", result.FirstBroken.Reason);
    }

    [Fact]
    public void A_removed_entry_is_named_as_missing()
    {
        var entries = ChainOf(4);
        entries.RemoveAt(1);
        var result = Chain.Verify(entries);
        Assert.Equal(2, result.FirstBroken!.Sequence);
        Assert.Contains("entry 2 is missing", result.FirstBroken.Reason);
    }

    [Fact]
    public void A_rehashed_entry_still_breaks_the_next_link()
    {
        // Whoever alters entry 2 and recomputes its hash breaks entry 3, which carries the old one.
        var entries = ChainOf(4);
        entries[1].Payload = """{"n":22}""";
        entries[1].Hash = entries[1].ComputeHash();
        var result = Chain.Verify(entries);
        Assert.Equal(3, result.FirstBroken!.Sequence);
        Assert.Contains("does not carry the hash of entry 2", result.FirstBroken.Reason);
    }
}
