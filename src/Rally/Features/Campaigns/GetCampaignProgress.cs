using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>
/// GET /campaigns/{id}/progress: reads only what <see cref="CampaignProgress"/> needs — the number of
/// targets per workplace, and the changes per day and workplace worked out in the database from the
/// goal's dated rows (assessments on the goal's scale up to today, conversations since the start, or
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
        var last = today > campaign.Deadline ? today : campaign.Deadline;
        var until = Segments.StartOf(last.AddDays(1));

        var workplaces = await db.CampaignTargets.Where(t => t.CampaignId == id).GroupBy(t => t.WorkplaceId)
            .Select(g => new CampaignProgress.WorkplaceTargets(g.Key, g.Count())).ToListAsync(ct);
        var deltas = await DeltasAsync(db, id, campaign.GoalKind, campaign.GoalLevel ?? 0, campaign.GoalScaleId ?? 0, campaign.GoalStructureTestId ?? 0,
            Segments.StartOf(campaign.StartsOn), until, ct);
        var result = CampaignProgress.Compute(goal, campaign.StartsOn, campaign.Deadline, today, workplaces, deltas);

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
    /// <see cref="CampaignProgress.Deltas"/> done in the database, so that only (day, workplace, change)
    /// rows leave it rather than every assessment of every target: for level-share goals LAG() over each
    /// target's assessments on the scale (in the order of the (MemberId, ScaleId, AssessedAt, Level) index, so
    /// it reads the index alone) keeps the rows where "achieved" flips; conversations and participations are
    /// counted per day. The workplace is the target's own snapshot, so the members are never joined.
    /// Days travel as day numbers (days since 1 January 0001, <see cref="DateOnly.DayNumber"/>).
    /// </summary>
    static async Task<List<CampaignProgress.Delta>> DeltasAsync(RallyDb db, int campaignId, string goalKind, int level, int scaleId, int structureTestId,
        DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        // Table names come from the EF model, never from input; values are parameters. CROSS JOIN makes SQLite
        // walk the campaign's targets first and look each one up (sampled statistics once led it to scan every
        // assessment of the scale instead); PostgreSQL plans it as the plain join it is.
        string Table<T>() => db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        var targets = Table<CampaignTarget>();
        var instant = db.Model.FindEntityType(typeof(Assessments.Assessment))!.FindProperty(nameof(Assessments.Assessment.AssessedAt))!.GetTypeMapping().Converter;
        object Instant(DateTimeOffset at) => instant?.ConvertToProvider(at) ?? at;
        string DayOf(string column)
        {
            if (db.IsPostgres) return $"(({column} AT TIME ZONE 'UTC')::date - DATE '0001-01-01')";
            // SQLite holds the instant in its binary form (see RallyDb), which for UTC grows linearly with the ticks.
            var origin = Convert.ToInt64(Instant(new DateTimeOffset(DateOnly.MinValue.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)), CultureInfo.InvariantCulture);
            var step = Convert.ToInt64(Instant(new DateTimeOffset(DateOnly.MinValue.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)), CultureInfo.InvariantCulture) - origin;
            return $"(({column} - {origin}) / {step})";
        }
        string sql;
        object[] parameters;
        switch (goalKind)
        {
            case GoalKinds.LevelShare:
                // "Achieved" is a comparison (true/false, or 1/0 on SQLite); the day is worked out only for the rows kept.
                sql = $$"""
                    SELECT {{DayOf("x.\"At\"")}} AS "Day", x."WorkplaceId", SUM(CASE WHEN x."Now" THEN 1 ELSE -1 END) AS "Change"
                    FROM (SELECT t."WorkplaceId", a."AssessedAt" AS "At", a."Level" <= {1} AS "Now",
                                 LAG(a."Level" <= {1}, 1, false) OVER (PARTITION BY a."MemberId" ORDER BY a."AssessedAt", a."Level") AS "Before"
                          FROM "{{targets}}" AS t CROSS JOIN "{{Table<Assessments.Assessment>()}}" AS a
                          WHERE a."MemberId" = t."MemberId" AND t."CampaignId" = {0} AND a."ScaleId" = {2} AND a."AssessedAt" < {3}) AS x
                    WHERE x."Now" <> x."Before"
                    GROUP BY 1, x."WorkplaceId"
                    """;
                parameters = [campaignId, level, scaleId, Instant(until)];
                break;
            case GoalKinds.Conversations:
                sql = $$"""
                    SELECT x."Day", x."WorkplaceId", COUNT(*) AS "Change"
                    FROM (SELECT t."WorkplaceId", {{DayOf("c.\"HeldAt\"")}} AS "Day"
                          FROM "{{targets}}" AS t CROSS JOIN "{{Table<Conversations.Conversation>()}}" AS c
                          WHERE c."MemberId" = t."MemberId" AND t."CampaignId" = {0} AND c."HeldAt" >= {1} AND c."HeldAt" < {2}) AS x
                    GROUP BY x."Day", x."WorkplaceId"
                    """;
                parameters = [campaignId, Instant(since), Instant(until)];
                break;
            default:
                // One participation per member and test (a unique index), so each is that target's earliest.
                var day = db.IsPostgres ? "(p.\"ParticipatedOn\" - DATE '0001-01-01')" : "CAST(julianday(p.\"ParticipatedOn\") - julianday('0001-01-01') AS INTEGER)";
                sql = $$"""
                    SELECT x."Day", x."WorkplaceId", COUNT(*) AS "Change"
                    FROM (SELECT t."WorkplaceId", {{day}} AS "Day"
                          FROM "{{targets}}" AS t CROSS JOIN "{{Table<StructureTests.Participation>()}}" AS p
                          WHERE p."MemberId" = t."MemberId" AND t."CampaignId" = {0} AND p."StructureTestId" = {1}) AS x
                    GROUP BY x."Day", x."WorkplaceId"
                    """;
                parameters = [campaignId, structureTestId];
                break;
        }
        var rows = await db.Database.SqlQueryRaw<DeltaRow>(sql, parameters).ToListAsync(ct);
        return rows.Select(r => new CampaignProgress.Delta(DateOnly.FromDayNumber((int)r.Day), (int?)r.WorkplaceId, (int)r.Change)).ToList();
    }

    static List<PointResponse> Points(IReadOnlyList<CampaignProgress.Point> series) => series.Select(p => new PointResponse(p.Date, p.Value, p.Achieved)).ToList();
}
