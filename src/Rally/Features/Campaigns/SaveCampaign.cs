using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>
/// Starts a campaign, or changes one. Both need the officer role on the campaign's unit. The segment
/// is evaluated when the campaign is saved and its targets written (uncovered until the turf is split),
/// so progress is measured over a fixed set of people even as they move out of the segment's filters.
/// </summary>
public static class SaveCampaign
{
    public sealed record GoalRequest(string? Kind, string? Scale = null, int? Level = null, decimal? Share = null, int? Count = null, int? StructureTestId = null);

    public sealed record Request(
        string? Name, string? Description, string? OrgUnit, CampaignSegment? Segment, GoalRequest? Goal,
        DateOnly? StartsOn, DateOnly? Deadline, IReadOnlyList<string>? Organisers);

    public static async Task<Outcome<CampaignResponse>> CreateAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var unit = await OrgUnitLookup.RequiredAsync(caller, r.OrgUnit, errors, ct);
        if (unit is not null && !await caller.CanAsync(Roles.Officer, unit.Path, ct))
            return Outcome<CampaignResponse>.Forbidden("Starting a campaign needs the officer role on its unit.");
        var campaign = new Campaign { Name = "", Segment = "{}", GoalKind = "", CreatedBy = caller.Name, CreatedAt = clock.GetUtcNow() };
        var (members, organisers) = await ValidateAsync(db, caller, r, unit, campaign, errors, ct);
        if (errors.Any) return Outcome<CampaignResponse>.Invalid(errors);

        campaign.OrgUnitId = unit!.Id;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        db.CampaignOrganisers.AddRange(organisers.Select(o => new CampaignOrganiser { CampaignId = campaign.Id, UserId = o }));
        // Organisers are rows of their own, outside the campaign's audited fields: one entry says who they are.
        if (organisers.Count > 0)
            CampaignTurf.Audit(db, campaign.Id, unit.Path, "organisers", new { organisers = new { before = Array.Empty<string>(), after = organisers } });
        await db.SaveChangesAsync(ct);
        await CampaignTurf.WriteTargetsAsync(db, campaign.Id, members!, [], clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return (await GetCampaign.RunAsync(db, caller, campaign.Id, ct));
    }

    public static async Task<Outcome<CampaignResponse>> UpdateAsync(RallyDb db, Caller caller, TimeProvider clock, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var (campaign, refusal) = await CampaignAccess.ForWriteAsync(db, caller, id, ct);
        if (campaign is null) return refusal!.As<CampaignResponse>();
        if (expectedVersion is { } v && v != campaign.Version) return Outcome<CampaignResponse>.Stale();
        if (campaign.ArchivedAt is not null) return Outcome<CampaignResponse>.Conflict("The campaign is archived.");
        var errors = new FieldErrors();
        if (!string.IsNullOrWhiteSpace(r.OrgUnit) && !string.Equals(r.OrgUnit.Trim(), campaign.OrgUnit.Code, StringComparison.Ordinal)
            && r.OrgUnit.Trim() != campaign.OrgUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            errors.Add("orgUnit", "A campaign stays with the unit that started it.");
        var segmentBefore = campaign.Segment;
        var goalBefore = (campaign.GoalKind, campaign.GoalScaleId, campaign.GoalLevel, campaign.GoalStructureTestId);
        var (members, organisers) = await ValidateAsync(db, caller, r, campaign.OrgUnit, campaign, errors, ct);
        if (errors.Any) return Outcome<CampaignResponse>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.CampaignOrganisers.Where(o => o.CampaignId == id).ToListAsync(ct);
        db.CampaignOrganisers.RemoveRange(current.Where(o => !organisers.Contains(o.UserId)));
        db.CampaignOrganisers.AddRange(organisers.Where(o => current.All(c => c.UserId != o)).Select(o => new CampaignOrganiser { CampaignId = id, UserId = o }));
        var before = current.Select(o => o.UserId).Order(StringComparer.Ordinal).ToList();
        if (!before.SequenceEqual(organisers.Order(StringComparer.Ordinal)))
            CampaignTurf.Audit(db, campaign, "organisers", new { organisers = new { before, after = organisers } });
        campaign.Version++;
        await db.SaveChangesAsync(ct);
        // A new segment is a new set of targets: written afresh, uncovered until the turf is split again.
        if (campaign.Segment != segmentBefore) await CampaignTurf.WriteTargetsAsync(db, id, members!, [], clock.GetUtcNow(), ct);
        else
        {
            // Turf of organisers no longer on the campaign becomes uncovered.
            await db.CampaignTargets.Where(t => t.CampaignId == id && t.OrganiserId != null && !organisers.Contains(t.OrganiserId))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.OrganiserId, (string?)null), ct);
            // Progress counts what the goal counts: a new goal is counted afresh.
            if ((campaign.GoalKind, campaign.GoalScaleId, campaign.GoalLevel, campaign.GoalStructureTestId) != goalBefore)
                await CampaignProgressDeltas.RebuildAsync(db, id, ct);
        }
        await tx.CommitAsync(ct);
        return await GetCampaign.RunAsync(db, caller, id, ct);
    }

    public static async Task<Outcome<CampaignResponse>> ArchiveAsync(RallyDb db, Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
    {
        var (campaign, refusal) = await CampaignAccess.ForWriteAsync(db, caller, id, ct);
        if (campaign is null) return refusal!.As<CampaignResponse>();
        if (expectedVersion is { } v && v != campaign.Version) return Outcome<CampaignResponse>.Stale();
        if (campaign.ArchivedAt is null)
        {
            campaign.ArchivedAt = clock.GetUtcNow();
            campaign.Version++;
            db.AuditAction = "archive";
            await db.SaveChangesAsync(ct);
        }
        return await GetCampaign.RunAsync(db, caller, id, ct);
    }

    /// <summary>Checks every field and applies them to <paramref name="c"/>; answers the segment's members and the organisers' user ids.</summary>
    static async Task<(IQueryable<Members.Member>? Members, List<string> Organisers)> ValidateAsync(
        RallyDb db, Caller caller, Request r, OrgUnit? unit, Campaign c, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("name", r.Name, 200);
        errors.Length("description", r.Description, 4000);
        if (r.StartsOn is null) errors.Add("startsOn", "startsOn is required.");
        if (r.Deadline is null) errors.Add("deadline", "deadline is required.");
        if (r.StartsOn is { } s && r.Deadline is { } d && d < s) errors.Add("deadline", "deadline cannot be before startsOn.");

        c.Name = r.Name?.Trim() ?? "";
        c.Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim();
        c.StartsOn = r.StartsOn ?? default;
        c.Deadline = r.Deadline ?? default;
        await GoalAsync(db, r.Goal, unit, c, errors, ct);

        var segment = Segments.Normalise(r.Segment);
        c.Segment = Segments.Serialise(segment);
        if (c.Segment.Length > 4000) errors.Add("segment", "The segment is too long.");
        var members = unit is null ? null : await Segments.MembersAsync(db, caller, unit.Path, segment, errors, ct);

        var organisers = new List<string>();
        var keys = (r.Organisers ?? []).Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()).Distinct().ToList();
        if (keys.Count > 100) errors.Add("organisers", "A campaign takes at most 100 organisers.");
        else if (keys.Count > 0)
        {
            var upper = keys.Select(k => k.ToUpperInvariant()).ToList();
            var users = await db.Users.AsNoTracking().Where(u => keys.Contains(u.Id) || upper.Contains(u.NormalizedEmail!))
                .Select(u => new { u.Id, u.NormalizedEmail, u.DisabledAt }).ToListAsync(ct);
            var ids = users.Select(u => u.Id).ToList();
            var grants = await db.RoleGrants.AsNoTracking().Where(g => ids.Contains(g.UserId) && g.RevokedAt == null)
                .Select(g => new { g.UserId, Grant = new Grant(g.Id, g.Role, g.OrgUnitId, g.OrgUnit == null ? null : g.OrgUnit.Path, null) }).ToListAsync(ct);
            foreach (var key in keys)
            {
                var user = users.FirstOrDefault(u => u.Id == key || u.NormalizedEmail == key.ToUpperInvariant());
                if (user is null || user.DisabledAt is not null) errors.Add("organisers", $"There is no user '{key}'.");
                else if (unit is not null && !AccessRules.Allows(grants.Where(g => g.UserId == user.Id).Select(g => g.Grant), Roles.Organizer, unit.Path))
                    errors.Add("organisers", $"'{key}' does not hold the organizer role on {unit.Code}.");
                else if (!organisers.Contains(user.Id)) organisers.Add(user.Id);
            }
        }
        return (members, organisers);
    }

    static async Task GoalAsync(RallyDb db, GoalRequest? g, OrgUnit? unit, Campaign c, FieldErrors errors, CancellationToken ct)
    {
        (c.GoalScaleId, c.GoalLevel, c.GoalShare, c.GoalCount, c.GoalStructureTestId) = (null, null, null, null, null);
        var kind = g?.Kind?.Trim();
        if (g is null || string.IsNullOrEmpty(kind)) { errors.Add("goal.kind", "goal.kind is required."); return; }
        if (!GoalKinds.All.Contains(kind)) { errors.Add("goal.kind", $"goal.kind must be one of {string.Join(", ", GoalKinds.All)}."); return; }
        c.GoalKind = kind;
        if (kind is GoalKinds.LevelShare or GoalKinds.StructureTestShare)
        {
            if (g.Share is null) errors.Add("goal.share", "goal.share is required for this goal.");
            else if (g.Share is <= 0 or > 1) errors.Add("goal.share", "goal.share must be more than 0 and at most 1.");
            else c.GoalShare = Math.Round(g.Share.Value, 4);
        }
        switch (kind)
        {
            case GoalKinds.LevelShare:
            {
                var key = string.IsNullOrWhiteSpace(g.Scale) ? Assessments.AssessmentScale.EngagementCode : g.Scale.Trim();
                var scale = await db.AssessmentScales.AsNoTracking().Where(s => s.Code == key || s.Id.ToString() == key)
                    .Select(s => new { s.Id, s.ArchivedAt, Levels = s.Levels.Count }).FirstOrDefaultAsync(ct);
                if (scale is null || scale.ArchivedAt is not null) { errors.Add("goal.scale", $"There is no assessment scale '{key}'."); break; }
                c.GoalScaleId = scale.Id;
                if (g.Level is null) errors.Add("goal.level", "goal.level is required for a level-share goal.");
                else if (g.Level < 1 || g.Level > scale.Levels) errors.Add("goal.level", $"goal.level must be between 1 and {scale.Levels}.");
                else c.GoalLevel = g.Level;
                break;
            }
            case GoalKinds.Conversations:
                if (g.Count is null) errors.Add("goal.count", "goal.count is required for a conversations goal.");
                else if (g.Count is < 1 or > 10_000_000) errors.Add("goal.count", "goal.count must be between 1 and 10,000,000.");
                else c.GoalCount = g.Count;
                break;
            case GoalKinds.StructureTestShare:
                if (g.StructureTestId is null) { errors.Add("goal.structureTestId", "goal.structureTestId is required for a structure-test goal."); break; }
                var test = await db.StructureTests.AsNoTracking().Where(t => t.Id == g.StructureTestId).Select(t => new { t.Id, t.OrgUnit.Path }).FirstOrDefaultAsync(ct);
                // A test elsewhere in the federation is as unknown as one that does not exist.
                if (test is null || unit is not null && !OrgPath.Contains(test.Path, unit.Path) && !OrgPath.Contains(unit.Path, test.Path))
                    errors.Add("goal.structureTestId", $"There is no structure test {g.StructureTestId} for this unit.");
                else c.GoalStructureTestId = test.Id;
                break;
        }
    }
}
