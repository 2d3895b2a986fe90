using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.FollowUps;
using Rally.Web;

namespace Rally.Features.Conversations;

/// <summary>
/// Records a one-on-one: the conversation with its issues, an optional new assessment (an
/// assessment row pointing at the conversation) and an optional next step (a follow-up), all in one
/// transaction and audited. The organiser who records it is the one who held it.
/// </summary>
public static class RecordConversation
{
    public sealed record AssessmentPart(string? Scale, int? Level, string? Evidence);

    /// <param name="Issues">Issue tag codes.</param>
    /// <param name="Campaign">The id of the campaign it was held for, if any.</param>
    public sealed record Request(DateTimeOffset? HeldAt, string? Channel, IReadOnlyList<string>? Issues, string? Ask, string? Commitment, string? Notes,
        AssessmentPart? Assessment, CreateFollowUp.Request? NextStep, int? Campaign);

    public const int MaxIssues = 20;

    public static async Task<Outcome<ConversationView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int memberId, Request r, CancellationToken ct)
    {
        var access = await OrganizingAccess.WriteAsync(caller, memberId, ct);
        if (!access.Succeeded) return access.As<ConversationView>();
        var member = access.Value!;
        var now = clock.GetUtcNow();
        var heldAt = (r.HeldAt ?? now).ToUniversalTime();

        var errors = new FieldErrors();
        if (r.HeldAt > now) errors.Add("heldAt", "heldAt cannot be in the future.");
        var channel = r.Channel?.Trim();
        if (string.IsNullOrEmpty(channel)) errors.Add("channel", $"channel is required: one of {string.Join(", ", Channels.All)}.");
        else if (!Channels.All.Contains(channel)) errors.Add("channel", $"channel must be one of {string.Join(", ", Channels.All)}.");
        var tagIds = await IssueTagIdsAsync(db, r.Issues, errors, ct);
        errors.Length("ask", r.Ask, 2000);
        errors.Length("commitment", r.Commitment, 2000);
        errors.Length("notes", r.Notes, 4000);
        if (r.Campaign is { } campaignId && !await db.Campaigns.AsNoTracking().AnyAsync(c => c.Id == campaignId && c.ArchivedAt == null, ct))
            errors.Add("campaign", $"No campaign in progress has the id {campaignId}.");
        Assessment? assessment = null;
        if (r.Assessment is { } a)
            assessment = await RecordAssessment.StageAsync(db, caller, clock, member, new(a.Scale, a.Level, heldAt, a.Evidence), "assessment.", errors, ct);
        FollowUp? followUp = null;
        if (r.NextStep is { } step)
        {
            string? forbidden;
            (followUp, forbidden) = await CreateFollowUp.StageAsync(db, caller, clock, member, step, FollowUpRules.Today(heldAt), "nextStep.", errors, ct);
            if (forbidden is not null) return Outcome<ConversationView>.Forbidden(forbidden);
        }
        if (errors.Any) return Outcome<ConversationView>.Invalid(errors);

        var conversation = new Conversation
        {
            MemberId = member.Id, HeldAt = heldAt, HeldById = caller.UserId!, Channel = channel!, WorkplaceId = member.WorkplaceId,
            Ask = Clean(r.Ask), Commitment = Clean(r.Commitment), Notes = Clean(r.Notes), CampaignId = r.Campaign,
            Issues = tagIds.Select(id => new ConversationIssue { IssueTagId = id }).ToList(),
            RecordedAt = now, RecordedBy = caller.Name,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        // The assessment and the next step point at the conversation, so they follow once it has its id.
        if (assessment is not null)
        {
            assessment.ConversationId = conversation.Id;
            db.Assessments.Add(assessment);
        }
        if (followUp is not null)
        {
            followUp.ConversationId = conversation.Id;
            db.FollowUps.Add(followUp);
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ConversationView>.Ok((await ListConversations.ViewsAsync(db, clock, [conversation.Id], ct))[0]);
    }

    /// <summary>The ids of the named issue tags in use; unknown or archived codes are one error naming them.</summary>
    static async Task<List<int>> IssueTagIdsAsync(RallyDb db, IReadOnlyList<string>? codes, FieldErrors errors, CancellationToken ct)
    {
        var wanted = (codes ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count > MaxIssues)
        {
            errors.Add("issues", $"At most {MaxIssues} issues per conversation.");
            return [];
        }
        if (wanted.Count == 0) return [];
        var found = await db.IssueTags.AsNoTracking().Where(t => wanted.Contains(t.Code) && t.ArchivedAt == null).Select(t => new { t.Id, t.Code }).ToListAsync(ct);
        var unknown = wanted.Where(c => found.All(f => f.Code != c)).ToList();
        if (unknown.Count > 0) errors.Add("issues", $"Unknown issue tag(s): {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        return found.Select(f => f.Id).ToList();
    }

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
