using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>
/// A campaign's segment evaluated: the members of the campaign's subtree, within the caller's
/// grants, narrowed by every part of the <see cref="CampaignSegment"/>. One query, built in the
/// database; nothing is loaded here.
/// </summary>
public static class Segments
{
    /// <summary>
    /// The members the segment selects under <paramref name="unitPath"/>; unknown codes and impossible
    /// ranges go to <paramref name="errors"/> as <c>segment.&lt;field&gt;</c>.
    /// </summary>
    public static async Task<IQueryable<Member>> MembersAsync(RallyDb db, Caller caller, string unitPath, CampaignSegment segment, FieldErrors errors, CancellationToken ct)
    {
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).Where(m => m.ArchivedAt == null);
        var subtree = db.OrgUnits.Where(OrgPath.Within([unitPath])).Select(u => u.Id);
        members = members.Where(m => subtree.Contains(m.OrgUnitId));

        if (segment.Categories is { Count: > 0 } categories)
        {
            var codes = categories.Select(c => c.Trim()).Distinct().ToList();
            var ids = await db.Categories.Where(c => codes.Contains(c.Code)).Select(c => c.Id).ToListAsync(ct);
            if (ids.Count < codes.Count) errors.Add("segment.categories", $"Unknown category in '{string.Join(",", codes)}'.");
            members = members.Where(m => ids.Contains(m.CategoryId));
        }
        if (!string.IsNullOrWhiteSpace(segment.Workplace))
        {
            var path = await (await caller.UnitsAsync(Roles.Viewer, ct)).ByIdOrCode(segment.Workplace.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("segment.workplace", $"There is no org unit '{segment.Workplace}'.");
            else
            {
                var workplaces = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => (int?)u.Id);
                members = members.Where(m => workplaces.Contains(m.WorkplaceId));
            }
        }
        if (segment.Statuses is { Count: > 0 } statuses)
        {
            var list = statuses.Select(s => s.Trim()).Distinct().ToList();
            if (!list.All(MemberRules.IsStatus)) errors.Add("segment.statuses", $"statuses must be among {string.Join(", ", MemberRules.Statuses)}.");
            members = members.Where(m => list.Contains(m.Status));
        }
        if (segment.ScaleId is not null || segment.MinLevel is not null || segment.MaxLevel is not null)
        {
            var scaleId = segment.ScaleId ?? AssessmentScale.EngagementId;
            var levels = await db.ScaleLevels.Where(l => l.ScaleId == scaleId).Select(l => l.Level).ToListAsync(ct);
            if (levels.Count == 0) errors.Add("segment.scaleId", $"There is no assessment scale {scaleId}.");
            else
            {
                var (min, max) = (segment.MinLevel ?? 1, segment.MaxLevel ?? levels.Max());
                if (min < 1 || min > levels.Max()) errors.Add("segment.minLevel", $"minLevel must be between 1 and {levels.Max()}.");
                if (max < 1 || max > levels.Max()) errors.Add("segment.maxLevel", $"maxLevel must be between 1 and {levels.Max()}.");
                if (min > max) errors.Add("segment.maxLevel", "maxLevel must not be below minLevel.");
                // The current level is the latest assessment on the scale; members never assessed are outside any range.
                members = members.Where(m => db.Assessments.Where(a => a.MemberId == m.Id && a.ScaleId == scaleId)
                    .OrderByDescending(a => a.AssessedAt).Select(a => (int?)a.Level).FirstOrDefault() >= min
                    && db.Assessments.Where(a => a.MemberId == m.Id && a.ScaleId == scaleId)
                    .OrderByDescending(a => a.AssessedAt).Select(a => (int?)a.Level).FirstOrDefault() <= max);
            }
        }
        if (segment.ContactedSince is { } since)
        {
            var from = StartOf(since);
            members = members.Where(m => db.Conversations.Any(c => c.MemberId == m.Id && c.HeldAt >= from));
        }
        if (segment.NotContactedSince is { } notSince)
        {
            var from = StartOf(notSince);
            members = members.Where(m => !db.Conversations.Any(c => c.MemberId == m.Id && c.HeldAt >= from));
        }
        if (!string.IsNullOrWhiteSpace(segment.RaisedIssue))
        {
            var tagId = await db.IssueTags.Where(t => t.Code == segment.RaisedIssue.Trim()).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            if (tagId is null) errors.Add("segment.raisedIssue", $"There is no issue tag '{segment.RaisedIssue}'.");
            var from = segment.ContactedSince is { } s ? StartOf(s) : DateTimeOffset.MinValue;
            members = members.Where(m => db.Conversations.Any(c => c.MemberId == m.Id && c.HeldAt >= from && c.Issues.Any(i => i.IssueTagId == tagId)));
        }
        return members;
    }

    /// <summary>Midnight UTC at the start of <paramref name="day"/>: dates in a segment are whole UTC days.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The segment with blanks dropped and codes trimmed, as it is stored.</summary>
    public static CampaignSegment Normalise(CampaignSegment? s) => s is null ? new() : new(
        s.Categories is { Count: > 0 } c ? c.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToList() : null,
        string.IsNullOrWhiteSpace(s.Workplace) ? null : s.Workplace.Trim(),
        s.Statuses is { Count: > 0 } st ? st.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToList() : null,
        s.ScaleId ?? (s.MinLevel is not null || s.MaxLevel is not null ? AssessmentScale.EngagementId : null),
        s.MinLevel, s.MaxLevel, s.ContactedSince, s.NotContactedSince,
        string.IsNullOrWhiteSpace(s.RaisedIssue) ? null : s.RaisedIssue.Trim());

    static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialise(CampaignSegment s) => System.Text.Json.JsonSerializer.Serialize(s, Json);

    public static CampaignSegment Parse(string json) => System.Text.Json.JsonSerializer.Deserialize<CampaignSegment>(json, Json) ?? new();
}
