using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;

namespace Rally.Features.Overview;

/// <summary>Member counts by union, category and status within the caller's grants, each one GROUP BY on the server.</summary>
public static class MemberCounts
{
    public const string UnionKind = "union";

    public sealed record Result(int Total, IReadOnlyList<(string Label, int Value)> ByUnion, IReadOnlyList<(string Code, string Label, int Value)> ByCategory, IReadOnlyList<(string Status, int Value)> ByStatus);

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, CancellationToken ct = default)
    {
        var members = (await caller.MembersAsync(ct: ct)).Where(m => m.ArchivedAt == null && m.ErasedAt == null);

        var byStatus = await members.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byCategory = await members.GroupBy(m => m.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byUnit = await members.GroupBy(m => m.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name, c.SortOrder }).ToListAsync(ct);
        // Members belong to a union or one of its branches: roll each unit's count up to its union.
        var unitIds = byUnit.Select(u => u.Key).ToList();
        var unitPaths = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var unions = await (await caller.UnitsAsync(ct: ct)).AsNoTracking().Where(u => u.Kind.Code == UnionKind && u.ArchivedAt == null)
            .Select(u => new { u.Path, u.ShortName }).ToListAsync(ct);
        // Scoped callers may see a branch without its union: name the unit then.
        var union = new Dictionary<string, int>();
        foreach (var u in byUnit)
        {
            var path = unitPaths.GetValueOrDefault(u.Key, "");
            var owner = unions.Where(x => OrgPath.Contains(x.Path, path)).OrderByDescending(x => x.Path.Length).Select(x => x.ShortName).FirstOrDefault() ?? "—";
            union[owner] = union.GetValueOrDefault(owner) + u.Count;
        }

        return new(
            byStatus.Sum(s => s.Count),
            union.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => (u.Key, u.Value)).ToList(),
            categories.OrderBy(c => c.SortOrder).Select(c => (c.Code, c.Name, byCategory.FirstOrDefault(b => b.Key == c.Id)?.Count ?? 0)).Where(c => c.Item3 > 0).ToList(),
            Members.MemberRules.Statuses.Select(s => (s, byStatus.FirstOrDefault(b => b.Key == s)?.Count ?? 0)).ToList());
    }
}
