using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Decisions;

namespace Rally.Features.Placements;

/// <summary>
/// Who may see a placement and who oversees it, in queries. A placement is visible to viewers over its
/// body's unit, and always to the specialist and to its overseers themselves (by their user's member).
/// </summary>
public static class Oversight
{
    /// <summary>The member the signed-in user is (User.MemberId), or null.</summary>
    public static async Task<int?> MemberOfAsync(RallyDb db, Caller caller, CancellationToken ct) =>
        caller.UserId is { } id ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.MemberId).FirstOrDefaultAsync(ct) : null;

    public static async Task<IQueryable<Placement>> VisibleAsync(RallyDb db, Caller caller, CancellationToken ct)
    {
        var units = (await caller.UnitsAsync(Roles.Viewer, ct)).Select(u => u.Id);
        var me = await MemberOfAsync(db, caller, ct);
        return me is { } m
            ? db.Placements.Where(p => units.Contains(p.Body.OrgUnitId) || p.MemberId == m || p.Overseers.Any(o => o.MemberId == m))
            : db.Placements.Where(p => units.Contains(p.Body.OrgUnitId));
    }

    /// <summary>
    /// Overseers active on <paramref name="day"/>, the same rule as <see cref="DecisionRules.IsActiveOverseer"/> in SQL:
    /// the oversight covers the day, the member is no specialist and holds a post in the placement's body that day.
    /// </summary>
    public static IQueryable<Overseer> Active(RallyDb db, DateOnly day) =>
        from o in db.Overseers
        join p in db.Placements on o.PlacementId equals p.Id
        where o.StartsOn <= day && (o.EndsOn == null || o.EndsOn >= day)
              && o.Member.Category.Code != Placement.SpecialistCategory
              && db.Assignments.Any(a => a.MemberId == o.MemberId && a.Post.BodyId == p.BodyId && a.StartsOn <= day && (a.EndsOn == null || a.EndsOn >= day))
        select o;

    /// <summary>Placements under way on <paramref name="day"/> with no active overseer: the coverage flag.</summary>
    public static IQueryable<Placement> Uncovered(RallyDb db, IQueryable<Placement> placements, DateOnly day)
    {
        var covered = Active(db, day).Select(o => o.PlacementId);
        return placements.Where(p => p.StartsOn <= day && (p.EndsOn == null || p.EndsOn >= day) && !covered.Contains(p.Id));
    }

    /// <summary>Whether <paramref name="memberId"/> oversees the placement on <paramref name="day"/>, by the pure rule over the stored facts.</summary>
    public static async Task<bool> IsActiveOverseerAsync(RallyDb db, Placement placement, int memberId, DateOnly day, CancellationToken ct)
    {
        var rows = await db.Overseers.AsNoTracking().Where(o => o.PlacementId == placement.Id && o.MemberId == memberId)
            .Select(o => new { o.StartsOn, o.EndsOn }).ToListAsync(ct);
        if (rows.Count == 0) return false;
        var isSpecialist = await db.Members.Where(m => m.Id == memberId).Select(m => m.Category.Code == Placement.SpecialistCategory).FirstAsync(ct);
        var posts = (await db.Assignments.AsNoTracking().Where(a => a.MemberId == memberId && a.Post.BodyId == placement.BodyId)
            .Select(a => new { a.StartsOn, a.EndsOn }).ToListAsync(ct)).Select(a => (a.StartsOn, a.EndsOn)).ToList();
        return rows.Any(r => DecisionRules.IsActiveOverseer(new(r.StartsOn, r.EndsOn, isSpecialist, posts), day));
    }

    /// <summary>Today as the clock says, in UTC.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
