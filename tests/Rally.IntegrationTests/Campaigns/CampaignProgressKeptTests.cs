using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rally.Features.Campaigns;
using Rally.IntegrationTests.StructureTests;

namespace Rally.IntegrationTests.Campaigns;

/// <summary>
/// Progress is kept as the history is written (<see cref="CampaignProgressDeltas"/>): after a mixed series of
/// writes through the API — back-dated and same-day assessments, conversations with and without an assessment,
/// participations one by one, in bulk and removed, a goal changed, the turf split, and writes racing each other —
/// what GET progress shows is worked out by hand for a few cases, and for every campaign it equals both the direct
/// computation over the dated history (<c>GetCampaignProgress.ComputeAsync(direct: true)</c>) and the pure rule
/// over the raw rows.
/// </summary>
public class CampaignProgressKeptTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    static DateTimeOffset DaysAgo(int days, int hour = 12) => new(Today.AddDays(-days).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Kept_progress_equals_the_direct_computation_after_mixed_writes(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, "K");
        var officer = app.Client((await app.CreateUserAsync("officer", seed.Union, ct: Ct)).Token);
        var organiserUser = await app.CreateUserAsync("organizer", seed.Union, ct: Ct);
        var organiser = app.Client(organiserUser.Token);
        int M(string key) => seed.Members[key].Id;

        async Task Ok(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        }
        Task Assess(string member, int level, DateTimeOffset at) =>
            organiser.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{M(member)}/assessments", new { level, assessedAt = at }, Ct).ContinueWith(t => Ok(t.Result), Ct).Unwrap();
        Task Talk(string member, DateTimeOffset at, int? level = null) =>
            organiser.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{M(member)}/conversations", new
            {
                heldAt = at, channel = "phone", issues = Array.Empty<string>(), assessment = level is { } l ? new { level = l } : null,
            }, Ct).ContinueWith(t => Ok(t.Result), Ct).Unwrap();

        // History before any campaign: counted when the campaigns are written.
        await Assess("m1", 3, DaysAgo(20));
        await Assess("m2", 1, DaysAgo(15));
        await Talk("m3", DaysAgo(8));

        var test = await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/structure-tests",
            new { name = "Bread petition", kind = "petition", orgUnit = seed.Union, targetShare = 0.5, startsOn = Today.AddDays(-10), deadline = Today.AddDays(20) }, Ct);
        var testId = (await test.ReadAsync(Ct)).GetProperty("id").GetInt32();
        object Body(object goal, string name) => new
        {
            name, orgUnit = seed.Union, segment = new { }, goal, startsOn = Today.AddDays(-6), deadline = Today.AddDays(10), organisers = new[] { organiserUser.Id },
        };
        async Task<(int Id, string ETag)> CreateAsync(object goal, string name)
        {
            var response = await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Body(goal, name), Ct);
            var body = await response.ReadAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
            Assert.Equal(9, body.GetProperty("targets").GetInt32()); // m1..m9, the lapsed m8 too
            return (body.GetProperty("id").GetInt32(), response.Headers.ETag!.Tag);
        }
        var supporters = await CreateAsync(new { kind = "level-share", scale = "engagement", level = 2, share = 0.5 }, "Supporters");
        var lukewarm = await CreateAsync(new { kind = "level-share", scale = "engagement", level = 3, share = 0.5 }, "Lukewarm");
        var talks = await CreateAsync(new { kind = "conversations", count = 10 }, "Talks");
        var petition = await CreateAsync(new { kind = "structure-test-share", structureTestId = testId, share = 0.5 }, "Petition");

        // Written after the campaigns: kept as they are written.
        await Assess("m1", 4, DaysAgo(5));
        await Assess("m1", 2, DaysAgo(3, 10));
        await Assess("m1", 1, DaysAgo(3, 14));
        await Assess("m2", 5, DaysAgo(2));
        await Talk("m4", DaysAgo(1), level: 2);
        await Talk("m5", DaysAgo(4));
        await Talk("m3", DaysAgo(7)); // before the start: not counted
        var participations = $"/api/v1/structure-tests/{testId}/participations";
        await Ok(await organiser.SendJsonAsync(HttpMethod.Post, participations, new { member = seed.Members["m1"].Number, participatedOn = Today.AddDays(-2) }, Ct));
        await Ok(await organiser.SendJsonAsync(HttpMethod.Post, participations,
            new { members = new[] { seed.Members["m2"].Number, seed.Members["m3"].Number, seed.Members["m6"].Number, seed.Members["m9"].Number, seed.Members["m1"].Number }, participatedOn = Today.AddDays(-1) }, Ct));
        await Ok(await organiser.DeleteAsync($"{participations}/{M("m3")}", Ct));

        async Task<int[]> Achieved(int id) =>
            (await officer.GetJsonAsync($"/api/v1/campaigns/{id}/progress", Ct)).GetProperty("series").EnumerateArray().Select(p => p.GetProperty("achieved").GetInt32()).ToArray();
        // Level 2 or better, from 6 days ago to today: m2 (1 since 15 days ago, 5 two days ago), m1 (2 then 1 three days ago), m4 (2 yesterday).
        Assert.Equal(new[] { 1, 1, 1, 2, 1, 2, 2 }, await Achieved(supporters.Id));
        // Level 3 or better: m1 (3 long ago, 4 five days ago, back three days ago), m2 until two days ago, m4 from yesterday.
        Assert.Equal(new[] { 2, 1, 1, 2, 1, 2, 2 }, await Achieved(lukewarm.Id));
        // Conversations since the start: m5 four days ago, m4 yesterday (m3's two were before the start).
        Assert.Equal(new[] { 0, 0, 1, 1, 1, 2, 2 }, await Achieved(talks.Id));
        // Took part: m1 two days ago; m2, m6, m9 yesterday (m3 removed, m1 already counted).
        Assert.Equal(new[] { 0, 0, 0, 0, 1, 4, 4 }, await Achieved(petition.Id));
        await AssertKeptEqualsDirectAsync(app, [supporters.Id, lukewarm.Id, talks.Id, petition.Id]);

        // A new goal is counted afresh; so is a turf split (its targets are written again).
        await Ok(await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/campaigns/{supporters.Id}",
            Body(new { kind = "level-share", scale = "engagement", level = 1, share = 0.5 }, "Supporters"), Ct, ifMatch: supporters.ETag));
        await Ok(await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{lukewarm.Id}/turf", new { by = "workplace" }, Ct));
        // Level 1: m2 until two days ago, m1 from three days ago.
        Assert.Equal(new[] { 1, 1, 1, 2, 1, 1, 1 }, await Achieved(supporters.Id));

        // Writes after the rebuilds, then writes racing each other for the same members.
        await Assess("m6", 1, DaysAgo(0, 0));
        await Talk("m7", DaysAgo(0, 0), level: 3);
        var racing = new List<Task>();
        for (var i = 0; i < 8; i++)
        {
            racing.Add(Assess("m5", 1 + i % 5, DaysAgo(1 + i % 4, 1 + i)));
            racing.Add(Talk(i % 2 == 0 ? "m5" : "m6", DaysAgo(1 + i % 3, 2 + i), level: i % 3 == 0 ? 2 : null));
        }
        racing.Add(organiser.SendJsonAsync(HttpMethod.Post, participations,
            new { members = new[] { seed.Members["m4"].Number, seed.Members["m5"].Number, seed.Members["m7"].Number }, participatedOn = Today }, Ct).ContinueWith(t => Ok(t.Result), Ct).Unwrap());
        await Task.WhenAll(racing);
        await AssertKeptEqualsDirectAsync(app, [supporters.Id, lukewarm.Id, talks.Id, petition.Id]);
    }

    /// <summary>Kept and direct progress are the same, and both are what the pure rule makes of the raw rows.</summary>
    static async Task AssertKeptEqualsDirectAsync(RallyApp app, int[] campaigns)
    {
        await app.InScopeAsync(async (sp, db) =>
        {
            var today = CampaignProgress.Day(sp.GetRequiredService<TimeProvider>().GetUtcNow());
            foreach (var id in campaigns)
            {
                var c = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
                var spec = new CampaignProgressDeltas.GoalSpec(c.Id, c.GoalKind, c.GoalLevel ?? 0, c.GoalScaleId ?? 0, c.GoalStructureTestId ?? 0);
                var goal = new CampaignProgress.Goal(c.GoalKind, c.GoalLevel, c.GoalShare, c.GoalCount);
                var kept = await GetCampaignProgress.ComputeAsync(db, spec, goal, c.StartsOn, c.Deadline, today, direct: false, Ct);
                var direct = await GetCampaignProgress.ComputeAsync(db, spec, goal, c.StartsOn, c.Deadline, today, direct: true, Ct);

                var targets = await db.CampaignTargets.Where(t => t.CampaignId == id).Select(t => new CampaignProgress.Target(t.MemberId, t.WorkplaceId)).ToListAsync(Ct);
                var ids = targets.Select(t => t.MemberId).ToList();
                var marks = (await db.Assessments.Where(a => ids.Contains(a.MemberId) && a.ScaleId == (c.GoalScaleId ?? 0)).Select(a => new { a.MemberId, a.AssessedAt, a.Level }).ToListAsync(Ct))
                    .Select(a => new CampaignProgress.Mark(a.MemberId, a.AssessedAt, a.Level)).ToList();
                var events = c.GoalKind == GoalKinds.Conversations
                    ? (await db.Conversations.Where(x => ids.Contains(x.MemberId)).Select(x => new { x.MemberId, x.HeldAt }).ToListAsync(Ct))
                        .Select(x => new CampaignProgress.Event(x.MemberId, CampaignProgress.Day(x.HeldAt))).ToList()
                    : await db.Participations.Where(p => ids.Contains(p.MemberId) && p.StructureTestId == (c.GoalStructureTestId ?? 0))
                        .Select(p => new CampaignProgress.Event(p.MemberId, p.ParticipatedOn)).ToListAsync(Ct);
                var rule = CampaignProgress.Compute(goal, c.StartsOn, c.Deadline, today, targets, marks, events);

                Assert.Equal(Shown(direct), Shown(kept));
                Assert.Equal(Shown(rule), Shown(kept));
            }
            return 0;
        });
    }

    /// <summary>Everything the page and the API show, in a stable order, as text to compare.</summary>
    static string Shown(CampaignProgress.Result r) => JsonSerializer.Serialize(new
    {
        r.Now, r.Series,
        ByWorkplace = r.ByWorkplace.Where(w => w.Now.Targets > 0 || w.Now.Achieved != 0).OrderBy(w => w.WorkplaceId ?? 0).Select(w => new { w.WorkplaceId, w.Now, w.Series }),
    });
}
