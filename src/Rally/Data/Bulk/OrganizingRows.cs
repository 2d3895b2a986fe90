namespace Rally.Data.Bulk;

/// <summary>
/// A batch of organizing rows for <see cref="OrganizingBulkInsert"/>: assessments, conversations
/// with their issues, follow-ups, campaign targets and structure-test participations, with explicit ids.
/// </summary>
public sealed class OrganizingRows(int capacity)
{
    public RowBuffer<AssessmentRow> Assessments { get; } = new(capacity * 3);
    public RowBuffer<ConversationRow> Conversations { get; } = new(capacity);
    public RowBuffer<ConversationIssueRow> ConversationIssues { get; } = new(capacity);
    public RowBuffer<FollowUpRow> FollowUps { get; } = new(Math.Max(16, capacity / 8));
    public RowBuffer<CampaignTargetRow> CampaignTargets { get; } = new(capacity);
    public RowBuffer<ParticipationRow> Participations { get; } = new(capacity);

    public void Clear()
    {
        Assessments.Clear();
        Conversations.Clear();
        ConversationIssues.Clear();
        FollowUps.Clear();
        CampaignTargets.Clear();
        Participations.Clear();
    }
}

/// <summary>One <see cref="Features.Assessments.Assessment"/> row.</summary>
public struct AssessmentRow
{
    public long Id;
    public int MemberId;
    public int ScaleId;
    public int Level;
    public DateTimeOffset AssessedAt;
    public string AssessedBy;
    public string? Evidence;
    public long? ConversationId;
    public DateTimeOffset RecordedAt;
}

/// <summary>One <see cref="Features.Conversations.Conversation"/> row.</summary>
public struct ConversationRow
{
    public long Id;
    public int MemberId;
    public DateTimeOffset HeldAt;
    public string HeldById;
    public string Channel;
    public int? WorkplaceId;
    public string? Ask;
    public string? Commitment;
    public int? CampaignId;
    public DateTimeOffset RecordedAt;
    public string RecordedBy;
}

/// <summary>One <see cref="Features.Conversations.ConversationIssue"/> row.</summary>
public struct ConversationIssueRow
{
    public long ConversationId;
    public int IssueTagId;
}

/// <summary>One <see cref="Features.Conversations.FollowUp"/> row.</summary>
public struct FollowUpRow
{
    public long Id;
    public int MemberId;
    public string AssigneeId;
    public DateOnly DueOn;
    public string Action;
    public long? ConversationId;
    public DateTimeOffset CreatedAt;
    public string CreatedBy;
    public DateTimeOffset? DoneAt;
    public string? DoneBy;
}

/// <summary>One <see cref="Features.Campaigns.CampaignTarget"/> row.</summary>
public struct CampaignTargetRow
{
    public int CampaignId;
    public int MemberId;
    public string? OrganiserId;
    public DateTimeOffset AddedAt;
    /// <summary>The member's workplace, the snapshot progress and turf count by.</summary>
    public int? WorkplaceId;
}

/// <summary>One <see cref="Features.StructureTests.Participation"/> row.</summary>
public struct ParticipationRow
{
    public long Id;
    public int StructureTestId;
    public int MemberId;
    public DateOnly ParticipatedOn;
    public DateTimeOffset RecordedAt;
    public string RecordedBy;
}
