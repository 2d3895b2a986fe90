using Rally.Features.Assessments;
using Rally.Features.Conversations;
using Rally.Features.FollowUps;

namespace Rally.Tests.Features.Conversations;

public class TimelineTests
{
    static readonly DateTimeOffset Day = new(1919, 3, 1, 12, 0, 0, TimeSpan.Zero);

    static ConversationView Talk(long id, int daysAgo) => new(id, 1, "Ivan", Day.AddDays(-daysAgo), "u", "Olga", "phone", null, [], [], null, null, null, null, null, null, Day, "olga");

    static AssessmentView Assessed(long id, int daysAgo, long? conversation = null) => new(id, 1, "engagement", "Engagement", 3, "undecided", Day.AddDays(-daysAgo), "olga", null, conversation, Day);

    static FollowUpView Next(long id, int daysAgo, long? conversation = null) =>
        new(id, 1, "Ivan", "call", DateOnly.FromDateTime(Day.UtcDateTime), "u", "Olga", conversation, Day.AddDays(-daysAgo), "olga", null, null, false, 1);

    static string Describe(TimelineEntry e) => e switch
    {
        ConversationEntry c => "C" + c.Id,
        AssessmentEntry a => "A" + a.Id,
        FollowUpEntry f => "F" + f.Id,
        _ => "?",
    };

    [Fact]
    public void Entries_are_merged_newest_first()
    {
        var merged = Timeline.Merge([Talk(1, 10), Talk(2, 3)], [Assessed(5, 7), Assessed(6, 1)], [Next(9, 5)]);
        // 1 day ago A6, 3 C2, 5 F9, 7 A5, 10 C1.
        Assert.Equal(["A6", "C2", "F9", "A5", "C1"], merged.Select(Describe));
    }

    [Fact]
    public void What_was_recorded_with_a_conversation_is_shown_inside_it_only()
    {
        var merged = Timeline.Merge([Talk(1, 2)], [Assessed(5, 2, conversation: 1), Assessed(6, 4)], [Next(9, 2, conversation: 1), Next(10, 1)]);
        Assert.Equal(["F10", "C1", "A6"], merged.Select(Describe));
    }

    [Fact]
    public void An_assessment_whose_conversation_is_not_on_the_page_still_shows()
    {
        // The conversation fell off the page (an older one): its assessment is not lost.
        var merged = Timeline.Merge([], [Assessed(5, 2, conversation: 77)], []);
        Assert.Equal(["A5"], merged.Select(Describe));
    }

    [Fact]
    public void At_the_same_moment_the_conversation_comes_first_then_later_records()
    {
        var merged = Timeline.Merge([Talk(1, 0)], [Assessed(5, 0), Assessed(8, 0)], [Next(3, 0)]);
        Assert.Equal(["C1", "A8", "A5", "F3"], merged.Select(Describe));
    }
}
