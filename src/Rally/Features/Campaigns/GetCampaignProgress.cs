using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>
/// GET /campaigns/{id}/progress: reads only what <see cref="CampaignProgress"/> needs — the number of
/// targets per workplace, and the changes per day and workplace that <see cref="CampaignProgressDeltas"/>
/// keeps as the goal's dated rows are written (assessments on the goal's scale, conversations, or
/// participations) — and leaves the running sums to the rule's sweep in memory.
/// </summary>
public static class GetCampaignProgress
{
    public sealed record PointResponse(DateOnly Date, decimal Value, int Achieved);

    public sealed record WorkplaceProgress(string? Workplace, string? Name, decimal Value, decimal Share, int Targets, int Achieved, IReadOnlyList<PointResponse>? Series);

    public sealed record ProgressResponse(GoalResponse Goal, DateOnly StartsOn, DateOnly Deadline, DateOnly Today,
        CampaignProgress.Now Now, IReadOnlyList<PointResponse> Series, IReadOnlyList<WorkplaceProgress> ByWorkplace);

    public static async Task<Outcome<ProgressResponse>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, bool workplaceSeries, CancellationToken ct)
    {
        var campaign = await (await CampaignResponse.VisibleAsync(db, caller, Roles.Viewer, ct)).AsNoTracking()
            .Select(c => new
            {
                c.Id, c.GoalKind, c.GoalScaleId, c.GoalLevel, c.GoalShare, c.GoalCount, c.GoalStructureTestId, c.StartsOn, c.Deadline,
                Scale = db.AssessmentScales.Where(s => s.Id == c.GoalScaleId).Select(s => s.Code).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return Outcome<ProgressResponse>.NotFound("There is no such campaign.");
        var today = CampaignProgress.Day(clock.GetUtcNow());
        var goal = new CampaignProgress.Goal(campaign.GoalKind, campaign.GoalLevel, campaign.GoalShare, campaign.GoalCount);
        var spec = new CampaignProgressDeltas.GoalSpec(campaign.Id, campaign.GoalKind, campaign.GoalLevel ?? 0, campaign.GoalScaleId ?? 0, campaign.GoalStructureTestId ?? 0);
        var result = await ComputeAsync(db, spec, goal, campaign.StartsOn, campaign.Deadline, today, direct: false, ct);

        var workplaceIds = result.ByWorkplace.Where(w => w.WorkplaceId is not null).Select(w => w.WorkplaceId!.Value).ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => workplaceIds.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, ct);
        var byWorkplace = result.ByWorkplace
            .Select(w => new WorkplaceProgress(w.WorkplaceId is { } i ? names[i].Code : null, w.WorkplaceId is { } j ? names[j].Name : null,
                w.Now.Value, w.Now.Share, w.Now.Targets, w.Now.Achieved, workplaceSeries ? Points(w.Series) : null))
            .OrderBy(w => w.Name is null).ThenBy(w => w.Name, StringComparer.CurrentCulture).ToList();
        return Outcome<ProgressResponse>.Ok(new(
            new GoalResponse(campaign.GoalKind, campaign.Scale, campaign.GoalLevel, campaign.GoalShare, campaign.GoalCount, campaign.GoalStructureTestId),
            campaign.StartsOn, campaign.Deadline, today, result.Now, Points(result.Series), byWorkplace));
    }

    sealed record DeltaRow(long Day, long? WorkplaceId, long Change);

    /// <summary>
    /// The campaign's progress: the number of targets per workplace and the changes per day and workplace, swept by
    /// the rule. The changes are the ones kept as the history is written (<see cref="CampaignProgressDeltas"/>), or,
    /// when <paramref name="direct"/>, worked out from the dated history itself (the two answer the same; tests compare them).
    /// </summary>
    internal static async Task<CampaignProgress.Result> ComputeAsync(RallyDb db, CampaignProgressDeltas.GoalSpec goal, CampaignProgress.Goal rule,
        DateOnly startsOn, DateOnly deadline, DateOnly today, bool direct, CancellationToken ct)
    {
        var last = today > deadline ? today : deadline;
        List<CampaignProgress.WorkplaceTargets> workplaces;
        List<CampaignProgress.Delta> deltas;
        if (direct)
        {
            workplaces = await db.CampaignTargets.Where(t => t.CampaignId == goal.CampaignId).GroupBy(t => t.WorkplaceId)
                .Select(g => new CampaignProgress.WorkplaceTargets(g.Key, g.Count())).ToListAsync(ct);
            var (sql, parameters) = CampaignProgressDeltas.Query(db, goal, null, Segments.StartOf(startsOn), Segments.StartOf(last.AddDays(1)));
            var rows = await db.Database.SqlQueryRaw<DeltaRow>(sql, parameters).ToListAsync(ct);
            deltas = rows.Select(r => new CampaignProgress.Delta(DateOnly.FromDayNumber((int)r.Day), (int?)r.WorkplaceId, (int)r.Change)).ToList();
        }
        else
        {
            // The kept rows hold the whole history: conversations count from the start; the sweep ignores days after the last.
            var from = goal.Kind == GoalKinds.Conversations ? startsOn.DayNumber : int.MinValue;
            var until = last.DayNumber;
            workplaces = (await db.Set<CampaignWorkplace>().AsNoTracking().Where(w => w.CampaignId == goal.CampaignId).Select(w => new { w.WorkplaceId, w.Targets }).ToListAsync(ct))
                .Select(w => new CampaignProgress.WorkplaceTargets(w.WorkplaceId == 0 ? null : w.WorkplaceId, w.Targets)).ToList();
            var rows = await db.Set<CampaignProgressDelta>().AsNoTracking()
                .Where(d => d.CampaignId == goal.CampaignId && d.Day >= from && d.Day <= until && d.Change != 0)
                .Select(d => new { d.Day, d.WorkplaceId, d.Change }).ToListAsync(ct);
            deltas = rows.Select(r => new CampaignProgress.Delta(DateOnly.FromDayNumber(r.Day), r.WorkplaceId == 0 ? null : r.WorkplaceId, r.Change)).ToList();
        }
        return CampaignProgress.Compute(rule, startsOn, deadline, today, workplaces, deltas);
    }

    static List<PointResponse> Points(IReadOnlyList<CampaignProgress.Point> series) => series.Select(p => new PointResponse(p.Date, p.Value, p.Achieved)).ToList();
}
