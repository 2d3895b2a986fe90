using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Features.StructureTests;

/// <summary>
/// The test's members whom no organiser covers: no turf row with an organiser in a live campaign
/// (not archived, deadline not passed). Paged, with the count by workplace, both from the database.
/// </summary>
public static class ListUncovered
{
    public sealed record Item(int Id, string MembershipNumber, string Name, string? Workplace, string? WorkplaceName, string OrgUnit, string OrgUnitName);

    public sealed record WorkplaceCount(int? WorkplaceId, string? Workplace, string? WorkplaceName, int Count);

    public sealed record Response(IReadOnlyList<Item> Items, int Page, int PageSize, int Total, IReadOnlyList<WorkplaceCount> ByWorkplace);

    public static async Task<Outcome<Response>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int testId, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        var test = await (await StructureTestScope.VisibleAsync(db, caller, ct)).AsNoTracking().Where(t => t.Id == testId)
            .Select(t => new { t.Id, t.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (test is null) return Outcome<Response>.NotFound($"There is no structure test {testId}.");
        if (errors.Any) return Outcome<Response>.Invalid(errors);

        var uncovered = Uncovered(db, await StructureTestScope.CoveredMembersAsync(db, caller, test.Path, ct), clock).AsNoTracking();
        var counts = await uncovered.GroupBy(m => m.WorkplaceId).Select(g => new { WorkplaceId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ids = counts.Where(c => c.WorkplaceId is not null).Select(c => c.WorkplaceId!.Value).ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, ct);
        var byWorkplace = counts
            .Select(c => new WorkplaceCount(c.WorkplaceId, c.WorkplaceId is { } id ? names[id].Code : null, c.WorkplaceId is { } i ? names[i].Name : null, c.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.WorkplaceName is null).ThenBy(c => c.WorkplaceName, StringComparer.CurrentCulture)
            .ToList();

        var paged = await uncovered.OrderBy(m => m.LastNameKey).ThenBy(m => m.FirstNameKey).ThenBy(m => m.Id)
            .Select(m => new Item(m.Id, m.MembershipNumber, m.LastName + ", " + m.FirstName,
                m.Workplace == null ? null : m.Workplace.Code, m.Workplace == null ? null : m.Workplace.Name, m.OrgUnit.Code, m.OrgUnit.Name))
            .ToPageAsync(page, pageSize, ct);
        return Outcome<Response>.Ok(new(paged.Items, paged.Page, paged.PageSize, paged.Total, byWorkplace));
    }

    /// <summary>Members with no organiser on them in any live campaign.</summary>
    public static IQueryable<Member> Uncovered(RallyDb db, IQueryable<Member> members, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var covered = db.CampaignTargets.Where(t => t.OrganiserId != null
            && db.Campaigns.Any(c => c.Id == t.CampaignId && c.ArchivedAt == null && c.Deadline >= today));
        return members.Where(m => !covered.Any(t => t.MemberId == m.Id));
    }
}
