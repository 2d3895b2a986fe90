using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Ladder;

/// <summary>
/// The readiness lists over the caller's members (viewer and above): who is ready for the next
/// rung, who has never held a post, who has stayed on the same rung too long. Each narrows in SQL
/// first (scope, unit, status, the conditions that SQL can check exactly, cheap bounds for the
/// months) and applies the exact rule in memory to what is left, then pages.
/// </summary>
public static class Readiness
{
    public const string Ready = "ready", NeverEngaged = "never-engaged", Stalled = "stalled";
    public static readonly string[] Lists = [Ready, NeverEngaged, Stalled];

    /// <summary>The setting that says how long on one rung counts as stalled, in months.</summary>
    public const string StalledMonthsSetting = "Rally:Ladder:StalledMonths";
    public const int DefaultStalledMonths = 12;

    public sealed record Query(string? List, string? Unit = null, int? Months = null, int? Page = null, int? PageSize = null);

    public sealed record RungRef(int Position, string Name);

    /// <summary>
    /// One member on a list. <see cref="Holding"/>: the highest rung held today. Ready: <see cref="ReadyFor"/>
    /// and the <see cref="Evidence"/> for each condition. Never engaged: the member's category with how many
    /// of its members in scope ever held a post. Stalled: <see cref="Since"/> and the whole months since.
    /// </summary>
    public sealed record Item(
        int MemberId, string Name, string MembershipNumber, string Unit, string UnitName, string Category,
        int? Level, string? LevelName, RungRef? Holding,
        RungRef? ReadyFor = null, IReadOnlyList<string>? Evidence = null,
        int? CategoryMembers = null, int? CategoryEverAssigned = null,
        DateOnly? Since = null, int? Months = null);

    /// <summary>What a list computes for one member of its page, before the member's details are read.</summary>
    internal sealed record Entry(int MemberId, int? Holding = null, int? ReadyFor = null, IReadOnlyList<string>? Evidence = null,
        int? CategoryMembers = null, int? CategoryEverAssigned = null, DateOnly? Since = null, int? Months = null);

    public static async Task<Outcome<PagedList<Item>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, IConfiguration config, Query q, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<PagedList<Item>>.Forbidden();
        var errors = new FieldErrors();
        var list = q.List?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(list)) errors.Add("list", $"list is required: one of {string.Join(", ", Lists)}.");
        else if (!Lists.Contains(list)) errors.Add("list", $"Unknown list '{q.List}'; use one of {string.Join(", ", Lists)}.");
        var months = q.Months ?? config.GetValue(StalledMonthsSetting, DefaultStalledMonths);
        if (q.Months is < 1 or > SaveRung.MaxMonths) errors.Add("months", $"months must be between 1 and {SaveRung.MaxMonths}.");
        Paging.Validate(errors, q.Page, q.PageSize);
        if (errors.Any) return Outcome<PagedList<Item>>.Invalid(errors);

        var members = (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking().Where(m => m.ArchivedAt == null && m.ErasedAt == null);
        if (!string.IsNullOrWhiteSpace(q.Unit))
        {
            var code = q.Unit.Trim();
            var path = await (await caller.UnitsAsync(Roles.Viewer, ct)).Where(u => u.Code == code).Select(u => u.Path).FirstOrDefaultAsync(ct);
            // A unit outside the caller's grants does not exist for them.
            if (path is null) return Outcome<PagedList<Item>>.NotFound($"There is no org unit '{code}' within your grants.");
            var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id);
            members = members.Where(m => units.Contains(m.OrgUnitId));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        int page = q.Page ?? 1, size = q.PageSize ?? Paging.DefaultSize;
        var rungs = await LadderRecords.RungsAsync(db, ct);
        var (entries, total) = list switch
        {
            Ready => await ReadyList.PageAsync(db, members, rungs, today, page, size, ct),
            NeverEngaged => await NeverEngagedList.PageAsync(db, members, page, size, ct),
            _ => await StalledList.PageAsync(db, members, rungs, today, months, page, size, ct),
        };
        return Outcome<PagedList<Item>>.Ok(new(await ItemsAsync(db, entries, rungs, ct), page, size, total));
    }

    /// <summary>Assignments as (member, rung position, dates), for the SQL of the lists.</summary>
    internal static IQueryable<Placed> Placements(RallyDb db, DateOnly today) =>
        from a in db.Assignments
        where a.StartsOn <= today
        join p in db.Posts on a.PostId equals p.Id
        join r in db.Rungs on p.RungId equals r.Id
        select new Placed { MemberId = a.MemberId, Rung = r.Position, StartsOn = a.StartsOn, EndsOn = a.EndsOn };

    internal sealed class Placed
    {
        public int MemberId { get; init; }
        public int Rung { get; init; }
        public DateOnly StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
    }

    /// <summary>Per member who ever held a post (started by today): the highest rung held today (null: none) and ever.</summary>
    internal static IQueryable<Held> HeldRungs(RallyDb db, IQueryable<Member> members, DateOnly today) =>
        from h in Placements(db, today).GroupBy(x => x.MemberId).Select(g => new
        {
            MemberId = g.Key,
            Now = g.Max(x => x.EndsOn == null || x.EndsOn >= today ? (int?)x.Rung : null),
            Ever = g.Max(x => x.Rung),
        })
        join m in members on h.MemberId equals m.Id
        select new Held { MemberId = m.Id, Now = h.Now, Ever = h.Ever, LastNameKey = m.LastNameKey, FirstNameKey = m.FirstNameKey, Status = m.Status };

    internal sealed class Held
    {
        public int MemberId { get; init; }
        public int? Now { get; init; }
        public int Ever { get; init; }
        public string LastNameKey { get; init; } = "";
        public string FirstNameKey { get; init; } = "";
        public string Status { get; init; } = "";
    }

    static async Task<IReadOnlyList<Item>> ItemsAsync(RallyDb db, IReadOnlyList<Entry> entries, IReadOnlyList<RungRequirement> rungs, CancellationToken ct)
    {
        var ids = entries.Select(e => e.MemberId).ToList();
        var details = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id, m.FirstName, m.LastName, m.Patronymic, m.MembershipNumber, Unit = m.OrgUnit.Code, UnitName = m.OrgUnit.Name, Category = m.Category.Name,
                Level = db.Assessments.Where(a => a.MemberId == m.Id && a.ScaleId == AssessmentScale.EngagementId)
                    .OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id).Select(a => (int?)a.Level).FirstOrDefault(),
            })
            .ToDictionaryAsync(m => m.Id, ct);
        var levelNames = await db.ScaleLevels.AsNoTracking().Where(l => l.ScaleId == AssessmentScale.EngagementId).ToDictionaryAsync(l => l.Level, l => l.Name, ct);
        var byPosition = rungs.ToDictionary(r => r.Position, r => new RungRef(r.Position, r.Name));
        RungRef? Rung(int? position) => position is { } p && byPosition.TryGetValue(p, out var r) ? r : null;
        return entries.Where(e => details.ContainsKey(e.MemberId)).Select(e =>
        {
            var d = details[e.MemberId];
            var name = string.Join(' ', new[] { d.LastName, d.FirstName, d.Patronymic }.Where(p => !string.IsNullOrEmpty(p)));
            return new Item(d.Id, name, d.MembershipNumber, d.Unit, d.UnitName, d.Category,
                d.Level, d.Level is { } l && levelNames.TryGetValue(l, out var n) ? n : null, Rung(e.Holding),
                Rung(e.ReadyFor), e.Evidence, e.CategoryMembers, e.CategoryEverAssigned, e.Since, e.Months);
        }).ToList();
    }
}
