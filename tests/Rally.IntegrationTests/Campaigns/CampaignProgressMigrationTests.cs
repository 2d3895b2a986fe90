using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Rally.Data;
using Rally.Features.Assessments;
using Rally.Features.Campaigns;

namespace Rally.IntegrationTests.Campaigns;

/// <summary>Campaigns started before progress was kept get it counted when the migration that keeps it runs.</summary>
public class CampaignProgressMigrationTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Upgrading_counts_the_progress_of_existing_campaigns(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        int campaignId, workplaceId;
        var assessedOn = new DateOnly(1919, 2, 20);
        await using (var db = database.Open())
        {
            // The database as the release before: every migration up to the one before CampaignProgressDeltas.
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_CampaignProgressDeltas", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(migrations[index - 1], cancellationToken: Ct);
            var org = await OrgTree.SeedAsync(db, TimeProvider.System, Ct);
            var (belov, alekseeva) = (org.Members["belov"].Id, org.Members["alekseeva"].Id);
            workplaceId = org.Units[OrgTree.WorkplaceA].Id;
            // Assessed before any campaign exists (so nothing is kept yet): Belov reaches level 1, Alekseeva stays at 4.
            var at = new DateTimeOffset(assessedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            db.Assessments.AddRange(
                new Assessment { MemberId = belov, ScaleId = AssessmentScale.EngagementId, Level = 1, AssessedAt = at, AssessedBy = "test", RecordedAt = at },
                new Assessment { MemberId = alekseeva, ScaleId = AssessmentScale.EngagementId, Level = 4, AssessedAt = at, AssessedBy = "test", RecordedAt = at });
            await db.SaveChangesAsync(Ct);
            var campaign = new Campaign
            {
                Name = "Old campaign", Segment = "{}", GoalKind = GoalKinds.LevelShare, GoalScaleId = AssessmentScale.EngagementId, GoalLevel = 2, GoalShare = 0.5m,
                OrgUnitId = org.Units[OrgTree.UnionA].Id, StartsOn = new DateOnly(1919, 2, 1), Deadline = new DateOnly(1919, 4, 1), CreatedBy = "test", CreatedAt = at,
            };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(Ct);
            campaignId = campaign.Id;
            db.CampaignTargets.AddRange(
                new CampaignTarget { CampaignId = campaignId, MemberId = belov, WorkplaceId = workplaceId, AddedAt = at },
                new CampaignTarget { CampaignId = campaignId, MemberId = alekseeva, WorkplaceId = null, AddedAt = at });
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.Open())
        {
            await Schema.MigrateAsync(db, Ct);
            var deltas = await db.Set<CampaignProgressDelta>().Where(d => d.CampaignId == campaignId).Select(d => new { d.Day, d.WorkplaceId, d.Change }).ToListAsync(Ct);
            Assert.Equal(new[] { new { Day = assessedOn.DayNumber, WorkplaceId = workplaceId, Change = 1 } }, deltas);
            var workplaces = await db.Set<CampaignWorkplace>().Where(w => w.CampaignId == campaignId).OrderBy(w => w.WorkplaceId).Select(w => new { w.WorkplaceId, w.Targets }).ToListAsync(Ct);
            Assert.Equal(new[] { new { WorkplaceId = 0, Targets = 1 }, new { WorkplaceId = workplaceId, Targets = 1 } }, workplaces);
        }
    }
}
