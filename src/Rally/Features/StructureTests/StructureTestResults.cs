using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.StructureTests;

/// <summary>
/// A test's results among the members the caller may see: the database groups members and
/// participants by (workplace, union or branch) in one query; <see cref="ParticipationArithmetic"/>
/// turns the groups into shares, target marks and roll-ups.
/// </summary>
public static class StructureTestResults
{
    public sealed record Row(int Members, int Participants, decimal? Share, bool TargetMet);

    public sealed record WorkplaceRow(int? WorkplaceId, string? Workplace, string? WorkplaceName, int Members, int Participants, decimal? Share, bool TargetMet);

    public sealed record UnitRow(int UnitId, string Unit, string UnitName, int Depth, int Members, int Participants, decimal? Share, bool TargetMet);

    public sealed record Totals(int Members, int Participants, decimal? Share, bool TargetMet, int Workplaces, int WorkplacesMet);

    public sealed record Response(StructureTestResponse Test, Totals Totals, IReadOnlyList<WorkplaceRow> ByWorkplace, IReadOnlyList<UnitRow> ByUnit);

    public static async Task<Outcome<Response>> RunAsync(RallyDb db, Caller caller, int testId, CancellationToken ct)
    {
        var test = await (await StructureTestScope.VisibleAsync(db, caller, ct)).AsNoTracking().Where(t => t.Id == testId)
            .Select(t => new { t.Id, t.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (test is null) return Outcome<Response>.NotFound($"There is no structure test {testId}.");
        var response = await SaveStructureTest.ProjectAsync(db, test.Id, ct);

        var members = await StructureTestScope.CoveredMembersAsync(db, caller, test.Path, ct);
        var took = db.Participations.Where(p => p.StructureTestId == testId);
        var groups = await (
                from m in members
                join p in took on m.Id equals p.MemberId into ps
                from p in ps.DefaultIfEmpty()
                select new { m.WorkplaceId, m.OrgUnitId, Took = p == null ? 0 : 1 })
            .GroupBy(x => new { x.WorkplaceId, x.OrgUnitId })
            .Select(g => new { g.Key.WorkplaceId, g.Key.OrgUnitId, Members = g.Count(), Participants = g.Sum(x => x.Took) })
            .ToListAsync(ct);

        var unitIds = groups.Select(g => g.OrgUnitId).Distinct().ToList();
        var paths = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var results = ParticipationArithmetic.Compute(
            groups.Select(g => new ParticipationArithmetic.Count(g.WorkplaceId, paths[g.OrgUnitId], g.Members, g.Participants)),
            test.Path, response.TargetShare);

        var workplaceIds = results.ByWorkplace.Where(w => w.WorkplaceId is not null).Select(w => w.WorkplaceId!.Value).ToList();
        var workplaces = await db.OrgUnits.AsNoTracking().Where(u => workplaceIds.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, ct);
        var rolledPaths = results.ByUnit.Select(u => u.Path).ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => rolledPaths.Contains(u.Path)).Select(u => new { u.Id, u.Code, u.Name, u.Path, u.Depth }).ToDictionaryAsync(u => u.Path, ct);

        var byWorkplace = results.ByWorkplace
            .Select(w => (w, unit: w.WorkplaceId is { } id ? workplaces[id] : null))
            .OrderBy(x => x.unit is null).ThenBy(x => x.unit?.Name, StringComparer.CurrentCulture)
            .Select(x => new WorkplaceRow(x.w.WorkplaceId, x.unit?.Code, x.unit?.Name, x.w.Tally.Members, x.w.Tally.Participants, x.w.Tally.Share, x.w.Tally.TargetMet))
            .ToList();
        var byUnit = results.ByUnit
            .Select(u => new UnitRow(units[u.Path].Id, units[u.Path].Code, units[u.Path].Name, units[u.Path].Depth, u.Tally.Members, u.Tally.Participants, u.Tally.Share, u.Tally.TargetMet))
            .ToList();
        var t = results.Total;
        return Outcome<Response>.Ok(new(response, new(t.Members, t.Participants, t.Share, t.TargetMet, results.Workplaces, results.WorkplacesMet), byWorkplace, byUnit));
    }
}
