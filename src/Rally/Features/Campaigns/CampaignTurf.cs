using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rally.Data;
using Rally.Data.Bulk;
using Rally.Features.Accounts;
using Rally.Features.Audit;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>
/// The turf: a campaign's targets written as <see cref="CampaignTarget"/> rows and split among its
/// organisers, by whole workplaces (balancing the counts) or evenly (round-robin in name order).
/// Rows are written by one <c>INSERT ... SELECT</c> over the segment's own query and moved by
/// set-based updates, never row by row, so a turf of 100,000 targets is a few statements.
/// Each split or reassignment is one audit entry.
/// </summary>
public static class CampaignTurf
{
    public const string ByWorkplace = "workplace";
    public const string Evenly = "even";
    public static readonly IReadOnlyList<string> Ways = [ByWorkplace, Evenly];

    public sealed record SplitRequest(string? By);

    public sealed record ReassignRequest(string? Workplace, IReadOnlyList<int>? Members, string? To);

    public sealed record OrganiserTurf(string? UserId, string? Email, string? DisplayName, int Targets);

    public sealed record WorkplaceShare(string? UserId, int Targets);

    public sealed record WorkplaceTurf(int? WorkplaceId, string? Workplace, string? Name, int Targets, IReadOnlyList<WorkplaceShare> Organisers);

    /// <summary>Organisers' turf (a null user id is the uncovered targets) and each workplace's split.</summary>
    public sealed record TurfResponse(int Targets, int Uncovered, IReadOnlyList<OrganiserTurf> Organisers, IReadOnlyList<WorkplaceTurf> Workplaces);

    public static async Task<Outcome<TurfResponse>> SplitAsync(RallyDb db, Caller caller, TimeProvider clock, int id, SplitRequest request, CancellationToken ct)
    {
        var (campaign, refusal) = await CampaignAccess.ForWriteAsync(db, caller, id, ct);
        if (campaign is null) return refusal!.As<TurfResponse>();
        var by = request.By?.Trim();
        if (by is null || !Ways.Contains(by)) return Outcome<TurfResponse>.Invalid("by", $"by must be one of {string.Join(", ", Ways)}.");
        var organisers = await db.CampaignOrganisers.Where(o => o.CampaignId == id).Select(o => new { o.UserId, o.User.Email }).ToListAsync(ct);
        if (organisers.Count == 0) return Outcome<TurfResponse>.Invalid("organisers", "The campaign has no organisers to split its turf among.");
        var ordered = organisers.OrderBy(o => o.Email, StringComparer.Ordinal).ThenBy(o => o.UserId, StringComparer.Ordinal).Select(o => o.UserId).ToList();

        var errors = new FieldErrors();
        var members = await Segments.MembersAsync(db, caller, campaign.OrgUnit.Path, Segments.Parse(campaign.Segment), errors, ct);
        if (errors.Any) return Outcome<TurfResponse>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var written = await WriteTargetsAsync(db, id, members, by == Evenly ? ordered : [], clock.GetUtcNow(), ct);
        if (by == ByWorkplace) await SplitByWorkplaceAsync(db, id, ordered, ct);
        Audit(db, campaign, "turf-split", new { by, targets = written, organisers = ordered });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<TurfResponse>.Ok(await ReadAsync(db, id, ct));
    }

    public static async Task<Outcome<TurfResponse>> GetAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var visible = await CampaignResponse.VisibleAsync(db, caller, Roles.Viewer, ct);
        if (!await visible.AnyAsync(c => c.Id == id, ct)) return Outcome<TurfResponse>.NotFound("There is no such campaign.");
        return Outcome<TurfResponse>.Ok(await ReadAsync(db, id, ct));
    }

    /// <summary>Moves a workplace's targets, or listed members, to another organiser of the campaign, or to nobody (<c>to</c> empty).</summary>
    public static async Task<Outcome<TurfResponse>> ReassignAsync(RallyDb db, Caller caller, int id, ReassignRequest request, CancellationToken ct)
    {
        var (campaign, refusal) = await CampaignAccess.ForWriteAsync(db, caller, id, ct);
        if (campaign is null) return refusal!.As<TurfResponse>();
        var errors = new FieldErrors();
        var hasWorkplace = !string.IsNullOrWhiteSpace(request.Workplace);
        var hasMembers = request.Members is { Count: > 0 };
        if (hasWorkplace == hasMembers) errors.Add("workplace", "Name either a workplace or a list of members to move.");
        if (request.Members is { Count: > 10_000 }) errors.Add("members", "members takes at most 10,000 ids at a time.");
        string? to = null;
        if (!string.IsNullOrWhiteSpace(request.To))
        {
            var key = request.To.Trim();
            var upper = key.ToUpperInvariant();
            to = await db.CampaignOrganisers.Where(o => o.CampaignId == id && (o.UserId == key || o.User.NormalizedEmail == upper)).Select(o => o.UserId).FirstOrDefaultAsync(ct);
            if (to is null) errors.Add("to", $"'{request.To}' is not an organiser of this campaign.");
        }
        int? workplaceId = null;
        if (hasWorkplace)
        {
            workplaceId = await db.OrgUnits.ByIdOrCode(request.Workplace!.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (workplaceId is null) errors.Add("workplace", $"There is no org unit '{request.Workplace}'.");
        }
        if (errors.Any) return Outcome<TurfResponse>.Invalid(errors);

        var targets = db.CampaignTargets.Where(t => t.CampaignId == id);
        if (workplaceId is { } w)
            targets = targets.Where(t => t.WorkplaceId == w); // the workplace the turf shows: the target's snapshot
        else
        {
            var listed = request.Members!.Distinct().ToList();
            targets = targets.Where(t => listed.Contains(t.MemberId));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await targets.ExecuteUpdateAsync(s => s.SetProperty(t => t.OrganiserId, to), ct);
        Audit(db, campaign, "turf-reassign", new { workplace = request.Workplace, members = request.Members, to, moved });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<TurfResponse>.Ok(await ReadAsync(db, id, ct));
    }

    /// <summary>
    /// Replaces the campaign's targets by the members <paramref name="members"/> selects, in one
    /// <c>INSERT ... SELECT</c> wrapped around the segment's own SQL. With organisers, they are dealt
    /// round-robin in name order; without, every target is uncovered.
    /// </summary>
    internal static async Task<int> WriteTargetsAsync(RallyDb db, int campaignId, IQueryable<Member> members, IReadOnlyList<string> roundRobin, DateTimeOffset now, CancellationToken ct)
    {
        await db.CampaignTargets.Where(t => t.CampaignId == campaignId).ExecuteDeleteAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = members.Select(m => new { m.Id, m.LastNameKey, m.FirstNameKey, m.WorkplaceId }).CreateDbCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var entity = db.Model.FindEntityType(typeof(CampaignTarget))!;
            string Column(string property) => entity.FindProperty(property)!.GetColumnName();
            var added = entity.FindProperty(nameof(CampaignTarget.AddedAt))!;
            Parameter(command, "rally_campaign", campaignId);
            Parameter(command, "rally_added", added.GetTypeMapping().Converter?.ConvertToProvider(now) ?? now);
            var organiser = "NULL";
            if (roundRobin.Count > 0)
            {
                var cases = string.Concat(roundRobin.Select((o, i) => $" WHEN {i} THEN @rally_o{i}"));
                for (var i = 0; i < roundRobin.Count; i++) Parameter(command, $"rally_o{i}", roundRobin[i]);
                organiser = $"CASE (ROW_NUMBER() OVER (ORDER BY s.\"LastNameKey\", s.\"FirstNameKey\", s.\"Id\") - 1) % {roundRobin.Count}{cases} END";
            }
            // Table and column names come from the EF model, never from input.
            command.CommandText =
                $"INSERT INTO \"{entity.GetTableName()}\" (\"{Column(nameof(CampaignTarget.CampaignId))}\", \"{Column(nameof(CampaignTarget.MemberId))}\", " +
                $"\"{Column(nameof(CampaignTarget.OrganiserId))}\", \"{Column(nameof(CampaignTarget.AddedAt))}\", \"{Column(nameof(CampaignTarget.WorkplaceId))}\") " +
                $"SELECT @rally_campaign, s.\"Id\", {organiser}, @rally_added, s.\"WorkplaceId\" FROM ({command.CommandText}) AS s";
            var written = await command.ExecuteNonQueryAsync(ct);
            // Fresh statistics, or PostgreSQL takes a campaign of 70,000 targets for a few hundred and plans
            // progress as a nested loop and a sort instead of one ordered pass. (SQLite's progress query fixes its join order.)
            if (db.IsPostgres) await TableStatistics.UpdateAsync(db, [entity.GetTableName()!], ct);
            await CampaignProgressDeltas.RebuildAsync(db, campaignId, ct);
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static void Parameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// <summary>Whole workplaces, largest first, each to the organiser with the fewest targets so far (ties: the first in order).</summary>
    static async Task SplitByWorkplaceAsync(RallyDb db, int campaignId, IReadOnlyList<string> organisers, CancellationToken ct)
    {
        var counts = await (from t in db.CampaignTargets
                            where t.CampaignId == campaignId
                            group t by t.WorkplaceId into g
                            select new { WorkplaceId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var plan = TurfRules.ByWorkplace(counts.Select(c => (c.WorkplaceId, c.Count)).ToList(), organisers.Count);
        for (var o = 0; o < organisers.Count; o++)
        {
            var mine = plan.Where(p => p.Organiser == o).Select(p => p.WorkplaceId).ToList();
            if (mine.Count == 0) continue;
            var ids = mine.Where(w => w is not null).Select(w => w!.Value).ToList();
            var withNone = mine.Contains(null);
            var userId = organisers[o];
            await db.CampaignTargets.Where(t => t.CampaignId == campaignId && ((t.WorkplaceId != null && ids.Contains(t.WorkplaceId.Value)) || (withNone && t.WorkplaceId == null)))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.OrganiserId, userId), ct);
        }
    }

    internal static async Task<TurfResponse> ReadAsync(RallyDb db, int campaignId, CancellationToken ct)
    {
        var rows = await (from t in db.CampaignTargets
                          where t.CampaignId == campaignId
                          group t by new { t.WorkplaceId, t.OrganiserId } into g
                          select new { g.Key.WorkplaceId, g.Key.OrganiserId, Count = g.Count() }).ToListAsync(ct);
        var organisers = await db.CampaignOrganisers.Where(o => o.CampaignId == campaignId).Select(o => new { o.UserId, o.User.Email, o.User.DisplayName }).ToListAsync(ct);
        var workplaceIds = rows.Where(r => r.WorkplaceId is not null).Select(r => r.WorkplaceId!.Value).Distinct().ToList();
        var names = await db.OrgUnits.Where(u => workplaceIds.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, ct);
        // Former organisers who still hold turf are listed too, so no target is hidden.
        var holders = organisers.Select(o => (o.UserId, o.Email, o.DisplayName)).ToList();
        foreach (var extra in rows.Where(r => r.OrganiserId is not null && holders.All(h => h.UserId != r.OrganiserId)).Select(r => r.OrganiserId!).Distinct())
            holders.Add((extra, null, ""));
        var byOrganiser = holders.OrderBy(h => h.Email, StringComparer.Ordinal)
            .Select(h => new OrganiserTurf(h.UserId, h.Email, h.DisplayName, rows.Where(r => r.OrganiserId == h.UserId).Sum(r => r.Count))).ToList();
        var workplaces = rows.GroupBy(r => r.WorkplaceId)
            .Select(g => new WorkplaceTurf(g.Key, g.Key is { } w ? names[w].Code : null, g.Key is { } w2 ? names[w2].Name : null, g.Sum(r => r.Count),
                g.OrderBy(r => r.OrganiserId is null).ThenBy(r => r.OrganiserId, StringComparer.Ordinal).Select(r => new WorkplaceShare(r.OrganiserId, r.Count)).ToList()))
            .OrderBy(w => w.Name is null).ThenBy(w => w.Name, StringComparer.CurrentCulture).ToList();
        return new(rows.Sum(r => r.Count), rows.Where(r => r.OrganiserId is null).Sum(r => r.Count), byOrganiser, workplaces);
    }

    internal static void Audit(RallyDb db, Campaign campaign, string action, object changes) => Audit(db, campaign.Id, campaign.OrgUnit.Path, action, changes);

    internal static void Audit(RallyDb db, int campaignId, string scopePath, string action, object changes) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = db.Actor.Clock.GetUtcNow(), UserId = db.Actor.UserId, UserName = db.Actor.Name, Action = action,
            EntityType = "Campaign", EntityId = campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Changes = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web), ScopePath = scopePath,
        });
}

/// <summary>The pure part of splitting turf.</summary>
public static class TurfRules
{
    /// <summary>
    /// Workplace → organiser index: the largest workplace first (ties by id, no workplace last), each to
    /// the organiser with the fewest targets so far (ties: the earlier organiser).
    /// </summary>
    public static List<(int? WorkplaceId, int Organiser)> ByWorkplace(IReadOnlyList<(int? WorkplaceId, int Count)> workplaces, int organisers)
    {
        var load = new int[organisers];
        var plan = new List<(int? WorkplaceId, int Organiser)>();
        foreach (var (w, count) in workplaces.OrderByDescending(w => w.Count).ThenBy(w => w.WorkplaceId is null).ThenBy(w => w.WorkplaceId))
        {
            var least = 0;
            for (var o = 1; o < organisers; o++) if (load[o] < load[least]) least = o;
            plan.Add((w, least));
            load[least] += count;
        }
        return plan;
    }
}
