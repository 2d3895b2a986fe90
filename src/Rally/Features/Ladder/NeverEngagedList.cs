using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Assessments;
using Rally.Features.Members;

namespace Rally.Features.Ladder;

/// <summary>
/// Never engaged: active members in scope with no assignment at all (past, present or future) —
/// the candidates for rung 1. Least engaged categories first: a category's engagement is the share
/// of its active members in the same scope who ever held a post (lowest share first; ties by the
/// category's order). Within a category, the member's current engagement level worst first
/// (5 opposed … 1 leader), the unassessed after the assessed, then by name. Counted, ordered and
/// paged in SQL: the list can hold most of a union.
/// </summary>
static class NeverEngagedList
{
    public static async Task<(IReadOnlyList<Readiness.Entry>, int)> PageAsync(RallyDb db, IQueryable<Member> members, int page, int size, CancellationToken ct)
    {
        var pool = members.Where(m => m.Status == MemberRules.Active);
        var counts = await pool.Select(m => new { m.CategoryId, Assigned = db.Assignments.Any(a => a.MemberId == m.Id) })
            .GroupBy(x => x.CategoryId)
            .Select(g => new { CategoryId = g.Key, Members = g.Count(), Assigned = g.Count(x => x.Assigned) })
            .ToListAsync(ct);
        var ids = counts.Select(c => c.CategoryId).ToList();
        var order = await db.Categories.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.SortOrder, c.Name), ct);
        var ranked = counts
            .Select(c => new CategoryEngagement(c.CategoryId, c.Members, c.Assigned, order[c.CategoryId].SortOrder, order[c.CategoryId].Name))
            .ToList();
        ranked.Sort(CategoryEngagement.LeastEngagedFirst);
        var byCategory = ranked.ToDictionary(c => c.CategoryId);

        var never = pool.Where(m => !db.Assignments.Any(a => a.MemberId == m.Id));
        var total = await never.CountAsync(ct);
        var rows = await never
            .OrderBy(Rank(ranked.Select(c => c.CategoryId).ToList()))
            // Worst level first; the unassessed (0) after level 1.
            .ThenByDescending(m => db.Assessments.Where(a => a.MemberId == m.Id && a.ScaleId == AssessmentScale.EngagementId)
                .OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id).Select(a => (int?)a.Level).FirstOrDefault() ?? 0)
            .ThenBy(m => m.LastNameKey).ThenBy(m => m.FirstNameKey).ThenBy(m => m.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(m => new { m.Id, m.CategoryId })
            .ToListAsync(ct);
        var entries = rows.Select(r => new Readiness.Entry(r.Id,
            CategoryMembers: byCategory.TryGetValue(r.CategoryId, out var c) ? c.Members : null, CategoryEverAssigned: c?.Assigned)).ToList();
        return (entries, total);
    }

    /// <summary>m => m.CategoryId == first ? 0 : m.CategoryId == second ? 1 : ... : n — a CASE in SQL.</summary>
    static Expression<Func<Member, int>> Rank(IReadOnlyList<int> categoryIds)
    {
        var m = Expression.Parameter(typeof(Member), "m");
        var category = Expression.Property(m, nameof(Member.CategoryId));
        Expression body = Expression.Constant(categoryIds.Count);
        for (var i = categoryIds.Count - 1; i >= 0; i--)
            body = Expression.Condition(Expression.Equal(category, Expression.Constant(categoryIds[i])), Expression.Constant(i), body);
        return Expression.Lambda<Func<Member, int>>(body, m);
    }
}

/// <summary>How many of a category's members (in some scope) ever held a post.</summary>
public sealed record CategoryEngagement(int CategoryId, int Members, int Assigned, int SortOrder, string Name)
{
    /// <summary>Lowest share ever assigned first (compared exactly, as fractions), then the category's order, name and id.</summary>
    public static int LeastEngagedFirst(CategoryEngagement x, CategoryEngagement y)
    {
        var share = ((long)x.Assigned * y.Members).CompareTo((long)y.Assigned * x.Members);
        if (share != 0) return share;
        var sort = x.SortOrder.CompareTo(y.SortOrder);
        if (sort != 0) return sort;
        var name = string.CompareOrdinal(x.Name, y.Name);
        return name != 0 ? name : x.CategoryId.CompareTo(y.CategoryId);
    }
}
