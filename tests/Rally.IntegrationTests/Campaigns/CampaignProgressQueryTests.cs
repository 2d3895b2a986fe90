using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Assessments;
using Rally.Features.Conversations;

namespace Rally.IntegrationTests.Campaigns;

/// <summary>
/// The part of progress the database works out (the changes per day and workplace, see
/// <c>GetCampaignProgress</c>) against a history built for it: several changes on one day, hours
/// either side of midnight, and a target whose member moves after the targets were written.
/// </summary>
public class CampaignProgressQueryTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    static DateTimeOffset DaysAgo(int days, int hour = 12, int minute = 0) => new(Today.AddDays(-days).ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Changes_are_summed_per_day_at_the_workplace_the_target_had_when_written(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.CreateUserAsync("officer", OrgTree.UnionA, ct: Ct);
        var (a, b, v) = (app.Org.Members["alekseeva"].Id, app.Org.Members["belov"].Id, app.Org.Members["volkova"].Id);
        await app.InScopeAsync(async (_, db) =>
        {
            Assessment Assess(int member, DateTimeOffset at, int level) => new()
            {
                MemberId = member, ScaleId = AssessmentScale.EngagementId, Level = level, AssessedAt = at, AssessedBy = "test", RecordedAt = at,
            };
            db.Assessments.AddRange(
                // Alekseeva (no workplace): 4; two days ago 3 at 09:00 then 2 at 15:00 (achieved); yesterday 4 at 10:00 then 1 at 14:00 (still achieved).
                Assess(a, DaysAgo(5), 4), Assess(a, DaysAgo(2, 9), 3), Assess(a, DaysAgo(2, 15), 2), Assess(a, DaysAgo(1, 10), 4), Assess(a, DaysAgo(1, 14), 1),
                // Belov (Putilov): 1 long before the start.
                Assess(b, DaysAgo(20), 1),
                // Volkova (no workplace): 3 then 4, never achieved.
                Assess(v, DaysAgo(2), 3), Assess(v, DaysAgo(1), 4));
            var user = officer.Id;
            Conversation Talk(int member, DateTimeOffset at) => new() { MemberId = member, HeldAt = at, HeldById = user, Channel = Channels.Phone, RecordedAt = at, RecordedBy = "test" };
            db.Conversations.AddRange(
                Talk(a, DaysAgo(5)),             // before the start
                Talk(a, DaysAgo(2, 23, 59)),     // the last minute of two days ago
                Talk(b, DaysAgo(1, 0)),          // midnight: yesterday
                Talk(b, DaysAgo(1, 10)));
            await db.SaveChangesAsync(Ct);
            return 0;
        }, "test:seed");

        var client = app.Client(officer.Token);
        async Task<int> CreateAsync(object goal)
        {
            var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", new
            {
                name = "Progress " + Guid.NewGuid().ToString("N")[..6], orgUnit = OrgTree.UnionA, segment = new { }, goal,
                startsOn = Today.AddDays(-3), deadline = Today.AddDays(10), organisers = Array.Empty<string>(),
            }, Ct);
            return (await response.ReadAsync(Ct)).GetProperty("id").GetInt32();
        }
        var supporters = await CreateAsync(new { kind = "level-share", scale = "engagement", level = 2, share = 0.5 });
        var talks = await CreateAsync(new { kind = "conversations", count = 6 });

        // Belov leaves Putilov after the targets were written: the campaign keeps him there.
        await app.InScopeAsync((_, db) => db.Members.Where(m => m.Id == b).ExecuteUpdateAsync(s => s.SetProperty(m => m.WorkplaceId, (int?)null), Ct));

        var progress = await client.GetJsonAsync($"/api/v1/campaigns/{supporters}/progress", Ct);
        // 3 days ago: Belov = 1; 2 days ago: + Alekseeva = 2; yesterday: Alekseeva off and on again = 2; today 2 of 3.
        Assert.Equal([1, 2, 2, 2], progress.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("achieved").GetInt32()));
        Assert.Equal((3, 2), (progress.GetProperty("now").GetProperty("targets").GetInt32(), progress.GetProperty("now").GetProperty("achieved").GetInt32()));
        var (putilov, none) = Workplaces(progress);
        Assert.Equal((1, 1), (putilov.GetProperty("targets").GetInt32(), putilov.GetProperty("achieved").GetInt32()));
        Assert.Equal((2, 1), (none.GetProperty("targets").GetInt32(), none.GetProperty("achieved").GetInt32()));

        var talked = await client.GetJsonAsync($"/api/v1/campaigns/{talks}/progress", Ct);
        // 3 days ago: 0; 2 days ago: Alekseeva at 23:59 = 1; yesterday: Belov at midnight and at 10:00 = 3; today 3.
        Assert.Equal([0, 1, 3, 3], talked.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("achieved").GetInt32()));
        var (talkedPutilov, talkedNone) = Workplaces(talked);
        Assert.Equal((2, 1), (talkedPutilov.GetProperty("achieved").GetInt32(), talkedNone.GetProperty("achieved").GetInt32()));

        // The turf shows the same snapshot.
        var turf = await client.GetJsonAsync($"/api/v1/campaigns/{supporters}/turf", Ct);
        Assert.Equal(1, turf.GetProperty("workplaces").EnumerateArray().Single(w => w.GetProperty("workplace").GetString() == OrgTree.WorkplaceA).GetProperty("targets").GetInt32());
    }

    static (JsonElement Putilov, JsonElement None) Workplaces(JsonElement progress)
    {
        var all = progress.GetProperty("byWorkplace").EnumerateArray().ToList();
        return (all.Single(w => w.GetProperty("workplace").GetString() == OrgTree.WorkplaceA), all.Single(w => w.GetProperty("workplace").ValueKind == JsonValueKind.Null));
    }
}
