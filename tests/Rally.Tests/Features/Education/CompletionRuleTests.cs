using Rally.Features.Education;
using static Rally.Features.Education.CompletionRule;

namespace Rally.Tests.Features.Education;

public class CompletionRuleTests
{
    static readonly DateOnly Jan6 = new(1919, 1, 6);

    /// <summary>Weekly sessions from 6 January 1919: ids 1..n.</summary>
    static List<Session> Weekly(int n) => Enumerable.Range(1, n).Select(i => new Session(i, Jan6.AddDays(7 * (i - 1)))).ToList();

    [Theory]
    [InlineData("0.75", 10, 8)]   // 7.5 → 8
    [InlineData("0.75", 4, 3)]
    [InlineData("0.75", 8, 6)]    // exactly 6
    [InlineData("0.5", 5, 3)]     // 2.5 → 3
    [InlineData("1", 3, 3)]
    [InlineData("0", 3, 1)]       // a zero share still asks for one session
    [InlineData("0.3333", 3, 1)]  // 0.9999 → 1
    [InlineData("0.6667", 3, 3)]  // 2.0001 → 3: exact decimals, no float slack
    [InlineData("0.75", 0, 0)]
    public void Needed_is_the_share_of_all_sessions_rounded_up(string share, int sessions, int needed) =>
        Assert.Equal(needed, Needed(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), sessions));

    [Fact]
    public void Completion_is_the_date_of_the_attended_session_that_reaches_the_share()
    {
        // Ten sessions at 0.75: eight needed. Attended 1-4, 6-9: the eighth is session 9 on 3 March.
        var on = CompletedOn(0.75m, Weekly(10), new HashSet<int> { 1, 2, 3, 4, 6, 7, 8, 9 });
        Assert.Equal(new DateOnly(1919, 3, 3), on);
    }

    [Fact]
    public void Attending_the_first_of_many_sessions_is_not_completion()
    {
        // Four sessions planned, only the first held so far: 1 of 4 < 0.75.
        Assert.Null(CompletedOn(0.75m, Weekly(4), new HashSet<int> { 1 }));
        // Seven of ten is short of eight.
        Assert.Null(CompletedOn(0.75m, Weekly(10), new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 }));
    }

    [Fact]
    public void Sessions_are_taken_in_date_order_not_id_order()
    {
        // Session 3 was entered last but held first (30 December 1918).
        List<Session> sessions = [new(1, new(1919, 1, 6)), new(2, new(1919, 1, 13)), new(3, new(1918, 12, 30))];
        // Share 0.6667 of 3 = 2.0001 → all three; share 0.5 → 2: attended 3 (30 Dec) and 1 (6 Jan) → 6 January.
        Assert.Equal(new DateOnly(1919, 1, 6), CompletedOn(0.5m, sessions, new HashSet<int> { 1, 3 }));
        Assert.Null(CompletedOn(0.6667m, sessions, new HashSet<int> { 1, 3 }));
    }

    [Fact]
    public void Adding_a_session_can_move_or_take_away_a_completion()
    {
        var attended = new HashSet<int> { 1, 2, 3 };
        // Four sessions: three needed, reached on session 3 (20 January).
        Assert.Equal(new DateOnly(1919, 1, 20), CompletedOn(0.75m, Weekly(4), attended));
        // A fifth session planned: 0.75 × 5 = 3.75 → four needed; not reached.
        Assert.Null(CompletedOn(0.75m, Weekly(5), attended));
        // Attending the fifth (3 February) completes again, on that day.
        Assert.Equal(new DateOnly(1919, 2, 3), CompletedOn(0.75m, Weekly(5), new HashSet<int> { 1, 2, 3, 5 }));
    }

    [Fact]
    public void No_sessions_no_completion() => Assert.Null(CompletedOn(0m, [], new HashSet<int>()));

    [Fact]
    public void Completions_for_a_programme_list_only_members_who_completed()
    {
        (int, int)[] attendance = [(1, 100), (2, 100), (3, 100), (1, 200), (3, 300), (4, 300), (2, 300)];
        var result = CompletedOn(0.75m, Weekly(4), attendance);
        // 100 attended 1,2,3 → third on 20 Jan; 300 attended 2,3,4 → third on 27 Jan; 200 once: not complete.
        Assert.Equal(new Dictionary<int, DateOnly> { [100] = new(1919, 1, 20), [300] = new(1919, 1, 27) }, result);
    }
}
