using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.FollowUps;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Conversations;

public sealed record ConversationAssessment(long Id, string Scale, string ScaleName, int Level, string? LevelName);

/// <summary>A conversation as the API shows it: issues are tag codes, with the assessment and next step recorded with it.</summary>
public sealed record ConversationView(long Id, int MemberId, string MemberName, DateTimeOffset HeldAt, string HeldById, string HeldBy, string Channel,
    string? Workplace, IReadOnlyList<string> Issues, IReadOnlyList<string> IssueNames, string? Ask, string? Commitment, string? Notes, int? Campaign,
    ConversationAssessment? Assessment, FollowUpView? NextStep, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>Conversations with members within the caller's grants, newest first.</summary>
public static class ListConversations
{
    /// <param name="Organiser">A user id, an e-mail address, or "me".</param>
    /// <param name="OrgUnit">A unit code: conversations with its members, or held at its workplaces.</param>
    public sealed record Request(int? Member = null, string? Organiser = null, DateOnly? From = null, DateOnly? To = null, string? Issue = null,
        string? OrgUnit = null, int? Page = null, int? PageSize = null);

    public static async Task<Outcome<PagedList<ConversationView>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, r.Page, r.PageSize);
        IsoDate.Check(errors, "from", r.From);
        IsoDate.Check(errors, "to", r.To);
        if (r.From is { } f && r.To is { } t && t < f) errors.Add("to", "to cannot be before from.");
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).Select(m => m.Id);
        if (r.Member is { } memberId && !await members.ContainsAsync(memberId, ct)) return Outcome<PagedList<ConversationView>>.NotFound();
        var query = db.Conversations.AsNoTracking().Where(c => members.Contains(c.MemberId));
        if (r.Member is not null) query = query.Where(c => c.MemberId == r.Member);
        if (!string.IsNullOrWhiteSpace(r.Organiser))
        {
            var who = r.Organiser.Trim();
            if (who == "me") who = caller.UserId ?? "";
            var upper = who.ToUpperInvariant();
            query = query.Where(c => c.HeldById == who || c.HeldBy.NormalizedEmail == upper);
        }
        if (!string.IsNullOrWhiteSpace(r.Issue))
        {
            var code = r.Issue.Trim();
            var tag = await db.IssueTags.AsNoTracking().Where(i => i.Code == code).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
            if (tag is null) errors.Add("issue", $"No issue tag has the code '{code}'.");
            else query = query.Where(c => c.Issues.Any(i => i.IssueTagId == tag));
        }
        if (!string.IsNullOrWhiteSpace(r.OrgUnit))
        {
            var code = r.OrgUnit.Trim();
            var path = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().Where(u => u.Code == code).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("orgUnit", $"No org unit you can see has the code '{code}'.");
            else
            {
                var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id);
                query = query.Where(c => units.Contains(db.Members.Where(m => m.Id == c.MemberId).Select(m => m.OrgUnitId).First())
                    || (c.WorkplaceId != null && units.Contains(c.WorkplaceId.Value)));
            }
        }
        if (errors.Any) return Outcome<PagedList<ConversationView>>.Invalid(errors);
        // Only checked dates reach the arithmetic: the day after 9999-12-31 does not exist.
        if (r.From is { } from) { var start = Start(from); query = query.Where(c => c.HeldAt >= start); }
        if (r.To is { } to) { var end = Start(to.AddDays(1)); query = query.Where(c => c.HeldAt < end); }

        var ids = await query.OrderByDescending(c => c.HeldAt).ThenByDescending(c => c.Id).Select(c => c.Id).ToPageAsync(r.Page, r.PageSize, ct);
        return Outcome<PagedList<ConversationView>>.Ok(new(await ViewsAsync(db, clock, ids.Items, ct), ids.Page, ids.PageSize, ids.Total));
    }

    public static async Task<Outcome<ConversationView>> GetAsync(RallyDb db, Caller caller, TimeProvider clock, long id, CancellationToken ct)
    {
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).Select(m => m.Id);
        if (!await db.Conversations.AsNoTracking().AnyAsync(c => c.Id == id && members.Contains(c.MemberId), ct)) return Outcome<ConversationView>.NotFound();
        return Outcome<ConversationView>.Ok((await ViewsAsync(db, clock, [id], ct))[0]);
    }

    static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The conversations with these ids, in that order, each with its issues, assessment and next step.</summary>
    internal static async Task<List<ConversationView>> ViewsAsync(RallyDb db, TimeProvider clock, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await (from c in db.Conversations.AsNoTracking()
                          join m in db.Members on c.MemberId equals m.Id
                          where ids.Contains(c.Id)
                          select new
                          {
                              c.Id, c.MemberId, MemberName = m.ErasedAt != null ? m.MembershipNumber : m.FirstName + " " + m.LastName, c.HeldAt, c.HeldById,
                              HeldBy = c.HeldBy.DisplayName != "" ? c.HeldBy.DisplayName : c.HeldBy.Email ?? c.HeldById, c.Channel,
                              Workplace = db.OrgUnits.Where(u => u.Id == c.WorkplaceId).Select(u => u.Code).FirstOrDefault(),
                              Tags = c.Issues.Select(i => i.IssueTagId).ToList(), c.Ask, c.Commitment, c.Notes, c.CampaignId, c.RecordedAt, c.RecordedBy,
                          }).ToListAsync(ct);
        var tags = await db.IssueTags.AsNoTracking().Select(t => new { t.Id, t.Code, t.Name, t.SortOrder }).ToDictionaryAsync(t => t.Id, ct);
        var assessments = await (from a in db.Assessments.AsNoTracking()
                                 join s in db.AssessmentScales on a.ScaleId equals s.Id
                                 where a.ConversationId != null && ids.Contains(a.ConversationId.Value)
                                 select new
                                 {
                                     ConversationId = a.ConversationId!.Value,
                                     View = new ConversationAssessment(a.Id, s.Code, s.Name, a.Level, s.Levels.Where(l => l.Level == a.Level).Select(l => l.Name).FirstOrDefault()),
                                 }).ToListAsync(ct);
        var followUps = (await ListFollowUps.OfConversationsAsync(db, clock, ids, ct)).GroupBy(f => f.ConversationId!.Value).ToDictionary(g => g.Key, g => g.First());

        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var c = byId[id];
            var issues = c.Tags.Select(t => tags[t]).OrderBy(t => t.SortOrder).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
            return new ConversationView(c.Id, c.MemberId, c.MemberName, c.HeldAt, c.HeldById, c.HeldBy, c.Channel, c.Workplace,
                issues.Select(t => t.Code).ToList(), issues.Select(t => t.Name).ToList(), c.Ask, c.Commitment, c.Notes, c.CampaignId,
                assessments.FirstOrDefault(a => a.ConversationId == id)?.View, followUps.GetValueOrDefault(id), c.RecordedAt, c.RecordedBy);
        }).ToList();
    }
}
