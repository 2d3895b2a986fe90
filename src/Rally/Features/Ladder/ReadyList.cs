using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Members;

namespace Rally.Features.Ladder;

/// <summary>
/// Ready to advance: active members who have held a post and meet every condition of their next
/// rung today (see <see cref="ReadinessRules.NextRung"/>). SQL keeps only those whose programmes and
/// level meet the rung and who could have served its months (a post on the rung below or above
/// started long enough ago, or the rung held before); <see cref="LadderRule"/> then decides exactly.
/// Ordered by the rung they are ready for, highest first, then by name.
/// </summary>
static class ReadyList
{
    public static async Task<(IReadOnlyList<Readiness.Entry>, int)> PageAsync(
        RallyDb db, IQueryable<Member> members, IReadOnlyList<RungRequirement> rungs, DateOnly today, int page, int size, CancellationToken ct)
    {
        if (rungs.Count < 2) return ([], 0);
        var held = Readiness.HeldRungs(db, members, today).Where(h => h.Status == MemberRules.Active);
        var endOfDay = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var candidates = new List<(int MemberId, int? Now, int Next, string Last, string First)>();
        var stints = new Dictionary<int, List<Stint>>();
        foreach (var rung in rungs.Where(r => r.Position > 1))
        {
            var position = rung.Position;
            // NextRung in SQL: one above the rung held today, or above the highest ever held when none is held today.
            var q = held.Where(h => (h.Now ?? h.Ever) + 1 == position);
            if (rung.MinMonthsBelow > 0)
            {
                // A bound, loosened by a few days for month ends; the rule counts the months exactly.
                var startedBy = today.AddMonths(-rung.MinMonthsBelow).AddDays(3);
                q = q.Where(h => db.Assignments.Any(a => a.MemberId == h.MemberId && a.StartsOn <= today && a.Post.Rung.Position >= position)
                    || db.Assignments.Any(a => a.MemberId == h.MemberId && a.StartsOn <= startedBy && a.Post.Rung.Position >= position - 1));
            }
            // Programmes and the level are checked exactly here; only the months are left to the rule.
            foreach (var programme in rung.Programmes)
            {
                var id = programme.Id;
                q = q.Where(h => db.Enrolments.Any(e => e.MemberId == h.MemberId && e.ProgrammeId == id && e.CompletedOn != null && e.CompletedOn <= today));
            }
            if (rung.ScaleId is { } scale && rung.AtOrBetterLevel is { } wanted)
                q = q.Where(h => db.Assessments.Where(a => a.MemberId == h.MemberId && a.ScaleId == scale && a.AssessedAt < endOfDay)
                    .OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id).Select(a => (int?)a.Level).FirstOrDefault() <= wanted);
            var rows = await q.Select(h => new { h.MemberId, h.Now, h.LastNameKey, h.FirstNameKey }).ToListAsync(ct);
            if (rows.Count == 0) continue;
            candidates.AddRange(rows.Select(r => (r.MemberId, r.Now, position, r.LastNameKey, r.FirstNameKey)));
        }
        if (candidates.Count == 0) return ([], 0);
        // The spells of everyone who could be ready, in one plain query: by subquery rather than a list of ids
        // (a list of thousands is as many SQL parameters), and without repeating the conditions above.
        foreach (var x in await Readiness.Placements(db, today).Where(x => held.Select(h => h.MemberId).Contains(x.MemberId)).ToListAsync(ct))
            (stints.TryGetValue(x.MemberId, out var list) ? list : stints[x.MemberId] = []).Add(new Stint(x.Rung, x.StartsOn, x.EndsOn));

        // The months, exactly: the rule over each candidate's spells, against the rung's months alone.
        var monthsOnly = rungs.ToDictionary(r => r.Position, r => r with { Programmes = [], ScaleId = null, AtOrBetterLevel = null });
        var ready = candidates
            .Where(c => LadderRule.Check(monthsOnly[c.Next], new LadderRecord(stints.TryGetValue(c.MemberId, out var s) ? s : [], LadderRecord.Empty.Completed, LadderRecord.Empty.Levels), today).Allowed)
            .OrderByDescending(c => c.Next).ThenBy(c => c.Last, StringComparer.Ordinal).ThenBy(c => c.First, StringComparer.Ordinal).ThenBy(c => c.MemberId)
            .ToList();
        // The evidence for the page's members, from their whole records.
        var onPage = ready.Skip((page - 1) * size).Take(size).ToList();
        var records = await LadderRecords.ForAsync(db, onPage.Select(c => c.MemberId).ToList(), today, ct);
        var byPosition = rungs.ToDictionary(r => r.Position);
        var entries = onPage
            .Select(c => new Readiness.Entry(c.MemberId, Holding: c.Now, ReadyFor: c.Next, Evidence: LadderRule.Check(byPosition[c.Next], records[c.MemberId], today).Evidence))
            .ToList();
        return (entries, ready.Count);
    }
}
