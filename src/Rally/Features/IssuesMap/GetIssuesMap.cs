using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.IssuesMap;

/// <summary>
/// Workplaces × issues raised in conversations over a period, among conversations with members the
/// caller may see (scoped through the member's union or branch). The workplace is the one the member
/// had when the conversation was held. Counted with two GROUP BYs in the database.
/// </summary>
public static class GetIssuesMap
{
    public sealed record Query(string? From = null, string? To = null, string? OrgUnit = null);

    public sealed record Issue(int Id, string Code, string Name, int Conversations, decimal? Share);

    public sealed record Cell(string Issue, int Count, decimal? Share);

    public sealed record Workplace(int? WorkplaceId, string? Code, string? Name, int Conversations, IReadOnlyList<Cell> Cells);

    public sealed record Response(DateOnly From, DateOnly To, string? OrgUnit, int Conversations, IReadOnlyList<Issue> Issues, IReadOnlyList<Workplace> Workplaces);

    /// <summary>Without dates the map covers the 90 days up to the latest conversation the caller can see (today if none).</summary>
    public const int DefaultDays = 90;

    public static async Task<Outcome<Response>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Query query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var givenTo = ParseDate(errors, "to", query.To);
        var givenFrom = ParseDate(errors, "from", query.From);

        var members = (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking();
        string? unitCode = null;
        if (!string.IsNullOrWhiteSpace(query.OrgUnit))
        {
            var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(query.OrgUnit.Trim()).Select(u => new { u.Code, u.Path }).FirstOrDefaultAsync(ct);
            if (unit is null) errors.Add("orgUnit", $"There is no org unit '{query.OrgUnit}'.");
            else
            {
                unitCode = unit.Code;
                var units = db.OrgUnits.Where(OrgPath.Within([unit.Path])).Select(u => u.Id);
                members = members.Where(m => units.Contains(m.OrgUnitId));
            }
        }
        if (errors.Any) return Outcome<Response>.Invalid(errors);

        var ids = members.Select(m => m.Id);
        // A map of the last quiet quarter says nothing: default to the quarter that has talk in it.
        var to = givenTo ?? givenFrom?.AddDays(DefaultDays - 1) ?? await LatestConversationDayAsync(db, ids, today, ct);
        var from = givenFrom ?? to.AddDays(1 - DefaultDays);
        if (to < from) return Outcome<Response>.Invalid(new FieldErrors().Add("to", "to cannot be before from."));

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var conversations = db.Conversations.AsNoTracking().Where(c => c.HeldAt >= start && c.HeldAt < end && ids.Contains(c.MemberId));
        var byWorkplace = await conversations.GroupBy(c => c.WorkplaceId)
            .Select(g => new IssuesMapRules.WorkplaceCount(g.Key, g.Count())).ToListAsync(ct);
        var byIssue = await conversations.SelectMany(c => c.Issues, (c, i) => new { c.WorkplaceId, i.IssueTagId })
            .GroupBy(x => new { x.WorkplaceId, x.IssueTagId })
            .Select(g => new IssuesMapRules.IssueCount(g.Key.WorkplaceId, g.Key.IssueTagId, g.Count())).ToListAsync(ct);

        // Every tag in use, and archived ones only where they were raised in the period.
        var raised = byIssue.Select(i => i.IssueTagId).Distinct().ToList();
        var tags = await db.IssueTags.AsNoTracking().Where(t => t.ArchivedAt == null || raised.Contains(t.Id))
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name).Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
        var map = IssuesMapRules.Build(byWorkplace, byIssue, tags.Select(t => t.Id).ToList());

        var workplaceIds = map.Rows.Where(r => r.WorkplaceId is not null).Select(r => r.WorkplaceId!.Value).ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => workplaceIds.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, ct);
        var codes = tags.ToDictionary(t => t.Id, t => t.Code);
        return Outcome<Response>.Ok(new(from, to, unitCode, map.Conversations,
            tags.Zip(map.Totals, (t, total) => new Issue(t.Id, t.Code, t.Name, total.Count, total.Share)).ToList(),
            map.Rows.Select(r => new Workplace(r.WorkplaceId,
                r.WorkplaceId is { } w ? names[w].Code : null, r.WorkplaceId is { } n ? names[n].Name : null, r.Conversations,
                r.Cells.Select(c => new Cell(codes[c.IssueTagId], c.Count, c.Share)).ToList())).ToList()));
    }

    static async Task<DateOnly> LatestConversationDayAsync(RallyDb db, IQueryable<int> members, DateOnly today, CancellationToken ct)
    {
        var end = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var latest = await db.Conversations.AsNoTracking().Where(c => c.HeldAt < end && members.Contains(c.MemberId))
            .OrderByDescending(c => c.HeldAt).Select(c => (DateTimeOffset?)c.HeldAt).FirstOrDefaultAsync(ct);
        return latest is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : today;
    }

    static DateOnly? ParseDate(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (IsoDate.TryParse(value, out var date)) return date;
        errors.Add(field, $"{field} must be a date as yyyy-MM-dd, e.g. 1919-03-01.");
        return null;
    }
}
