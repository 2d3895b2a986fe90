using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Assessments;
using Rally.Features.Conversations;

namespace Rally.IntegrationTests.Campaigns;

/// <summary>
/// Campaigns over HTTP on both providers. Union A's three members get a dated history (relative to
/// today) once per app: Alekseeva is assessed 4, then 2, then 3; Belov 1 long ago and talked to
/// about wages; Volkova 3. The expected figures are worked out in the comments.
/// </summary>
public class CampaignApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    static readonly ConcurrentDictionary<string, Lazy<Task<Setup>>> Setups = new();

    sealed record Setup(RallyApp App, RallyApp.TestUser Officer, RallyApp.TestUser First, RallyApp.TestUser Second);

    static DateTimeOffset DaysAgo(int days, int hour = 12) => new(Today.AddDays(-days).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    async Task<Setup> SetUpAsync(string provider) => await Setups.GetOrAdd(provider + fixture.GetHashCode(), _ => new(async () =>
    {
        var app = await fixture.For(provider);
        var officer = await app.CreateUserAsync("officer", OrgTree.UnionA, ct: Ct);
        // Organisers sort by e-mail: "a-..." is the first, "b-..." the second.
        var first = await app.CreateUserAsync("organizer", OrgTree.UnionA, $"a-{Guid.NewGuid():N}@test.example", Ct);
        var second = await app.CreateUserAsync("officer", OrgTree.UnionA, $"b-{Guid.NewGuid():N}@test.example", Ct);
        await app.InScopeAsync(async (_, db) =>
        {
            var (a, b, v, g) = (app.Org.Members["alekseeva"].Id, app.Org.Members["belov"].Id, app.Org.Members["volkova"].Id, app.Org.Members["gromov"].Id);
            Assessment Assess(int member, int daysAgo, int level) => new()
            {
                MemberId = member, ScaleId = AssessmentScale.EngagementId, Level = level, AssessedAt = DaysAgo(daysAgo), AssessedBy = "test", RecordedAt = DaysAgo(daysAgo),
            };
            db.Assessments.AddRange(Assess(a, 10, 4), Assess(a, 2, 2), Assess(a, 1, 3), Assess(b, 20, 1), Assess(v, 2, 3), Assess(g, 2, 1));
            var wages = await db.IssueTags.Where(t => t.Code == "wages").Select(t => t.Id).SingleAsync(Ct);
            db.Conversations.AddRange(
                new Conversation { MemberId = b, HeldAt = DaysAgo(2), HeldById = first.Id, Channel = Channels.InPerson, RecordedAt = DaysAgo(2), RecordedBy = "test", Issues = [new() { IssueTagId = wages }] },
                new Conversation { MemberId = a, HeldAt = DaysAgo(1), HeldById = first.Id, Channel = Channels.Phone, RecordedAt = DaysAgo(1), RecordedBy = "test" });
            await db.SaveChangesAsync(Ct);
            return 0;
        }, "test:seed");
        return new Setup(app, officer, first, second);
    })).Value;

    static object Campaign(string name, object? segment = null, object? goal = null, string[]? organisers = null, string unit = OrgTree.UnionA, int startsDaysAgo = 3, int deadlineIn = 10) => new
    {
        name, orgUnit = unit, segment = segment ?? new { },
        goal = goal ?? new { kind = "level-share", scale = "engagement", level = 2, share = 0.5 },
        startsOn = Today.AddDays(-startsDaysAgo), deadline = Today.AddDays(deadlineIn), organisers = organisers ?? [],
    };

    static async Task<(int Id, string ETag, JsonElement Body)> CreateAsync(HttpClient client, object campaign)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", campaign, Ct);
        var body = await response.ReadAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create: {(int)response.StatusCode} {body}");
        return (body.GetProperty("id").GetInt32(), response.Headers.ETag!.Tag, body);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_segment_selects_targets_by_status_level_contact_issue_workplace_and_category(string provider)
    {
        var s = await SetUpAsync(provider);
        var client = s.App.Client(s.Officer.Token);
        async Task<int> Targets(object segment) => (await CreateAsync(client, Campaign("segment", segment))).Body.GetProperty("targets").GetInt32();

        Assert.Equal(3, await Targets(new { }));                                                     // Alekseeva, Belov, Volkova (not Union B's)
        Assert.Equal(2, await Targets(new { statuses = new[] { "member" } }));                        // Volkova has lapsed
        Assert.Equal(2, await Targets(new { scaleId = 1, minLevel = 3, maxLevel = 5 }));              // current levels: A 3, B 1, V 3
        Assert.Equal(1, await Targets(new { raisedIssue = "wages" }));                                // Belov
        Assert.Equal(1, await Targets(new { contactedSince = Today.AddDays(-1) }));                   // Alekseeva
        Assert.Equal(1, await Targets(new { notContactedSince = Today.AddDays(-5) }));                // Volkova
        Assert.Equal(1, await Targets(new { workplace = OrgTree.WorkplaceA }));                       // Belov
        Assert.Equal(1, await Targets(new { categories = new[] { "domestic" } }));                    // Volkova
        Assert.Equal(0, await Targets(new { categories = new[] { "domestic" }, statuses = new[] { "member" } }));

        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns",
            Campaign("bad", new { categories = new[] { "nobility" }, workplace = "NOWHERE", statuses = new[] { "king" }, raisedIssue = "weather", minLevel = 9 }), Ct), Ct,
            "segment.categories", "segment.workplace", "segment.statuses", "segment.raisedIssue", "segment.minLevel");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Invalid_campaigns_are_400s_naming_the_field(string provider)
    {
        var s = await SetUpAsync(provider);
        var client = s.App.Client(s.Officer.Token);
        var viewer = await s.App.CreateUserAsync("viewer", OrgTree.UnionA, ct: Ct);
        var elsewhere = await s.App.CreateUserAsync("organizer", OrgTree.UnionB, ct: Ct);
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", new { }, Ct), Ct, "name", "orgUnit", "startsOn", "deadline", "goal.kind");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Campaign("x", startsDaysAgo: 0, deadlineIn: -1), Ct), Ct, "deadline");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Campaign("x", goal: new { kind = "vibes" }), Ct), Ct, "goal.kind");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Campaign("x", goal: new { kind = "level-share", level = 7, share = 2 }), Ct), Ct, "goal.level", "goal.share");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Campaign("x", goal: new { kind = "conversations" }), Ct), Ct, "goal.count");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Campaign("x", goal: new { kind = "structure-test-share", share = 0.5, structureTestId = 999 }), Ct), Ct, "goal.structureTestId");
        // A viewer, an organizer of another union and nobody at all cannot be organisers.
        foreach (var who in new[] { viewer.Email, elsewhere.Id, "nobody@test.example" })
            await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Campaign("x", organisers: [who]), Ct), Ct, "organisers");
        // Union B is not the officer's to see.
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Campaign("x", unit: OrgTree.UnionB), Ct), Ct, "orgUnit");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Create_get_list_update_with_etags_and_archive(string provider)
    {
        var s = await SetUpAsync(provider);
        var client = s.App.Client(s.Officer.Token);
        var (id, etag, body) = await CreateAsync(client, Campaign("Wages drive", organisers: [s.First.Email, s.Second.Id]));
        Assert.Equal([s.First.Id, s.Second.Id], body.GetProperty("organisers").Strings("userId"));
        Assert.Equal("level-share", body.GetProperty("goal").GetProperty("kind").GetString());
        Assert.Equal("engagement", body.GetProperty("goal").GetProperty("scale").GetString());

        var got = await client.GetJsonAsync($"/api/v1/campaigns/{id}", Ct);
        Assert.Equal("Wages drive", got.GetProperty("name").GetString());
        var list = await client.GetJsonAsync("/api/v1/campaigns?pageSize=500", Ct);
        Assert.Contains(id, list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));

        var change = Campaign("Wages and hours drive", goal: new { kind = "conversations", count = 40 }, organisers: [s.First.Id]);
        var updated = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/campaigns/{id}", change, Ct, ifMatch: etag);
        var updatedBody = await updated.ReadAsync(Ct);
        Assert.True(updated.StatusCode == HttpStatusCode.OK, updatedBody.ToString());
        Assert.Equal(40, updatedBody.GetProperty("goal").GetProperty("count").GetInt32());
        Assert.Equal([s.First.Id], updatedBody.GetProperty("organisers").Strings("userId"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/campaigns/{id}", change, Ct, ifMatch: etag)).StatusCode);
        // Every write is in the audit trail: the campaign's fields, and its organisers on creation and when they change.
        var trail = await s.App.InScopeAsync((_, db) => db.AuditEntries.Where(e => e.EntityType == "Campaign" && e.EntityId == id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["create", "organisers", "organisers", "update"], trail.Order(StringComparer.Ordinal));

        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/campaigns/{id}");
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale, Ct)).StatusCode);
        var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/campaigns/{id}");
        archive.Headers.TryAddWithoutValidation("If-Match", updated.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(archive, Ct)).StatusCode);
        list = await client.GetJsonAsync("/api/v1/campaigns?pageSize=500", Ct);
        Assert.DoesNotContain(id, list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, (await client.GetJsonAsync($"/api/v1/campaigns/{id}", Ct)).GetProperty("archivedAt").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Progress_follows_the_dated_history(string provider)
    {
        var s = await SetUpAsync(provider);
        var client = s.App.Client(s.Officer.Token);
        var (id, _, _) = await CreateAsync(client, Campaign("Supporters"));
        var progress = await client.GetJsonAsync($"/api/v1/campaigns/{id}/progress", Ct);

        // From 3 days ago: A 4 / B 1 / V none → 1 of 3; 2 days ago A 2, V 3 → 2 of 3; yesterday A 3 → 1 of 3; today 1 of 3.
        var series = progress.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 4).Select(i => Today.AddDays(-3 + i).ToString("yyyy-MM-dd")), series.Select(p => p.GetProperty("date").GetString()));
        Assert.Equal([1, 2, 1, 1], series.Select(p => p.GetProperty("achieved").GetInt32()));
        Assert.Equal([0.3333m, 0.6667m, 0.3333m, 0.3333m], series.Select(p => p.GetProperty("value").GetDecimal()));
        var now = progress.GetProperty("now");
        Assert.Equal(3, now.GetProperty("targets").GetInt32());
        Assert.Equal(1, now.GetProperty("achieved").GetInt32());
        Assert.Equal(0.6666m, now.GetProperty("share").GetDecimal()); // 0.3333 of a goal of 0.5
        // By workplace: Putilov (Belov, at 1) all there; no workplace (Alekseeva 3, Volkova 3) none.
        var putilov = progress.GetProperty("byWorkplace").EnumerateArray().Single(w => w.GetProperty("workplace").GetString() == OrgTree.WorkplaceA);
        Assert.Equal(1m, putilov.GetProperty("value").GetDecimal());
        var none = progress.GetProperty("byWorkplace").EnumerateArray().Single(w => w.GetProperty("workplace").ValueKind == JsonValueKind.Null);
        Assert.Equal((2, 0), (none.GetProperty("targets").GetInt32(), none.GetProperty("achieved").GetInt32()));

        // Conversations since the start: Belov 2 days ago, Alekseeva yesterday → 2, half of a goal of 4.
        var (talks, _, _) = await CreateAsync(client, Campaign("Talks", goal: new { kind = "conversations", count = 4 }));
        var talked = await client.GetJsonAsync($"/api/v1/campaigns/{talks}/progress", Ct);
        Assert.Equal([0m, 1m, 2m, 2m], talked.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("value").GetDecimal()));
        Assert.Equal(0.5m, talked.GetProperty("now").GetProperty("share").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Structure_test_goals_count_participants_by_day(string provider)
    {
        var s = await SetUpAsync(provider);
        var client = s.App.Client(s.Officer.Token);
        var testId = await s.App.InScopeAsync(async (_, db) =>
        {
            var test = new Rally.Features.StructureTests.StructureTest
            {
                Name = "Petition " + Guid.NewGuid().ToString("N")[..6], Kind = "petition", OrgUnitId = s.App.Org.Units[OrgTree.UnionA].Id, TargetShare = 0.5m,
                StartsOn = Today.AddDays(-30), Deadline = Today.AddDays(30), CreatedAt = DaysAgo(30), CreatedBy = "test",
            };
            db.StructureTests.Add(test);
            await db.SaveChangesAsync(Ct);
            db.Participations.AddRange(
                new Rally.Features.StructureTests.Participation { StructureTestId = test.Id, MemberId = s.App.Org.Members["alekseeva"].Id, ParticipatedOn = Today.AddDays(-10), RecordedAt = DaysAgo(10), RecordedBy = "test" },
                new Rally.Features.StructureTests.Participation { StructureTestId = test.Id, MemberId = s.App.Org.Members["belov"].Id, ParticipatedOn = Today.AddDays(-1), RecordedAt = DaysAgo(1), RecordedBy = "test" },
                new Rally.Features.StructureTests.Participation { StructureTestId = test.Id, MemberId = s.App.Org.Members["gromov"].Id, ParticipatedOn = Today.AddDays(-2), RecordedAt = DaysAgo(2), RecordedBy = "test" });
            await db.SaveChangesAsync(Ct);
            return test.Id;
        }, "test:seed");
        var (id, _, _) = await CreateAsync(client, Campaign("Petition drive", goal: new { kind = "structure-test-share", structureTestId = testId, share = 0.5 }));
        var progress = await client.GetJsonAsync($"/api/v1/campaigns/{id}/progress", Ct);

        // Alekseeva signed before the start, Belov yesterday; Gromov is in union B, not a target: 1, 1, 2, 2 of 3.
        Assert.Equal([1, 1, 2, 2], progress.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("achieved").GetInt32()));
        Assert.Equal(0.6667m, progress.GetProperty("now").GetProperty("value").GetDecimal());
        Assert.Equal(1.3334m, progress.GetProperty("now").GetProperty("share").GetDecimal()); // 0.6667 of a goal of 0.5
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Turf_splits_evenly_or_by_workplace_and_is_reassigned_with_one_audit_entry_each(string provider)
    {
        var s = await SetUpAsync(provider);
        var client = s.App.Client(s.Officer.Token);
        var (id, _, _) = await CreateAsync(client, Campaign("Turf", organisers: [s.First.Id, s.Second.Id]));
        var before = await client.GetJsonAsync($"/api/v1/campaigns/{id}/turf", Ct);
        Assert.Equal((3, 3), (before.GetProperty("targets").GetInt32(), before.GetProperty("uncovered").GetInt32()));

        int Holding(JsonElement turf, RallyApp.TestUser user) =>
            turf.GetProperty("organisers").EnumerateArray().Single(o => o.GetProperty("userId").GetString() == user.Id).GetProperty("targets").GetInt32();

        // Evenly, in name order: Alekseeva → first, Belov → second, Volkova → first.
        var even = await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf", new { by = "even" }, Ct)).ReadAsync(Ct);
        Assert.Equal((2, 1, 0), (Holding(even, s.First), Holding(even, s.Second), even.GetProperty("uncovered").GetInt32()));

        // By workplace: no workplace (Alekseeva, Volkova: 2) → first; Putilov (Belov: 1) → second.
        var split = await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf", new { by = "workplace" }, Ct)).ReadAsync(Ct);
        Assert.Equal((2, 1), (Holding(split, s.First), Holding(split, s.Second)));
        var putilov = split.GetProperty("workplaces").EnumerateArray().Single(w => w.GetProperty("workplace").GetString() == OrgTree.WorkplaceA);
        Assert.Equal(s.Second.Id, putilov.GetProperty("organisers")[0].GetProperty("userId").GetString());

        var toNobody = await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf/reassign", new { workplace = OrgTree.WorkplaceA }, Ct)).ReadAsync(Ct);
        Assert.Equal((2, 0, 1), (Holding(toNobody, s.First), Holding(toNobody, s.Second), toNobody.GetProperty("uncovered").GetInt32()));
        var moved = await (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf/reassign",
            new { members = new[] { s.App.Org.Members["alekseeva"].Id }, to = s.Second.Email }, Ct)).ReadAsync(Ct);
        Assert.Equal((1, 1, 1), (Holding(moved, s.First), Holding(moved, s.Second), moved.GetProperty("uncovered").GetInt32()));

        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf", new { by = "lottery" }, Ct), Ct, "by");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf/reassign", new { workplace = OrgTree.WorkplaceA, to = "nobody@test.example" }, Ct), Ct, "to");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf/reassign", new { to = s.First.Id }, Ct), Ct, "workplace");

        var audit = await s.App.InScopeAsync((_, db) => db.AuditEntries.Where(e => e.EntityType == "Campaign" && e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(2, audit.Count(a => a == "turf-split"));
        Assert.Equal(2, audit.Count(a => a == "turf-reassign"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Targets_export_as_canonical_csv_with_formulas_neutralised(string provider)
    {
        var s = await SetUpAsync(provider);
        var officerB = await s.App.CreateUserAsync("officer", OrgTree.UnionB, ct: Ct);
        var clientB = s.App.Client(officerB.Token);
        var created = await clientB.SendJsonAsync(HttpMethod.Post, "/api/v1/members",
            new { firstName = "=HYPERLINK(\"x\")", lastName = "Zotov, Jr", category = "unskilled", orgUnit = OrgTree.BranchB }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (id, _, _) = await CreateAsync(clientB, Campaign("Export", unit: OrgTree.UnionB, segment: new { categories = new[] { "unskilled" } }));

        var response = await clientB.GetAsync($"/api/v1/campaigns/{id}/targets.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("membership_number,given_name,middle_name,family_name,email,phone,date_of_birth,category,trade,org_unit,workplace,status,joined_on", lines[0]);
        Assert.Equal(3, lines.Length); // Gromov and the new member
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"x\"\")\",,\"Zotov, Jr\"", StringComparison.Ordinal));

        // An officer of union A sees no such campaign; a viewer of union B may not export.
        Assert.Equal(HttpStatusCode.NotFound, (await s.App.Client(s.Officer.Token).GetAsync($"/api/v1/campaigns/{id}/targets.csv", Ct)).StatusCode);
        var viewerB = s.App.Client((await s.App.CreateUserAsync("viewer", OrgTree.UnionB, ct: Ct)).Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerB.GetAsync($"/api/v1/campaigns/{id}/targets.csv", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Wrong_callers_are_refused(string provider)
    {
        var s = await SetUpAsync(provider);
        var (id, etag, _) = await CreateAsync(s.App.Client(s.Officer.Token), Campaign("Guarded", organisers: [s.First.Id]));

        // Viewers and organizers of the unit read but do not write: 403.
        foreach (var role in new[] { "viewer", "organizer" })
        {
            var client = await s.App.ClientAsAsync(role, OrgTree.UnionA, Ct);
            await client.GetJsonAsync($"/api/v1/campaigns/{id}", Ct);
            await client.GetJsonAsync($"/api/v1/campaigns/{id}/progress", Ct);
            await client.GetJsonAsync($"/api/v1/campaigns/{id}/turf", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/campaigns", Campaign("No"), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/campaigns/{id}", Campaign("No"), Ct, etag)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/v1/campaigns/{id}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf", new { by = "even" }, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf/reassign", new { workplace = OrgTree.WorkplaceA }, Ct)).StatusCode);
        }
        // Anyone outside union A (even its own branch's officer: the campaign is the union's) sees nothing: 404.
        foreach (var (role, scope) in new[] { ("officer", OrgTree.UnionB), ("officer", OrgTree.BranchA) })
        {
            var client = await s.App.ClientAsAsync(role, scope, Ct);
            foreach (var path in new[] { "", "/progress", "/turf", "/targets.csv" })
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/campaigns/{id}{path}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/campaigns/{id}", Campaign("No"), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/campaigns/{id}/turf", new { by = "even" }, Ct)).StatusCode);
            Assert.DoesNotContain(id, (await client.GetJsonAsync("/api/v1/campaigns", Ct)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.App.Client().GetAsync($"/api/v1/campaigns/{id}/progress", Ct)).StatusCode);
    }
}
