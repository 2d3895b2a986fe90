using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>
/// GET /campaigns/{id}/progress: reads only what <see cref="CampaignProgress"/> needs — the targets
/// with their workplace, and the dated rows of the goal (assessments on the goal's scale up to today,
/// conversations since the start, or participations) for the targets, each in one query — and
/// leaves the rest to the rule's sweep in memory.
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
        var last = today > campaign.Deadline ? today : campaign.Deadline;
        var until = Segments.StartOf(last.AddDays(1));

        var targetRows = db.CampaignTargets.Where(t => t.CampaignId == id);
        List<CampaignProgress.Target> targets;
        List<CampaignProgress.Mark> marks = [];
        List<CampaignProgress.Event> events = [];
        switch (campaign.GoalKind)
        {
            case GoalKinds.LevelShare:
                (targets, marks) = await TargetsWithMarksAsync(db, targetRows, campaign.GoalScaleId ?? 0, until, ct);
                break;
            case GoalKinds.Conversations:
                targets = await TargetsAsync(db, targetRows, ct);
                var since = Segments.StartOf(campaign.StartsOn);
                events = (await (from t in targetRows
                                 join c in db.Conversations on t.MemberId equals c.MemberId
                                 where c.HeldAt >= since && c.HeldAt < until
                                 select new { c.MemberId, c.HeldAt }).ToListAsync(ct))
                    .Select(c => new CampaignProgress.Event(c.MemberId, CampaignProgress.Day(c.HeldAt))).ToList();
                break;
            default:
                targets = await TargetsAsync(db, targetRows, ct);
                events = await (from t in targetRows
                                join p in db.Participations on t.MemberId equals p.MemberId
                                where p.StructureTestId == campaign.GoalStructureTestId
                                select new CampaignProgress.Event(p.MemberId, p.ParticipatedOn)).ToListAsync(ct);
                break;
        }
        var result = CampaignProgress.Compute(goal, campaign.StartsOn, campaign.Deadline, today, targets, marks, events);

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

    static Task<List<CampaignProgress.Target>> TargetsAsync(RallyDb db, IQueryable<CampaignTarget> targetRows, CancellationToken ct) =>
        (from t in targetRows join m in db.Members on t.MemberId equals m.Id select new CampaignProgress.Target(m.Id, m.WorkplaceId)).ToListAsync(ct);

    /// <summary>
    /// The targets with their workplace and their assessments on the scale, in one query (a target never
    /// assessed comes once, with no assessment), read straight off the data reader: this is the one
    /// query whose size grows with the campaign, and EF's materialiser would double its cost.
    /// </summary>
    static async Task<(List<CampaignProgress.Target>, List<CampaignProgress.Mark>)> TargetsWithMarksAsync(
        RallyDb db, IQueryable<CampaignTarget> targetRows, int scaleId, DateTimeOffset until, CancellationToken ct)
    {
        var query = from t in targetRows
                    join m in db.Members on t.MemberId equals m.Id
                    from a in db.Assessments.Where(a => a.MemberId == t.MemberId && a.ScaleId == scaleId && a.AssessedAt < until).DefaultIfEmpty()
                    select new { t.MemberId, m.WorkplaceId, At = (DateTimeOffset?)a!.AssessedAt, Level = (int?)a.Level };
        var converter = db.Model.FindEntityType(typeof(Assessments.Assessment))!.FindProperty(nameof(Assessments.Assessment.AssessedAt))!.GetTypeMapping().Converter;
        // SQLite stores the instant as a long (see RallyDb); PostgreSQL as timestamptz.
        var fromLong = converter?.ConvertFromProviderExpression is System.Linq.Expressions.Expression<Func<long, DateTimeOffset>> e ? e.Compile() : null;
        var targets = new List<CampaignProgress.Target>();
        var marks = new List<CampaignProgress.Mark>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = query.CreateDbCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(ct);
            var last = int.MinValue;
            while (await reader.ReadAsync(ct))
            {
                var member = reader.GetInt32(0);
                if (member != last) // rows of one target usually come together; the rule drops any repeats
                {
                    targets.Add(new(member, reader.IsDBNull(1) ? null : reader.GetInt32(1)));
                    last = member;
                }
                if (reader.IsDBNull(2)) continue;
                var at = fromLong is not null ? fromLong(reader.GetInt64(2)) : reader.GetFieldValue<DateTimeOffset>(2);
                marks.Add(new(member, at, reader.GetInt32(3)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return (targets, marks);
    }

    static List<PointResponse> Points(IReadOnlyList<CampaignProgress.Point> series) => series.Select(p => new PointResponse(p.Date, p.Value, p.Achieved)).ToList();
}
