using Rally.Features.Assessments;
using Rally.Features.FollowUps;

namespace Rally.Features.Conversations;

/// <summary>One dated event in a member's organizing history.</summary>
public abstract record TimelineEntry(DateTimeOffset At, int KindOrder, long Id);

public sealed record ConversationEntry(ConversationView Conversation) : TimelineEntry(Conversation.HeldAt, 0, Conversation.Id);

public sealed record AssessmentEntry(AssessmentView Assessment) : TimelineEntry(Assessment.AssessedAt, 1, Assessment.Id);

public sealed record FollowUpEntry(FollowUpView FollowUp) : TimelineEntry(FollowUp.CreatedAt, 2, FollowUp.Id);

/// <summary>
/// The member page's timeline: conversations, assessments and follow-ups merged newest first. An
/// assessment or next step recorded with a conversation is shown inside it, not a second time.
/// </summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> Merge(IEnumerable<ConversationView> conversations, IEnumerable<AssessmentView> assessments, IEnumerable<FollowUpView> followUps)
    {
        var talks = conversations.ToList();
        var shown = talks.Select(c => c.Id).ToHashSet();
        return talks.Select(c => (TimelineEntry)new ConversationEntry(c))
            .Concat(assessments.Where(a => a.ConversationId is not { } id || !shown.Contains(id)).Select(a => new AssessmentEntry(a)))
            .Concat(followUps.Where(f => f.ConversationId is not { } id || !shown.Contains(id)).Select(f => new FollowUpEntry(f)))
            // Newest first; at the same moment a conversation comes before what was recorded on its own, and later records first.
            .OrderByDescending(e => e.At).ThenBy(e => e.KindOrder).ThenByDescending(e => e.Id)
            .ToList();
    }
}
