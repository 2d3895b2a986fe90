using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Inspections;

/// <summary>
/// What the public may see, with no sign-in: targets, completed inspections and their findings by
/// state and severity, overdue counts and fix rates. Nothing planned or in progress is shown (a
/// surprise inspection must not leak), and no personal field is ever read: no member, no user, no
/// free-text description (it could name someone) — a finding is shown by its target, severity,
/// state, dates, responsible body and the checklist item it failed.
/// </summary>
public static class StatusBoard
{
    public sealed record TargetRow(int Id, string Name, string? Kind, string? Address, int Inspections, DateOnly? LastInspectedOn,
        int Findings, int Open, int Overdue, int VerifiedFixed, int ClosedNotFixed);

    public sealed record Cell(string State, string StateName, string Severity, string SeverityName, int Count);

    public sealed record Rate(string Severity, string SeverityName, int Findings, int VerifiedFixed, int ClosedNotFixed, int Overdue);

    public sealed record RecentInspection(int Id, string Target, DateOnly CompletedOn, string Checklist, int Findings);

    public sealed record Board(DateOnly Today, int CompletedInspections, int Findings, int Open, int Overdue, int VerifiedFixed,
        IReadOnlyList<TargetRow> Targets, IReadOnlyList<Cell> ByStateAndSeverity, IReadOnlyList<Rate> Rates, IReadOnlyList<RecentInspection> Recent,
        IReadOnlyList<(string Code, string Name)> States, IReadOnlyList<(string Code, string Name)> Severities)
    {
        /// <summary>Verified fixes over all findings; reported-but-unverified fixes and "closed, not fixed" never count.</summary>
        public static decimal? FixRate(int verified, int findings) => findings == 0 ? null : Math.Round(100m * verified / findings, 1);
    }

    public sealed record FeedItem(int Id, string Target, string Severity, string State, string? Item, DateOnly FoundOn, DateOnly Deadline, DateTimeOffset Published, string ResponsibleBody);

    /// <summary>Findings of completed inspections only.</summary>
    static IQueryable<Finding> Public(RallyDb db) => db.Findings.Where(f => f.Inspection.Stage == InspectionStages.Completed);

    public static async Task<Board> LoadAsync(RallyDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = FindingRules.Today(clock);
        var findings = Public(db).AsNoTracking();
        var cells = await findings.GroupBy(f => new { State = f.State.Code, StateName = f.State.Name, Severity = f.Severity.Code, SeverityName = f.Severity.Name })
            .Select(g => new Cell(g.Key.State, g.Key.StateName, g.Key.Severity, g.Key.SeverityName, g.Count())).ToListAsync(ct);
        var rates = await findings.GroupBy(f => new { f.Severity.Code, f.Severity.Name, f.Severity.SortOrder })
            .Select(g => new
            {
                g.Key.Code, g.Key.Name, g.Key.SortOrder, Count = g.Count(), Verified = g.Count(f => f.State.IsVerifiedFix),
                NotFixed = g.Count(f => f.State.Code == FindingState.ClosedNotFixed), Overdue = g.Count(f => f.State.AwaitsFix && f.Deadline < today),
            }).ToListAsync(ct);
        var targets = await db.InspectionTargets.AsNoTracking().Where(t => t.ArchivedAt == null).OrderBy(t => t.Name).ThenBy(t => t.Id).Take(500)
            .Select(t => new TargetRow(t.Id, t.Name, t.Kind, t.Address,
                db.Inspections.Count(i => i.TargetId == t.Id && i.Stage == InspectionStages.Completed),
                db.Inspections.Where(i => i.TargetId == t.Id && i.Stage == InspectionStages.Completed).Max(i => (DateOnly?)i.PlannedOn),
                findings.Count(f => f.Inspection.TargetId == t.Id),
                findings.Count(f => f.Inspection.TargetId == t.Id && !f.State.IsClosed),
                findings.Count(f => f.Inspection.TargetId == t.Id && f.State.AwaitsFix && f.Deadline < today),
                findings.Count(f => f.Inspection.TargetId == t.Id && f.State.IsVerifiedFix),
                findings.Count(f => f.Inspection.TargetId == t.Id && f.State.Code == FindingState.ClosedNotFixed)))
            .ToListAsync(ct);
        var recentRows = await db.Inspections.AsNoTracking().Where(i => i.Stage == InspectionStages.Completed)
            .OrderByDescending(i => i.CompletedAt).ThenByDescending(i => i.Id).Take(20)
            .Select(i => new { i.Id, Target = i.Target.Name, i.CompletedAt, i.PlannedOn, Checklist = i.Checklist.Name, Findings = db.Findings.Count(f => f.InspectionId == i.Id) })
            .ToListAsync(ct);
        var recent = recentRows.Select(i => new RecentInspection(i.Id, i.Target, i.CompletedAt is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : i.PlannedOn, i.Checklist, i.Findings)).ToList();
        var states = (await db.FindingStates.AsNoTracking().Where(s => s.ArchivedAt == null).OrderBy(s => s.SortOrder).Select(s => new { s.Code, s.Name }).ToListAsync(ct))
            .Select(s => (s.Code, s.Name)).ToList();
        var severities = (await db.Severities.AsNoTracking().Where(s => s.ArchivedAt == null).OrderBy(s => s.SortOrder).Select(s => new { s.Code, s.Name }).ToListAsync(ct))
            .Select(s => (s.Code, s.Name)).ToList();
        return new Board(today,
            await db.Inspections.CountAsync(i => i.Stage == InspectionStages.Completed, ct),
            rates.Sum(r => r.Count), cells.Where(c => !IsClosed(c.State)).Sum(c => c.Count), rates.Sum(r => r.Overdue), rates.Sum(r => r.Verified),
            targets, cells,
            rates.OrderBy(r => r.SortOrder).Select(r => new Rate(r.Code, r.Name, r.Count, r.Verified, r.NotFixed, r.Overdue)).ToList(),
            recent, states, severities);

        bool IsClosed(string state) => state is FindingState.VerifiedFixed or FindingState.ClosedNotFixed;
    }

    /// <summary>The newest findings of completed inspections, for the Atom feed.</summary>
    public static async Task<IReadOnlyList<FeedItem>> FeedAsync(RallyDb db, CancellationToken ct)
    {
        var rows = await Public(db).AsNoTracking().OrderByDescending(f => f.Inspection.CompletedAt).ThenByDescending(f => f.Id).Take(50)
            .Select(f => new
            {
                f.Id, Target = f.Inspection.Target.Name, Severity = f.Severity.Name, State = f.State.Name,
                Item = db.ChecklistItems.Where(i => i.Id == f.ItemId).Select(i => i.Text).FirstOrDefault(),
                f.FoundOn, f.Deadline, f.Inspection.CompletedAt, f.CreatedAt, Body = f.ResponsibleBody.Name,
            }).ToListAsync(ct);
        return rows.Select(r => new FeedItem(r.Id, r.Target, r.Severity, r.State, r.Item, r.FoundOn, r.Deadline, r.CompletedAt ?? r.CreatedAt, r.Body)).ToList();
    }
}
