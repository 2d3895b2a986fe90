using Rally.Features.FollowUps;

namespace Rally.Tests.Features.FollowUps;

public class FollowUpRulesTests
{
    static readonly DateOnly Today = new(1919, 3, 1);

    [Theory]
    [InlineData("1919-02-28", false, true)]  // due yesterday, not done
    [InlineData("1919-03-01", false, false)] // due today: not yet overdue
    [InlineData("1919-03-02", false, false)]
    [InlineData("1919-02-01", true, false)]  // done is never overdue
    public void Overdue_when_not_done_and_the_due_date_has_passed(string due, bool done, bool overdue)
    {
        DateTimeOffset? doneAt = done ? new DateTimeOffset(1919, 2, 2, 0, 0, 0, TimeSpan.Zero) : null;
        Assert.Equal(overdue, FollowUpRules.IsOverdue(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), doneAt, Today));
    }

    [Fact]
    public void Today_is_the_utc_date_of_the_clock()
    {
        // 01:30 on 1 March in Moscow (+03:00) is 22:30 UTC on 28 February: still the 28th.
        Assert.Equal(new DateOnly(1919, 2, 28), FollowUpRules.Today(new DateTimeOffset(1919, 3, 1, 1, 30, 0, TimeSpan.FromHours(3))));
        Assert.Equal(new DateOnly(1919, 3, 1), FollowUpRules.Today(new DateTimeOffset(1919, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("1919-03-08", true)]
    [InlineData(" 1919-03-08 ", true)]
    [InlineData("1919-02-29", false)] // 1919 is not a leap year
    [InlineData("1920-02-29", true)]
    [InlineData("1919-02-30", false)]
    [InlineData("1919-13-01", false)]
    [InlineData("08.03.1919", false)]
    [InlineData("1919-3-8", false)]
    [InlineData("next week", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Due_dates_are_written_year_month_day(string? text, bool valid)
    {
        Assert.Equal(valid, FollowUpRules.TryParseDue(text, out _));
    }
}
