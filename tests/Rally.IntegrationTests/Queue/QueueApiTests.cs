using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rally.Data;
using Rally.Features.Assessments;
using Rally.Features.Campaigns;
using Rally.Features.Conversations;
using Rally.Features.Members;

namespace Rally.IntegrationTests.Queue;

/// <summary>
/// <c>GET /api/v1/queue</c> on a small turf, today pinned to 1 March 1919:
/// <code>
/// campaign "active"   (UA, 1 Feb – 30 Apr): Alekseeva, Belov, Egorov → O1; Volkova → O2; Gromov (union B) → O1
/// campaign "archived" (UA, archived):       Volkova → O1
/// campaign "ended"    (UA, 1 Jan – 28 Feb): Zhukova → O1
/// Alekseeva: sceptical (4) since 1 Dec 1918, last talked to 1 Dec 1918 (90 days)
/// Belov:     never talked to
/// Egorov:    supporter (2) since 1 Oct 1918 (151 days, stale after 90), talked to 20 Feb 1919
/// Zhukova:   O1's follow-up "bring the petition" due 20 Feb 1919 (9 days overdue)
/// Gromov:    O1's follow-up due 1 Feb 1919 — but Gromov is in union B
/// </code>
/// </summary>
public class QueueApiTests(QueueApiTests.Fixture fixture) : IClassFixture<QueueApiTests.Fixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateTimeOffset Now = new(1919, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public sealed record Scene(RallyApp App, RallyApp.TestUser O1, RallyApp.TestUser O2, Dictionary<string, int> Ids, long ZhukovaFollowUp);

    public sealed class Fixture : IAsyncDisposable
    {
        readonly ConcurrentDictionary<string, Lazy<Task<Scene>>> scenes = new();

        public Task<Scene> For(string provider) => scenes.GetOrAdd(provider, p => new Lazy<Task<Scene>>(() => BuildAsync(p))).Value;

        internal static async Task<Scene> BuildAsync(string provider, int? quietDays = null)
        {
            var app = await RallyApp.StartAsync(provider, configure: b =>
            {
                b.Services.AddSingleton<TimeProvider>(new PinnedClock(Now));
                if (quietDays is { } days) b.Configuration["Rally:Organizing:QuietDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture);
            });
            var o1 = await app.CreateUserAsync("organizer", OrgTree.UnionA, "o1@queue.test");
            var o2 = await app.CreateUserAsync("organizer", OrgTree.UnionA, "o2@queue.test");
            var (ids, followUp) = await app.InScopeAsync(async (_, db) =>
            {
                var branch = app.Org.Units[OrgTree.BranchA].Id;
                Member New(string number, string first, string last)
                {
                    var m = new Member
                    {
                        MembershipNumber = number, FirstName = first, LastName = last, OrgUnitId = branch, CategoryId = app.Org.Categories["industrial"],
                        Status = MemberRules.Active, StatusSince = new DateOnly(1918, 5, 1), CreatedAt = Now, UpdatedAt = Now, Phone = "2-15-07",
                    };
                    MemberRules.SetKeys(m);
                    return m;
                }
                var egorov = New("A-0004", "Efim", "Egorov");
                var zhukova = New("A-0005", "Zoya", "Zhukova");
                db.Members.AddRange(egorov, zhukova);
                await db.SaveChangesAsync();
                var ids = new Dictionary<string, int>(app.Org.Members.ToDictionary(m => m.Key, m => m.Value.Id)) { ["egorov"] = egorov.Id, ["zhukova"] = zhukova.Id };

                Campaign NewCampaign(string name, DateOnly starts, DateOnly deadline, DateTimeOffset? archived = null) => new()
                {
                    Name = name, OrgUnitId = app.Org.Units[OrgTree.UnionA].Id, Segment = "{}", GoalKind = GoalKinds.Conversations, GoalCount = 10,
                    StartsOn = starts, Deadline = deadline, CreatedAt = Now, CreatedBy = "test", ArchivedAt = archived,
                };
                var active = NewCampaign("active", new(1919, 2, 1), new(1919, 4, 30));
                var archived = NewCampaign("archived", new(1919, 2, 1), new(1919, 4, 30), Now.AddDays(-1));
                var ended = NewCampaign("ended", new(1919, 1, 1), new(1919, 2, 28));
                db.Campaigns.AddRange(active, archived, ended);
                await db.SaveChangesAsync();
                void Target(Campaign c, string member, string organiser) =>
                    db.CampaignTargets.Add(new CampaignTarget { CampaignId = c.Id, MemberId = ids[member], OrganiserId = organiser, AddedAt = Now });
                Target(active, "alekseeva", o1.Id);
                Target(active, "belov", o1.Id);
                Target(active, "egorov", o1.Id);
                Target(active, "volkova", o2.Id);
                Target(active, "gromov", o1.Id);
                Target(archived, "volkova", o1.Id);
                Target(ended, "zhukova", o1.Id);

                DateTimeOffset Noon(int y, int m, int d) => new(y, m, d, 12, 0, 0, TimeSpan.Zero);
                void Assess(string member, int level, DateTimeOffset at) => db.Assessments.Add(new Assessment
                    { MemberId = ids[member], ScaleId = AssessmentScale.EngagementId, Level = level, AssessedAt = at, AssessedBy = "o1@queue.test", RecordedAt = at });
                void Talk(string member, DateTimeOffset at) => db.Conversations.Add(new Conversation
                    { MemberId = ids[member], HeldAt = at, HeldById = o1.Id, Channel = Channels.InPerson, RecordedAt = at, RecordedBy = "o1@queue.test" });
                Assess("alekseeva", 2, Noon(1918, 9, 1));
                Assess("alekseeva", 4, Noon(1918, 12, 1)); // the latest counts
                Talk("alekseeva", Noon(1918, 10, 1));
                Talk("alekseeva", Noon(1918, 12, 1));
                Assess("egorov", 2, Noon(1918, 10, 1));
                Talk("egorov", Noon(1919, 2, 20));
                var petition = new FollowUp { MemberId = ids["zhukova"], AssigneeId = o1.Id, DueOn = new(1919, 2, 20), Action = "bring the petition", CreatedAt = Now, CreatedBy = "test" };
                db.FollowUps.Add(petition);
                db.FollowUps.Add(new FollowUp { MemberId = ids["gromov"], AssigneeId = o1.Id, DueOn = new(1919, 2, 1), Action = "ask about the mill", CreatedAt = Now, CreatedBy = "test" });
                db.FollowUps.Add(new FollowUp { MemberId = ids["belov"], AssigneeId = o1.Id, DueOn = new(1919, 2, 1), Action = "done already", CreatedAt = Now, CreatedBy = "test", DoneAt = Now, DoneBy = "test" });
                await db.SaveChangesAsync();
                return (ids, petition.Id);
            });
            return new Scene(app, o1, o2, ids, followUp);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var scene in scenes.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
                await scene.Value.Result.App.DisposeAsync();
        }
    }

    static string[] Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!.Split(' ')[0]).ToArray();

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_organiser_sees_their_turf_in_order_with_the_reasons(string provider)
    {
        var s = await fixture.For(provider);
        var page = await s.App.Client(s.O1.Token).GetJsonAsync("/api/v1/queue", Ct);

        Assert.Equal(["Zhukova", "Belov", "Alekseeva", "Egorov"], Names(page));
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["overdue-follow-up", "never-contacted", "least-engaged", "stale-assessment"], items.Select(i => i.GetProperty("reason").GetString()));
        Assert.Equal(["follow-up 'bring the petition' due 20 Feb 1919, 9 days overdue", "never contacted", "sceptical (4), last contact 90 days ago", "assessment 151 days old"],
            items.Select(i => i.GetProperty("reasonText").GetString()));

        var zhukova = items[0];
        Assert.Equal(s.Ids["zhukova"], zhukova.GetProperty("memberId").GetInt32());
        Assert.Equal(s.ZhukovaFollowUp, zhukova.GetProperty("followUpId").GetInt64());
        Assert.Equal("A-0005", zhukova.GetProperty("membershipNumber").GetString());
        Assert.Equal("2-15-07", zhukova.GetProperty("phone").GetString());
        Assert.Equal("Zhukova Zoya", zhukova.GetProperty("name").GetString());
        var belov = items[1];
        Assert.Equal("Putilov Works", belov.GetProperty("workplace").GetString());
        Assert.Equal(JsonValueKind.Null, belov.GetProperty("followUpId").ValueKind);
        Assert.Equal(JsonValueKind.Null, belov.GetProperty("lastContact").ValueKind);
        var alekseeva = items[2];
        Assert.Equal(4, alekseeva.GetProperty("level").GetInt32());
        Assert.Equal("sceptical", alekseeva.GetProperty("levelName").GetString());
        Assert.Equal("1918-12-01", alekseeva.GetProperty("lastContact").GetString());

        // Paging over the ordered queue.
        var second = await s.App.Client(s.O1.Token).GetJsonAsync("/api/v1/queue?pageSize=2&page=2", Ct);
        Assert.Equal(["Alekseeva", "Egorov"], Names(second));
        Assert.Equal(4, second.GetProperty("total").GetInt32());
        // Naming oneself is the same as naming nobody.
        Assert.Equal(["Zhukova", "Belov", "Alekseeva", "Egorov"], Names(await s.App.Client(s.O1.Token).GetJsonAsync("/api/v1/queue?organiser=O1@queue.test", Ct)));

        // O2's turf: Volkova only, never contacted.
        Assert.Equal(["Volkova"], Names(await s.App.Client(s.O2.Token).GetJsonAsync("/api/v1/queue", Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Officers_see_another_organisers_queue_within_their_own_grants(string provider)
    {
        var s = await fixture.For(provider);
        var officerA = await s.App.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        Assert.Equal(["Zhukova", "Belov", "Alekseeva", "Egorov"], Names(await officerA.GetJsonAsync($"/api/v1/queue?organiser={s.O1.Id}", Ct)));
        Assert.Equal(["Volkova"], Names(await officerA.GetJsonAsync("/api/v1/queue?organiser=o2@queue.test", Ct)));

        // O1's turf and follow-up in union B are invisible to O1 and to A's officer, and all an officer of B sees.
        var officerB = await s.App.ClientAsAsync("officer", OrgTree.UnionB, Ct);
        var b = await officerB.GetJsonAsync("/api/v1/queue?organiser=o1@queue.test", Ct);
        Assert.Equal(["Gromov"], Names(b));
        Assert.Equal("follow-up 'ask about the mill' due 1 Feb 1919, 28 days overdue", b.GetProperty("items")[0].GetProperty("reasonText").GetString());

        var unknown = await officerA.GetAsync("/api/v1/queue?organiser=nobody@queue.test", Ct);
        await Json.AssertFieldErrors(unknown, Ct, "organiser");
        await Json.AssertFieldErrors(await officerA.GetAsync("/api/v1/queue?pageSize=0", Ct), Ct, "pageSize");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_quiet_days_come_from_configuration(string provider)
    {
        // Alekseeva, sceptical, was last talked to 90 days ago: quiet enough at the default 60 days, not at 100.
        var s = await Fixture.BuildAsync(provider, quietDays: 100);
        await using var app = s.App;
        Assert.Equal(["Zhukova", "Belov", "Egorov"], Names(await app.Client(s.O1.Token).GetJsonAsync("/api/v1/queue", Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_wrong_caller_is_refused(string provider)
    {
        var s = await fixture.For(provider);
        // An organiser may not read another organiser's queue.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.App.Client(s.O2.Token).GetAsync($"/api/v1/queue?organiser={s.O1.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.App.Client(s.O2.Token).GetAsync("/api/v1/queue?organiser=o1@queue.test", Ct)).StatusCode);
        // A viewer has no queue, their own or anyone's.
        var viewer = await s.App.ClientAsAsync("viewer", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/queue", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/queue?organiser=o1@queue.test", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.App.Client().GetAsync("/api/v1/queue", Ct)).StatusCode);
    }
}
