using Rally.Data;
using Rally.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace Rally.Features.Ladder;

/// <summary>
/// Stalled: members holding a post today whose highest rung has stayed the same for at least the
/// given whole months (see <see cref="ReadinessRules.HighestSince"/>), below the top rung (there is
/// nowhere further to go from there). SQL keeps those holding a post on their highest rung that
/// started long enough ago; the exact "since" is worked out from their spells. Longest stalled first.
/// </summary>
static class StalledList
{
    public static async Task<(IReadOnlyList<Readiness.Entry>, int)> PageAsync(
        RallyDb db, IQueryable<Member> members, IReadOnlyList<RungRequirement> rungs, DateOnly today, int months, int page, int size, CancellationToken ct)
    {
        if (rungs.Count < 2) return ([], 0);
        var top = rungs[^1].Position;
        // A bound, loosened by a few days for month ends; the months are counted exactly below.
        var startedBy = today.AddMonths(-months).AddDays(3);
        var candidates = Readiness.HeldRungs(db, members, today)
            .Where(h => h.Now != null && h.Now < top)
            .Where(h => db.Assignments.Any(a => a.MemberId == h.MemberId && a.Post.Rung.Position == h.Now && a.StartsOn <= startedBy));
        var rows = await candidates.Select(h => new { h.MemberId, h.LastNameKey, h.FirstNameKey }).ToListAsync(ct);
        if (rows.Count == 0) return ([], 0);

        // Their spells, read by the same query rather than a list of ids (a list of thousands is as many SQL parameters).
        var stints = (await Readiness.Placements(db, today).Where(x => candidates.Select(h => h.MemberId).Contains(x.MemberId)).ToListAsync(ct))
            .ToLookup(x => x.MemberId, x => new Stint(x.Rung, x.StartsOn, x.EndsOn));
        var stalled = rows
            .Select(r => (Row: r, Held: ReadinessRules.HighestSince(stints[r.MemberId].ToList(), today)))
            .Where(x => x.Held is { } h && ReadinessRules.Stalled(h.Since, today, months))
            .Select(x => (x.Row, Rung: x.Held!.Value.Rung, Since: x.Held.Value.Since))
            .OrderBy(x => x.Since).ThenBy(x => x.Row.LastNameKey, StringComparer.Ordinal).ThenBy(x => x.Row.FirstNameKey, StringComparer.Ordinal).ThenBy(x => x.Row.MemberId)
            .ToList();
        var entries = stalled.Skip((page - 1) * size).Take(size)
            .Select(x => new Readiness.Entry(x.Row.MemberId, Holding: x.Rung, Since: x.Since, Months: ReadinessRules.WholeMonths(x.Since, today))).ToList();
        return (entries, stalled.Count);
    }
}
