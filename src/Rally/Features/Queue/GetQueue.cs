using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Features.Queue;

/// <summary>
/// An organiser's "who next" queue: the facts of their turf (targets of active campaigns assigned
/// to them) and their open follow-ups are read in two queries, each member's current level and last
/// contact by an index seek, then ordered by <see cref="WhoNext"/> in memory (a turf is thousands,
/// not millions) and paged. Only members within the caller's grants are read at all.
/// </summary>
public static class GetQueue
{
    public sealed record Query(string? Organiser = null, int? Page = null, int? PageSize = null);

    public sealed record Item(
        int MemberId, string Name, string MembershipNumber, string? Workplace, string? WorkplaceCode, string? Phone,
        int? Level, string? LevelName, DateOnly? AssessedOn, DateOnly? LastContact,
        string Reason, string ReasonText, long? FollowUpId);

    /// <summary>The setting that says how long the least engaged may go without a conversation.</summary>
    public const string QuietDaysSetting = "Rally:Organizing:QuietDays";
    public const int DefaultQuietDays = 60;

    sealed class Row
    {
        public int Id { get; init; }
        public string LastName { get; init; } = "";
        public string FirstName { get; init; } = "";
        public int? Level { get; init; }
        public DateTimeOffset? AssessedAt { get; init; }
        public DateTimeOffset? LastContact { get; init; }
    }

    /// <summary>
    /// What the rule needs of a member: the names (for ties), the latest engagement assessment and the latest
    /// conversation, each one seek on its index. The rest of a card is read for the page's members only.
    /// </summary>
    static Expression<Func<Member, Row>> Facts(RallyDb db) => m => new Row
    {
        Id = m.Id,
        LastName = m.LastName,
        FirstName = m.FirstName,
        Level = db.Assessments.Where(a => a.MemberId == m.Id && a.ScaleId == AssessmentScale.EngagementId)
            .OrderByDescending(a => a.AssessedAt).Select(a => (int?)a.Level).FirstOrDefault(),
        AssessedAt = db.Assessments.Where(a => a.MemberId == m.Id && a.ScaleId == AssessmentScale.EngagementId)
            .OrderByDescending(a => a.AssessedAt).Select(a => (DateTimeOffset?)a.AssessedAt).FirstOrDefault(),
        LastContact = db.Conversations.Where(c => c.MemberId == m.Id)
            .OrderByDescending(c => c.HeldAt).Select(c => (DateTimeOffset?)c.HeldAt).FirstOrDefault(),
    };

    public static async Task<Outcome<PagedList<Item>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, IConfiguration config, Query query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, query.Page, query.PageSize);
        if (errors.Any) return Outcome<PagedList<Item>>.Invalid(errors);

        // A queue is an organiser's: viewers have none; someone else's is for officers.
        var rank = Roles.Rank(await caller.HighestRoleAsync(ct) ?? "");
        if (rank < Roles.Rank(Roles.Organizer)) return Outcome<PagedList<Item>>.Forbidden("Only organisers have a queue.");
        var organiserId = caller.UserId!;
        if (!string.IsNullOrWhiteSpace(query.Organiser))
        {
            var key = query.Organiser.Trim();
            var normalized = key.ToUpperInvariant();
            var found = await db.Users.Where(u => u.Id == key || u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (found is null) return Outcome<PagedList<Item>>.Invalid("organiser", $"There is no user '{key}'.");
            if (found != organiserId && rank < Roles.Rank(Roles.Officer))
                return Outcome<PagedList<Item>>.Forbidden("Only officers may see another organiser's queue.");
            organiserId = found;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var members = (await caller.MembersAsync(Roles.Organizer, ct)).AsNoTracking().Where(m => m.ArchivedAt == null);
        var facts = Facts(db);

        var turf = db.CampaignTargets
            .Where(t => t.OrganiserId == organiserId)
            .Join(db.Campaigns.Where(c => c.ArchivedAt == null && c.StartsOn <= today && c.Deadline >= today), t => t.CampaignId, c => c.Id, (t, c) => t.MemberId);
        var turfRows = await members.Where(m => turf.Contains(m.Id)).Select(facts).ToListAsync(ct);

        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.AssigneeId == organiserId && f.DoneAt == null && f.DueOn < today)
            .Join(members, f => f.MemberId, m => m.Id, (f, m) => new { f.Id, f.MemberId, m.LastName, m.FirstName, f.Action, f.DueOn })
            .ToListAsync(ct);
        var rows = turfRows.ToDictionary(r => r.Id);
        var missing = followUps.Select(f => f.MemberId).Where(id => !rows.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
            foreach (var r in await members.Where(m => missing.Contains(m.Id)).Select(facts).ToListAsync(ct))
                rows[r.Id] = r;

        var scale = await db.AssessmentScales.AsNoTracking().Where(s => s.Id == AssessmentScale.EngagementId)
            .Select(s => new { s.StaleAfterDays, Levels = s.Levels.Select(l => new { l.Level, l.Name }).ToList() }).FirstAsync(ct);
        var levels = scale.Levels.ToDictionary(l => l.Level, l => l.Name);
        var settings = new WhoNext.Settings(today, config.GetValue(QuietDaysSetting, DefaultQuietDays), scale.StaleAfterDays, levels);

        var entries = WhoNext.Order(
            turfRows.Select(r => new WhoNext.Target(r.Id, r.LastName, r.FirstName, r.Level, Day(r.AssessedAt), Day(r.LastContact))),
            followUps.Select(f => new WhoNext.OpenFollowUp(f.Id, f.MemberId, f.LastName, f.FirstName, f.Action, f.DueOn)),
            settings);

        int page = query.Page ?? 1, size = query.PageSize ?? Paging.DefaultSize;
        var onPage = entries.Skip((page - 1) * size).Take(size).ToList();
        var ids = onPage.Select(e => e.MemberId).ToList();
        var details = await members.Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Patronymic, m.MembershipNumber, m.Phone, Workplace = m.Workplace == null ? null : m.Workplace.Name, WorkplaceCode = m.Workplace == null ? null : m.Workplace.Code })
            .ToDictionaryAsync(m => m.Id, ct);
        // A member archived between the two reads simply drops off the page.
        var items = onPage.Where(e => details.ContainsKey(e.MemberId)).Select(e =>
        {
            var (r, d) = (rows[e.MemberId], details[e.MemberId]);
            var name = string.Join(' ', new[] { r.LastName, r.FirstName, d.Patronymic }.Where(p => !string.IsNullOrEmpty(p)));
            return new Item(r.Id, name, d.MembershipNumber, d.Workplace, d.WorkplaceCode, d.Phone,
                r.Level, r.Level is { } l && levels.TryGetValue(l, out var n) ? n : null, Day(r.AssessedAt), Day(r.LastContact),
                e.Reason, e.Text, e.FollowUpId);
        }).ToList();
        return Outcome<PagedList<Item>>.Ok(new(items, page, size, entries.Count));
    }

    static DateOnly? Day(DateTimeOffset? at) => at is { } a ? DateOnly.FromDateTime(a.UtcDateTime) : null;
}
