using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.Council;

/// <summary>
/// The council's constituencies from live data: the units directly under the federation (its
/// unions and its sections, such as the Poor Peasants' Section with its village unions), each
/// with the members in its subtree who were members on the date, by the status history.
/// Only what the caller may see is listed and counted.
/// </summary>
public static class CouncilConstituencies
{
    public sealed record Item(int Id, string Code, string Name, string ShortName, string Kind, long Count);

    public sealed record Response(DateOnly Date, IReadOnlyList<Item> Items, long Total);

    public static async Task<Response> RunAsync(RallyDb db, Caller caller, DateOnly date, CancellationToken ct)
    {
        var visible = (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking();
        var roots = db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id);
        var units = await visible.Where(u => u.ParentId != null && roots.Contains(u.ParentId.Value) && u.ArchivedAt == null)
            .OrderBy(u => u.Kind.SortOrder).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Code, u.Name, u.ShortName, Kind = u.Kind.Code, u.Path })
            .ToListAsync(ct);

        // A member counts on the date when the last status change effective by then made them a member.
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).Where(m => m.ArchivedAt == null);
        var byUnit = await members
            .Where(m => db.MemberStatusChanges.Where(s => s.MemberId == m.Id && s.EffectiveOn <= date)
                .OrderByDescending(s => s.EffectiveOn).ThenByDescending(s => s.Id).Select(s => s.ToStatus).FirstOrDefault() == MemberRules.Active)
            .GroupBy(m => m.OrgUnitId).Select(g => new { g.Key, Count = g.LongCount() })
            .ToListAsync(ct);
        var ids = byUnit.Select(u => u.Key).ToList();
        var paths = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);

        var items = units.Select(u => new Item(u.Id, u.Code, u.Name, u.ShortName, u.Kind,
            byUnit.Where(b => paths.TryGetValue(b.Key, out var p) && OrgPath.Contains(u.Path, p)).Sum(b => b.Count))).ToList();
        return new Response(date, items, items.Sum(i => i.Count));
    }
}
