using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>
/// Findings counted by target, by responsible body and by age (days since found, for the ones not
/// closed), over the findings the caller may see. Counted in the database.
/// </summary>
public static class FindingReports
{
    public sealed record Counts(int Total, int Open, int Overdue, int ReportedFixed, int VerifiedFixed, int ClosedNotFixed);

    public sealed record ByTarget(int TargetId, string Target, Counts Counts);

    public sealed record ByBody(int BodyId, string Body, Counts Counts);

    public sealed record AgeBand(string Band, int MinDays, int? MaxDays, int Open, int Overdue);

    public sealed record Response(DateOnly Today, Counts Totals, IReadOnlyList<ByTarget> Targets, IReadOnlyList<ByBody> Bodies, IReadOnlyList<AgeBand> Ages);

    static readonly (string Band, int Min, int? Max)[] Bands = [("0-7", 0, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("91+", 91, null)];

    public static async Task<Outcome<Response>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var today = FindingRules.Today(clock);
        var findings = await InspectionAccess.FindingsAsync(db, caller, Roles.Viewer, ct);
        // Grouped in the database by the keys that matter; a handful of rows per target and body come back.
        var groups = await findings.AsNoTracking()
            .GroupBy(f => new
            {
                f.Inspection.TargetId, Target = f.Inspection.Target.Name, f.ResponsibleBodyId, Body = f.ResponsibleBody.Name,
                f.State.IsClosed, f.State.AwaitsFix, f.State.IsVerifiedFix, State = f.State.Code, Overdue = f.State.AwaitsFix && f.Deadline < today,
            })
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Counts Count(IEnumerable<(bool Closed, bool Overdue, bool Verified, string State, int N)> rows)
        {
            var list = rows.ToList();
            return new(list.Sum(r => r.N), list.Where(r => !r.Closed).Sum(r => r.N), list.Where(r => r.Overdue).Sum(r => r.N),
                list.Where(r => r.State == FindingState.ReportedFixed).Sum(r => r.N), list.Where(r => r.Verified).Sum(r => r.N),
                list.Where(r => r.State == FindingState.ClosedNotFixed).Sum(r => r.N));
        }
        var rows = groups.Select(g => (g.Key.TargetId, g.Key.Target, g.Key.ResponsibleBodyId, g.Key.Body, Tuple: (g.Key.IsClosed, g.Key.Overdue, g.Key.IsVerifiedFix, g.Key.State, g.Count))).ToList();
        var targets = rows.GroupBy(r => (r.TargetId, r.Target)).Select(g => new ByTarget(g.Key.TargetId, g.Key.Target, Count(g.Select(r => r.Tuple))))
            .OrderByDescending(t => t.Counts.Overdue).ThenByDescending(t => t.Counts.Open).ThenBy(t => t.Target).ToList();
        var bodies = rows.GroupBy(r => (r.ResponsibleBodyId, r.Body)).Select(g => new ByBody(g.Key.ResponsibleBodyId, g.Key.Body, Count(g.Select(r => r.Tuple))))
            .OrderByDescending(t => t.Counts.Overdue).ThenByDescending(t => t.Counts.Open).ThenBy(t => t.Body).ToList();

        var ages = new List<AgeBand>();
        foreach (var (band, min, max) in Bands)
        {
            var newest = today.AddDays(-min);
            var open = findings.Where(f => !f.State.IsClosed && f.FoundOn <= newest);
            if (max is { } m) open = open.Where(f => f.FoundOn >= today.AddDays(-m));
            ages.Add(new(band, min, max, await open.CountAsync(ct), await open.CountAsync(f => f.State.AwaitsFix && f.Deadline < today, ct)));
        }
        return Outcome<Response>.Ok(new(today, Count(rows.Select(r => r.Tuple)), targets, bodies, ages));
    }
}
