using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Data;
using Rally.Features.Assessments;
using Rally.Features.Conversations;
using Rally.Features.StructureTests;

namespace Rally.Features.Campaigns;

/// <summary>
/// A campaign's progress kept as it changes: the sum of the changes in the number achieved on a day at a
/// workplace (<see cref="CampaignProgress.Delta"/>), so that reading progress reads these few rows instead
/// of every assessment of every target. Derived data, never audited; <see cref="CampaignProgressDeltas"/> keeps it.
/// </summary>
public sealed class CampaignProgressDelta
{
    public int CampaignId { get; set; }
    /// <summary>The day as a day number (<see cref="DateOnly.DayNumber"/>: days since 1 January 0001).</summary>
    public int Day { get; set; }
    /// <summary>The target's workplace snapshot; 0 for targets with none (a key cannot be null, and no unit has id 0).</summary>
    public int WorkplaceId { get; set; }
    public int Change { get; set; }
}

/// <summary>How many targets a campaign has at a workplace (0: none), counted when its targets are written, so that reading progress need not count them.</summary>
public sealed class CampaignWorkplace
{
    public int CampaignId { get; set; }
    public int WorkplaceId { get; set; }
    public int Targets { get; set; }
}

sealed class CampaignProgressDeltaConfiguration : IEntityTypeConfiguration<CampaignProgressDelta>, IEntityTypeConfiguration<CampaignWorkplace>
{
    public void Configure(EntityTypeBuilder<CampaignProgressDelta> e)
    {
        e.ToTable("CampaignProgressDeltas");
        e.HasKey(d => new { d.CampaignId, d.Day, d.WorkplaceId });
        e.HasOne<Campaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CampaignWorkplace> e)
    {
        e.ToTable("CampaignWorkplaces");
        e.HasKey(w => new { w.CampaignId, w.WorkplaceId });
        e.HasOne<Campaign>().WithMany().HasForeignKey(w => w.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps <see cref="CampaignProgressDelta"/> rows equal to what the direct computation over the dated
/// history (<see cref="Query"/>) answers:
/// <list type="bullet">
/// <item>when a campaign's targets or goal are written, its rows are rebuilt from scratch, in one statement (and its
/// targets counted per workplace, <see cref="CampaignWorkplace"/>);</item>
/// <item>when assessments, conversations or participations of some members change, the contribution of those
/// members to each campaign that targets them (and whose goal they bear on) is taken off before the write
/// and put back after it, in the same transaction (<see cref="BeginAsync"/>). <see cref="RallyDb"/> does this
/// for every tracked save; set-based writers (bulk participation, the demo load) call it themselves.</item>
/// </list>
/// The rows hold the whole history: reading progress leaves out what the direct computation's dates leave out
/// (conversations before the start; anything after the last day is ignored by the sweep).
/// On PostgreSQL, writers hold a shared lock and lock the campaigns they touch; a rebuild holds the lock
/// exclusively, so a member joining a campaign's targets cannot miss a write made meanwhile. (SQLite has one writer.)
/// </summary>
public static class CampaignProgressDeltas
{
    /// <summary>Advisory lock keys (PostgreSQL): the class of all progress writes, and the class of one campaign's.</summary>
    const int AllWrites = 0x52_61_6C_01, OneCampaign = 0x52_61_6C_02;

    /// <summary>What a write touches: whose rows, and on which scales and structure tests (conversations bear on every conversations goal).</summary>
    public sealed class Change
    {
        public HashSet<int> Members { get; } = [];
        public HashSet<int> Scales { get; } = [];
        public HashSet<int> Tests { get; } = [];
        public bool Conversations { get; set; }
        public bool IsEmpty => Members.Count == 0;
    }

    /// <summary>The goal as the queries need it.</summary>
    public sealed record GoalSpec(int CampaignId, string Kind, int Level, int ScaleId, int StructureTestId);

    /// <summary>The changes a save of the tracked entities makes to progress (null when none).</summary>
    public static Change? Of(DbContext db)
    {
        Change? change = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            switch (entry.Entity)
            {
                case Assessment when Touches(entry, nameof(Assessment.MemberId), nameof(Assessment.ScaleId), nameof(Assessment.AssessedAt), nameof(Assessment.Level)):
                    change ??= new();
                    Both(entry, nameof(Assessment.MemberId), change.Members);
                    Both(entry, nameof(Assessment.ScaleId), change.Scales);
                    break;
                case Conversation when Touches(entry, nameof(Conversation.MemberId), nameof(Conversation.HeldAt)):
                    change ??= new();
                    Both(entry, nameof(Conversation.MemberId), change.Members);
                    change.Conversations = true;
                    break;
                case Participation when Touches(entry, nameof(Participation.MemberId), nameof(Participation.StructureTestId), nameof(Participation.ParticipatedOn)):
                    change ??= new();
                    Both(entry, nameof(Participation.MemberId), change.Members);
                    Both(entry, nameof(Participation.StructureTestId), change.Tests);
                    break;
            }
        }
        return change;
    }

    static bool Touches(EntityEntry entry, params string[] properties) =>
        entry.State is EntityState.Added or EntityState.Deleted || properties.Any(p => entry.Property(p).IsModified);

    static void Both(EntityEntry entry, string property, HashSet<int> into)
    {
        var p = entry.Property(property);
        if (p.CurrentValue is int now) into.Add(now);
        if (entry.State != EntityState.Added && p.OriginalValue is int before) into.Add(before);
    }

    /// <summary>
    /// Takes the contribution of <paramref name="change"/>'s members off every campaign it bears on; call
    /// <see cref="Pending.CompleteAsync"/> after the write to put the new contribution back. Needs a transaction.
    /// </summary>
    public static async Task<Pending> BeginAsync(RallyDb db, Change change, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Progress is kept in the transaction of the write.");
        if (change.IsEmpty) return new(db, [], []);
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock_shared({AllWrites})", ct);
        var members = change.Members.Order().ToList();
        var goals = new List<GoalSpec>();
        foreach (var chunk in members.Chunk(1000))
        {
            var ids = chunk.ToList();
            var scales = change.Scales.ToList();
            var tests = change.Tests.ToList();
            var conversations = change.Conversations;
            goals.AddRange(await (from c in db.Campaigns.AsNoTracking()
                                  where db.CampaignTargets.Any(t => t.CampaignId == c.Id && ids.Contains(t.MemberId))
                                     && (c.GoalKind == GoalKinds.LevelShare && c.GoalScaleId != null && scales.Contains(c.GoalScaleId.Value)
                                         || c.GoalKind == GoalKinds.Conversations && conversations
                                         || c.GoalKind == GoalKinds.StructureTestShare && c.GoalStructureTestId != null && tests.Contains(c.GoalStructureTestId.Value))
                                  select new GoalSpec(c.Id, c.GoalKind, c.GoalLevel ?? 0, c.GoalScaleId ?? 0, c.GoalStructureTestId ?? 0)).ToListAsync(ct));
        }
        goals = goals.DistinctBy(g => g.CampaignId).OrderBy(g => g.CampaignId).ToList();
        if (db.IsPostgres)
            foreach (var g in goals)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({OneCampaign}, {{0}})", [g.CampaignId], ct);
        var pending = new Pending(db, goals, members);
        await pending.ApplyAsync(-1, ct);
        return pending;
    }

    /// <summary>A write in progress: its members' old contribution is off; <see cref="CompleteAsync"/> puts the new one on.</summary>
    public sealed class Pending(RallyDb db, IReadOnlyList<GoalSpec> goals, IReadOnlyList<int> members)
    {
        public Task CompleteAsync(CancellationToken ct) => ApplyAsync(+1, ct);

        internal async Task ApplyAsync(int sign, CancellationToken ct)
        {
            foreach (var goal in goals)
                foreach (var chunk in members.Chunk(1000))
                    await AddAsync(db, goal, sign, chunk, ct);
        }
    }

    /// <summary>Rebuilds one campaign's rows from its targets and the dated history (after its targets or goal were written).</summary>
    public static async Task RebuildAsync(RallyDb db, int campaignId, CancellationToken ct)
    {
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AllWrites})", ct);
        var goal = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId)
            .Select(c => new GoalSpec(c.Id, c.GoalKind, c.GoalLevel ?? 0, c.GoalScaleId ?? 0, c.GoalStructureTestId ?? 0)).FirstAsync(ct);
        await db.Set<CampaignProgressDelta>().Where(d => d.CampaignId == campaignId).ExecuteDeleteAsync(ct);
        await AddAsync(db, goal, +1, null, ct);
        await db.Set<CampaignWorkplace>().Where(w => w.CampaignId == campaignId).ExecuteDeleteAsync(ct);
        var counts = $$"""
            INSERT INTO "{{db.Model.FindEntityType(typeof(CampaignWorkplace))!.GetTableName()}}" ("CampaignId", "WorkplaceId", "Targets")
            SELECT {0}, COALESCE(t."WorkplaceId", 0), COUNT(*) FROM "{{db.Model.FindEntityType(typeof(CampaignTarget))!.GetTableName()}}" AS t
            WHERE t."CampaignId" = {0} GROUP BY t."WorkplaceId"
            """;
        await db.Database.ExecuteSqlRawAsync(counts, [campaignId], ct);
    }

    /// <summary>Rebuilds every campaign's rows (after a bulk load wrote history and targets past the tracked paths).</summary>
    public static async Task RebuildAllAsync(RallyDb db, CancellationToken ct)
    {
        foreach (var id in await db.Campaigns.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct))
            await RebuildAsync(db, id, ct);
    }

    /// <summary>Adds <paramref name="sign"/> times the contribution of <paramref name="members"/> (all targets when null).</summary>
    static Task AddAsync(RallyDb db, GoalSpec goal, int sign, IReadOnlyCollection<int>? members, CancellationToken ct)
    {
        var (sql, parameters) = Query(db, goal, members, null, null);
        var table = db.Model.FindEntityType(typeof(CampaignProgressDelta))!.GetTableName();
        var n = parameters.Length;
        // SQLite reads "SELECT ... ON CONFLICT" as a join without the WHERE; the rows are one per day and workplace, as the key needs.
        var upsert = $"""
            INSERT INTO "{table}" ("CampaignId", "Day", "WorkplaceId", "Change")
            SELECT {"{" + n + "}"}, d."Day", COALESCE(d."WorkplaceId", 0), {"{" + (n + 1) + "}"} * d."Change" FROM ({sql}) AS d WHERE true
            ON CONFLICT ("CampaignId", "Day", "WorkplaceId") DO UPDATE SET "Change" = "{table}"."Change" + excluded."Change"
            """;
        return db.Database.ExecuteSqlRawAsync(upsert, [.. parameters, goal.CampaignId, sign], ct);
    }

    /// <summary>
    /// The direct computation, done in the database so that only (day, workplace, change) rows leave it rather than
    /// every assessment of every target: for level-share goals LAG() over each target's assessments on the scale
    /// (in the order of the (MemberId, ScaleId, AssessedAt, Level) index, so it reads the index alone) keeps the rows
    /// where "achieved" flips; conversations and participations are counted per day. The workplace is the target's
    /// own snapshot, so the members are never joined. Days are day numbers (<see cref="DateOnly.DayNumber"/>).
    /// <paramref name="members"/> narrows it to some targets; <paramref name="since"/> and <paramref name="until"/>
    /// bound the dated rows (level-share: only until; structure tests: neither).
    /// </summary>
    public static (string Sql, object[] Parameters) Query(RallyDb db, GoalSpec goal, IReadOnlyCollection<int>? members, DateTimeOffset? since, DateTimeOffset? until)
    {
        // Table names come from the EF model, never from input; values are parameters or integers. CROSS JOIN makes SQLite
        // walk the campaign's targets first and look each one up (sampled statistics once led it to scan every
        // assessment of the scale instead); PostgreSQL plans it as the plain join it is.
        string Table<T>() => db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        var targets = Table<CampaignTarget>();
        var instant = db.Model.FindEntityType(typeof(Assessment))!.FindProperty(nameof(Assessment.AssessedAt))!.GetTypeMapping().Converter;
        object Instant(DateTimeOffset at) => instant?.ConvertToProvider(at) ?? at;
        string DayOf(string column)
        {
            if (db.IsPostgres) return $"(({column} AT TIME ZONE 'UTC')::date - DATE '0001-01-01')";
            // SQLite holds the instant in its binary form (see RallyDb), which for UTC grows linearly with the ticks.
            var origin = Convert.ToInt64(Instant(new DateTimeOffset(DateOnly.MinValue.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)), CultureInfo.InvariantCulture);
            var step = Convert.ToInt64(Instant(new DateTimeOffset(DateOnly.MinValue.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)), CultureInfo.InvariantCulture) - origin;
            return $"(({column} - {origin}) / {step})";
        }
        var some = new StringBuilder();
        if (members is not null)
            some.Append(" AND t.\"MemberId\" IN (").AppendJoin(", ", members.Select(m => m.ToString(CultureInfo.InvariantCulture))).Append(members.Count == 0 ? "NULL)" : ")");
        var parameters = new List<object> { goal.CampaignId };
        string Parameter(object value)
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1) + "}";
        }
        string sql;
        switch (goal.Kind)
        {
            case GoalKinds.LevelShare:
            {
                // "Achieved" is a comparison (true/false, or 1/0 on SQLite); the day is worked out only for the rows kept.
                var level = Parameter(goal.Level);
                var scale = Parameter(goal.ScaleId);
                var before = until is { } u ? $" AND a.\"AssessedAt\" < {Parameter(Instant(u))}" : "";
                sql = $$"""
                    SELECT {{DayOf("x.\"At\"")}} AS "Day", x."WorkplaceId", SUM(CASE WHEN x."Now" THEN 1 ELSE -1 END) AS "Change"
                    FROM (SELECT t."WorkplaceId", a."AssessedAt" AS "At", a."Level" <= {{level}} AS "Now",
                                 LAG(a."Level" <= {{level}}, 1, false) OVER (PARTITION BY a."MemberId" ORDER BY a."AssessedAt", a."Level") AS "Before"
                          FROM "{{targets}}" AS t CROSS JOIN "{{Table<Assessment>()}}" AS a
                          WHERE a."MemberId" = t."MemberId" AND t."CampaignId" = {0}{{some}} AND a."ScaleId" = {{scale}}{{before}}) AS x
                    WHERE x."Now" <> x."Before"
                    GROUP BY 1, x."WorkplaceId"
                    """;
                break;
            }
            case GoalKinds.Conversations:
            {
                var from = since is { } s ? $" AND c.\"HeldAt\" >= {Parameter(Instant(s))}" : "";
                var to = until is { } u ? $" AND c.\"HeldAt\" < {Parameter(Instant(u))}" : "";
                sql = $$"""
                    SELECT x."Day", x."WorkplaceId", COUNT(*) AS "Change"
                    FROM (SELECT t."WorkplaceId", {{DayOf("c.\"HeldAt\"")}} AS "Day"
                          FROM "{{targets}}" AS t CROSS JOIN "{{Table<Conversation>()}}" AS c
                          WHERE c."MemberId" = t."MemberId" AND t."CampaignId" = {0}{{some}}{{from}}{{to}}) AS x
                    GROUP BY x."Day", x."WorkplaceId"
                    """;
                break;
            }
            case GoalKinds.StructureTestShare:
            {
                // One participation per member and test (a unique index), so each is that target's earliest.
                var day = db.IsPostgres ? "(p.\"ParticipatedOn\" - DATE '0001-01-01')" : "CAST(julianday(p.\"ParticipatedOn\") - julianday('0001-01-01') AS INTEGER)";
                var test = Parameter(goal.StructureTestId);
                sql = $$"""
                    SELECT x."Day", x."WorkplaceId", COUNT(*) AS "Change"
                    FROM (SELECT t."WorkplaceId", {{day}} AS "Day"
                          FROM "{{targets}}" AS t CROSS JOIN "{{Table<Participation>()}}" AS p
                          WHERE p."MemberId" = t."MemberId" AND t."CampaignId" = {0}{{some}} AND p."StructureTestId" = {{test}}) AS x
                    GROUP BY x."Day", x."WorkplaceId"
                    """;
                break;
            }
            default:
                throw new ArgumentException($"Unknown goal kind '{goal.Kind}'.", nameof(goal));
        }
        return (sql, parameters.ToArray());
    }
}
