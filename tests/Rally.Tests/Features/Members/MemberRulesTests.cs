using Rally.Features.Members;

namespace Rally.Tests.Features.Members;

public class MemberRulesTests
{
    [Fact]
    public void The_five_statuses_in_order()
    {
        Assert.Equal(["applicant", "member", "lapsed", "left", "expelled"], MemberRules.Statuses);
        Assert.All(MemberRules.Statuses, s => Assert.True(MemberRules.IsStatus(s)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Member")]
    [InlineData("active")]
    [InlineData("deceased")]
    public void Anything_else_is_not_a_status(string? status)
    {
        Assert.False(MemberRules.IsStatus(status));
    }

    public static TheoryData<string, string, bool> Moves()
    {
        // The transitions table, by hand: rows are "from", the set after the arrow is where one may go.
        // applicant → member, left          (admitted, or withdrew the application)
        // member    → lapsed, left, expelled
        // lapsed    → member, left, expelled (paid up again, or gone)
        // left      → applicant, member      (re-applies, or is re-admitted directly)
        // expelled  → applicant              (only by applying afresh)
        var allowed = new HashSet<(string, string)>
        {
            ("applicant", "member"), ("applicant", "left"),
            ("member", "lapsed"), ("member", "left"), ("member", "expelled"),
            ("lapsed", "member"), ("lapsed", "left"), ("lapsed", "expelled"),
            ("left", "applicant"), ("left", "member"),
            ("expelled", "applicant"),
        };
        string[] all = ["applicant", "member", "lapsed", "left", "expelled"];
        var data = new TheoryData<string, string, bool>();
        foreach (var from in all)
            foreach (var to in all)
                data.Add(from, to, allowed.Contains((from, to)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Status_transitions_follow_the_table(string from, string to, bool allowed)
    {
        Assert.Equal(allowed, MemberRules.CanMove(from, to));
        Assert.Equal(allowed, MemberRules.NextStatuses(from).Contains(to));
    }

    [Fact]
    public void No_status_moves_to_itself_and_an_unknown_one_moves_nowhere()
    {
        Assert.All(MemberRules.Statuses, s => Assert.False(MemberRules.CanMove(s, s)));
        Assert.Empty(MemberRules.NextStatuses("deceased"));
        Assert.False(MemberRules.CanMove("deceased", MemberRules.Active));
        Assert.False(MemberRules.CanMove(MemberRules.Active, "deceased"));
    }

    [Theory]
    [InlineData("Smith", "smith")]
    [InlineData("  O'Brien ", "o'brien")]
    [InlineData("ИВАНОВ", "иванов")]
    [InlineData("Ёлкин", "ёлкин")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Key_is_the_trimmed_lower_case_name(string? name, string key)
    {
        Assert.Equal(key, MemberRules.Key(name));
    }

    [Fact]
    public void SetKeys_keeps_both_name_keys_in_step()
    {
        var m = new Member { MembershipNumber = "1", FirstName = " Pyotr", LastName = "Petrov ", Status = MemberRules.Active, LastNameKey = "stale", FirstNameKey = "stale" };
        MemberRules.SetKeys(m);
        Assert.Equal("petrov", m.LastNameKey);
        Assert.Equal("pyotr", m.FirstNameKey);
    }
}
