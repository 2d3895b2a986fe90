using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rally.Data;
using Rally.Data.Demo;
using Rally.Features.Accounts;
using Rally.Features.Members;

namespace Rally.IntegrationTests.Data;

/// <summary>The organizing part of the default demonstration set, and an organiser's queue over it on 1 March 1919.</summary>
public class DemoOrganizingTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateTimeOffset Today = new(1919, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_default_set_has_histories_a_campaign_with_turf_and_a_petition(string provider)
    {
        await using var app = await RallyApp.StartAsync(provider, seed: false, configure: b => b.Services.AddSingleton<TimeProvider>(new PinnedClock(Today)), ct: Ct);
        var output = new StringWriter();
        Assert.Equal(0, await app.InScopeAsync((sp, db) => DemoCommand.RunAsync(db, null, sp.GetRequiredService<TimeProvider>(), output, new StringWriter(), Ct)));

        await app.InScopeAsync(async (_, db) =>
        {
            // The same numbers on both databases: the set is generated from a seed.
            Assert.Equal(
                (7_871, 854, 101, 604, 219),
                (await db.Assessments.CountAsync(Ct), await db.Conversations.CountAsync(Ct), await db.FollowUps.CountAsync(Ct),
                 await db.CampaignTargets.CountAsync(Ct), await db.Participations.CountAsync(Ct)));
            Assert.Contains("7,871 assessments", output.ToString());

            // One to three assessments per member, all in the six months before 1 March 1919, every level in use.
            var perMember = await db.Assessments.GroupBy(a => a.MemberId).Select(g => g.Count()).ToListAsync(Ct);
            Assert.InRange(perMember.Min(), 1, 1);
            Assert.Equal(3, perMember.Max());
            var dates = await db.Assessments.Select(a => a.AssessedAt).ToListAsync(Ct);
            Assert.All(dates, d => Assert.InRange(d, new DateTimeOffset(1918, 8, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1919, 2, 28, 23, 59, 59, TimeSpan.Zero)));
            var current = await db.Assessments
                .Where(a => !db.Assessments.Any(b => b.MemberId == a.MemberId && b.ScaleId == a.ScaleId && b.AssessedAt > a.AssessedAt))
                .GroupBy(a => a.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct);
            Assert.Equal([1, 2, 3, 4, 5], current.Keys.Order());
            Assert.All(current.Values, n => Assert.True(n > 100, $"only {n} members at a level"));

            // Every conversation raised an issue; follow-ups belong to whoever held the conversation.
            Assert.Equal(0, await db.Conversations.CountAsync(c => !c.Issues.Any(), Ct));
            Assert.Equal(0, await db.FollowUps.CountAsync(f => db.Conversations.Any(c => c.Id == f.ConversationId && c.HeldById != f.AssigneeId), Ct));

            // The campaign's targets are the textile union's active members, split among three organisers holding organizer on the union.
            var campaign = await db.Campaigns.Include(c => c.Organisers).SingleAsync(Ct);
            var textile = await db.OrgUnits.SingleAsync(u => u.Code == "TEXTILE", Ct);
            Assert.Equal((textile.Id, "level-share", 2, 0.40m, new DateOnly(1919, 2, 1), new DateOnly(1919, 4, 30)),
                (campaign.OrgUnitId, campaign.GoalKind, campaign.GoalLevel!.Value, campaign.GoalShare!.Value, campaign.StartsOn, campaign.Deadline));
            var active = await db.Members.CountAsync(m => m.MembershipNumber.StartsWith("TEXTILE-") && m.Status == MemberRules.Active, Ct);
            Assert.Equal(active, await db.CampaignTargets.CountAsync(t => db.Members.Any(m => m.Id == t.MemberId && m.MembershipNumber.StartsWith("TEXTILE-") && m.Status == MemberRules.Active), Ct));
            Assert.Equal(active, await db.CampaignTargets.CountAsync(Ct));
            var turfs = await db.CampaignTargets.GroupBy(t => t.OrganiserId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct);
            Assert.Equal(["demo-textile-1", "demo-textile-2", "demo-textile-3"], turfs.Select(t => t.Key!).Order());
            Assert.All(turfs, t => Assert.InRange(t.Count, active / 3 - 20, active / 3 + 20));
            Assert.Equal(turfs.Select(t => t.Key!).Order(), campaign.Organisers.Select(o => o.UserId).Order());
            var grants = await db.RoleGrants.Where(g => g.UserId.StartsWith("demo-textile-")).Select(g => new { g.Role, g.OrgUnitId }).ToListAsync(Ct);
            Assert.All(grants, g => Assert.Equal((Roles.Organizer, (int?)textile.Id), (g.Role, g.OrgUnitId)));
            Assert.Null((await db.Users.SingleAsync(u => u.Email == "organiser.textile@demo.rally", Ct)).PasswordHash);

            // Only targets signed the petition.
            Assert.Equal(0, await db.Participations.CountAsync(p => !db.CampaignTargets.Any(t => t.MemberId == p.MemberId), Ct));
            return 0;
        });

        // The first textile organiser's queue, on the day the set describes.
        var token = await app.InScopeAsync(async (sp, db) => (await AccessTokens.IssueAsync(db, "demo-textile-1", "test", sp.GetRequiredService<TimeProvider>(), Ct)).Item2);
        var queue = await app.Client(token).GetJsonAsync("/api/v1/queue?pageSize=500", Ct);
        var reasons = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reason").GetString()!).ToList();
        Assert.Equal(queue.GetProperty("total").GetInt32(), reasons.Count);
        string[] order = ["overdue-follow-up", "never-contacted", "least-engaged", "stale-assessment"];
        Assert.Equal(reasons.OrderBy(r => Array.IndexOf(order, r)), reasons); // grouped in the rule's order
        Assert.All(order, r => Assert.Contains(r, reasons));                   // and every reason occurs
    }
}
