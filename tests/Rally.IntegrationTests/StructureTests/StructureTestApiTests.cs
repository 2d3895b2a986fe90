using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Rally.IntegrationTests.StructureTests;

/// <summary>Structure tests over HTTP: the test itself, participation one by one and in bulk, results and coverage, and who may do what.</summary>
public class StructureTestApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static DateOnly Today(RallyApp app) => DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    static string Tag(string provider, string test) => provider[..2].ToUpperInvariant() + test;

    static async Task<JsonElement> CreateTest(HttpClient officer, RallyApp app, string unit, decimal target = 0.6m)
    {
        var today = Today(app);
        var response = await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/structure-tests",
            new { name = "Bread petition", kind = "petition", orgUnit = unit, targetShare = target, startsOn = today.AddDays(-10), deadline = today.AddDays(20) }, Ct);
        var body = await response.ReadAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_test_is_created_read_updated_and_archived_by_an_officer_of_its_unit(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "A"));
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var created = await CreateTest(officer, app, seed.Union);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("petition", created.GetProperty("kind").GetString());
        Assert.Equal(seed.Union, created.GetProperty("orgUnit").GetString());
        Assert.Equal(0.6m, created.GetProperty("targetShare").GetDecimal());

        var get = await officer.GetAsync($"/api/v1/structure-tests/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"0\"", get.Headers.ETag?.Tag);

        var today = Today(app);
        var change = new { name = "Bread and fuel petition", kind = "sign-up", orgUnit = seed.Branch1, targetShare = 0.75, startsOn = today.AddDays(-10), deadline = today.AddDays(30) };
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/structure-tests/{id}", change, Ct, ifMatch: "\"7\"")).StatusCode);
        var updated = await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/structure-tests/{id}", change, Ct, ifMatch: "\"0\"");
        var body = await updated.ReadAsync(Ct);
        Assert.True(updated.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(("sign-up", seed.Branch1, 1), (body.GetProperty("kind").GetString(), body.GetProperty("orgUnit").GetString(), body.GetProperty("version").GetInt32()));

        var listed = await officer.GetJsonAsync($"/api/v1/structure-tests?orgUnit={seed.Union}", Ct);
        Assert.Equal([id], listed.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Delete(officer, $"/api/v1/structure-tests/{id}", "\"0\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Delete(officer, $"/api/v1/structure-tests/{id}", "\"1\"")).StatusCode);
        Assert.Equal(0, (await officer.GetJsonAsync($"/api/v1/structure-tests?orgUnit={seed.Union}", Ct)).GetProperty("total").GetInt32());
        var archived = await officer.GetJsonAsync($"/api/v1/structure-tests?orgUnit={seed.Union}&includeArchived=true", Ct);
        Assert.NotEqual(JsonValueKind.Null, archived.GetProperty("items")[0].GetProperty("archivedAt").ValueKind);

        // An archived test takes no more participation.
        var record = await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/structure-tests/{id}/participations", new { member = seed.Members["m1"].Number }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, record.StatusCode);

        var audit = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "StructureTest" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["archive", "create", "update"], audit.Order());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_input_is_answered_400_naming_the_field(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "B"));
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/structure-tests",
            new { name = "", kind = "march", orgUnit = "NOWHERE", targetShare = 1.5 }, Ct), Ct, "name", "kind", "orgUnit", "targetShare", "startsOn", "deadline");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/structure-tests",
            new { name = "x", kind = "petition", orgUnit = seed.Union, targetShare = -0.1, startsOn = "1919-03-10", deadline = "1919-03-01" }, Ct), Ct, "targetShare", "deadline");
        await Json.AssertFieldErrors(await officer.SendRawAsync(HttpMethod.Post, "/api/v1/structure-tests",
            """{"name":"x","kind":"petition","orgUnit":"U","targetShare":0.5,"startsOn":"1919-13-45","deadline":"1919-03-01"}""", Ct), Ct, "startsOn");
        // A unit the officer cannot see is answered as unknown.
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/structure-tests",
            new { name = "x", kind = "petition", orgUnit = OrgTree.UnionB, targetShare = 0.5, startsOn = "1919-03-01", deadline = "1919-03-10" }, Ct), Ct, "orgUnit");

        var id = (await CreateTest(officer, app, seed.Union)).GetProperty("id").GetInt32();
        var today = Today(app);
        var url = $"/api/v1/structure-tests/{id}/participations";
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, url, new { member = seed.Members["m1"].Number, participatedOn = today.AddDays(1) }, Ct), Ct, "participatedOn");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, url, new { member = seed.Members["m1"].Number, participatedOn = today.AddDays(-11) }, Ct), Ct, "participatedOn");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, url, new { participatedOn = today }, Ct), Ct, "member");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, url, new { member = "NO-SUCH-NUMBER" }, Ct), Ct, "member");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, url, new { member = seed.Members["m8"].Number }, Ct), Ct, "member"); // lapsed
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, url, new { members = Array.Empty<string>() }, Ct), Ct, "members");
        await Json.AssertFieldErrors(await officer.SendRawAsync(HttpMethod.Post, url, """{"members":[true, {"a":1}]}""", Ct), Ct, "members");
        await Json.AssertFieldErrors(await officer.GetAsync($"/api/v1/structure-tests?kind=march&pageSize=0", Ct), Ct, "kind", "pageSize");
        await Json.AssertFieldErrors(await officer.GetAsync($"/api/v1/structure-tests/{id}/participations?sort=shoeSize", Ct), Ct, "sort");
        await Json.AssertFieldErrors(await officer.GetAsync($"/api/v1/structure-tests/{id}/coverage?page=0", Ct), Ct, "page");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/structure-tests/{id}",
            new { name = "x", kind = "petition", orgUnit = seed.Union, targetShare = 2, startsOn = today, deadline = today }, Ct), Ct, "targetShare");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bulk_participation_counts_what_was_recorded_and_why_the_rest_was_not(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "C"));
        var m = seed.Members;
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var id = (await CreateTest(officer, app, seed.Union)).GetProperty("id").GetInt32();
        var url = $"/api/v1/structure-tests/{id}/participations";

        // An organizer of branch 1 who also views the whole union.
        var user = await app.CreateUserAsync("organizer", seed.Branch1, ct: Ct);
        await StructureTestSeed.GrantAsync(app, user.Id, "viewer", seed.Union);
        var organizer = app.Client(user.Token);
        object[] entries =
        [
            m["m1"].Number, m["m2"].Number, m["m2"].Number, m["m5"].Id,   // recorded: m1, m2, m5 (m5 by id); m2 twice
            m["m6"].Number,                                             // branch 2: seen, but not the organizer's to record
            m["m8"].Number,                                             // lapsed
            "NO-SUCH-NUMBER", "A-0001",                                 // unknown; Union A's member, out of sight: also unknown
        ];
        var first = await organizer.SendJsonAsync(HttpMethod.Post, url, new { members = entries }, Ct);
        var body = await first.ReadAsync(Ct);
        Assert.True(first.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal((3, 1, 4), (body.GetProperty("recorded").GetInt32(), body.GetProperty("alreadyRecorded").GetInt32(), body.GetProperty("rejected").GetInt32()));
        var reasons = body.GetProperty("rejections").EnumerateArray().Select(r => (r.GetProperty("entry").GetString(), r.GetProperty("reason").GetString())).ToList();
        Assert.Equal([(m["m6"].Number, "outside-grants"), (m["m8"].Number, "not-active"), ("NO-SUCH-NUMBER", "unknown"), ("A-0001", "unknown")], reasons);

        // The same list again records nothing new: idempotent.
        var again = await (await organizer.SendJsonAsync(HttpMethod.Post, url, new { members = entries }, Ct)).ReadAsync(Ct);
        Assert.Equal((0, 4, 4), (again.GetProperty("recorded").GetInt32(), again.GetProperty("alreadyRecorded").GetInt32(), again.GetProperty("rejected").GetInt32()));

        // A federation-wide organizer sees Union A's member: it is outside the test's unit.
        var everywhere = await app.ClientAsAsync("organizer", null, Ct);
        var outside = await (await everywhere.SendJsonAsync(HttpMethod.Post, url, new { members = new[] { "A-0001" } }, Ct)).ReadAsync(Ct);
        Assert.Equal("outside-unit", outside.GetProperty("rejections")[0].GetProperty("reason").GetString());

        var rows = await app.InScopeAsync((_, db) => db.Participations.Where(p => p.StructureTestId == id).OrderBy(p => p.MemberId)
            .Select(p => new { p.MemberId, p.ParticipatedOn, p.RecordedBy, p.RecordedAt }).ToListAsync(Ct));
        Assert.Equal([m["m1"].Id, m["m2"].Id, m["m5"].Id], rows.Select(r => r.MemberId));
        Assert.All(rows, r => Assert.Equal(Today(app), r.ParticipatedOn));
        Assert.All(rows, r => Assert.Equal(user.Email, r.RecordedBy));
        Assert.All(rows, r => Assert.True(Math.Abs((DateTimeOffset.UtcNow - r.RecordedAt).TotalDays) < 1, $"recorded at {r.RecordedAt}"));
        // One audit entry for the bulk call that wrote rows; the repeat and the all-rejected call wrote none.
        var audit = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "StructureTest" && a.EntityId == id.ToString() && a.Action.StartsWith("participation"))
            .Select(a => new { a.Action, a.UserName, a.Changes, a.ScopePath }).ToListAsync(Ct));
        var entry = Assert.Single(audit);
        Assert.Equal(("participation-bulk", user.Email), (entry.Action, entry.UserName));
        Assert.Contains($"[{m["m1"].Id},{m["m2"].Id},{m["m5"].Id}]", entry.Changes);

        // The participation list, paged.
        var list = await organizer.GetJsonAsync($"{url}?sort=membershipNumber&pageSize=2", Ct);
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Equal([m["m1"].Number, m["m2"].Number], list.GetProperty("items").Strings("membershipNumber"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_long_paste_is_recorded_whole_across_the_chunks(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "H"));
        // 1,234 more members at W1: more than one lookup chunk (1,000) and several insert chunks (500).
        var numbers = await app.InScopeAsync(async (sp, db) =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var branch = await db.OrgUnits.Where(u => u.Code == seed.Branch1).Select(u => u.Id).SingleAsync(Ct);
            var workplace = await db.OrgUnits.Where(u => u.Code == seed.Workplace1).Select(u => u.Id).SingleAsync(Ct);
            var many = Enumerable.Range(1, 1234).Select(i =>
            {
                var m = new Rally.Features.Members.Member
                {
                    MembershipNumber = $"{seed.Union}-L{i:D5}", FirstName = "Many", LastName = $"Member{i:D5}", OrgUnitId = branch, WorkplaceId = workplace,
                    CategoryId = app.Org.Categories["industrial"], Status = Rally.Features.Members.MemberRules.Active, StatusSince = new DateOnly(1919, 3, 1), CreatedAt = now, UpdatedAt = now,
                };
                Rally.Features.Members.MemberRules.SetKeys(m);
                return m;
            }).ToList();
            db.Members.AddRange(many);
            await db.SaveChangesAsync(Ct);
            return many.Select(m => m.MembershipNumber).ToList();
        }, "test:seed");
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var id = (await CreateTest(officer, app, seed.Union, target: 0.9m)).GetProperty("id").GetInt32();
        var unknown = Enumerable.Range(1, 70).Select(i => $"NOPE-{i}");
        var result = await (await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/structure-tests/{id}/participations", new { members = numbers.Concat(unknown) }, Ct)).ReadAsync(Ct);
        Assert.Equal((1234, 0, 70), (result.GetProperty("recorded").GetInt32(), result.GetProperty("alreadyRecorded").GetInt32(), result.GetProperty("rejected").GetInt32()));

        // W1 now has the 4 seeded members (none took part) and the 1,234: 1234/1238 = 0.99677… → 0.9968, met (1234 ≥ 0.9 × 1238 = 1114.2).
        var w1 = (await officer.GetJsonAsync($"/api/v1/structure-tests/{id}/results", Ct)).GetProperty("byWorkplace")[0];
        Assert.Equal((seed.Workplace1, 1238, 1234, 0.9968m, true), (w1.GetProperty("workplace").GetString(), w1.GetProperty("members").GetInt32(),
            w1.GetProperty("participants").GetInt32(), w1.GetProperty("share").GetDecimal(), w1.GetProperty("targetMet").GetBoolean()));
        var audit = await app.InScopeAsync((_, db) => db.AuditEntries.CountAsync(a => a.EntityType == "StructureTest" && a.EntityId == id.ToString() && a.Action == "participation-bulk", Ct));
        Assert.Equal(1, audit);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task One_member_at_a_time_and_corrections(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "D"));
        var m = seed.Members;
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var id = (await CreateTest(officer, app, seed.Union)).GetProperty("id").GetInt32();
        var url = $"/api/v1/structure-tests/{id}/participations";
        var on = Today(app).AddDays(-2);

        var first = await officer.SendJsonAsync(HttpMethod.Post, url, new { member = m["m6"].Number, participatedOn = on }, Ct);
        var body = await first.ReadAsync(Ct);
        Assert.True(first.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal((m["m6"].Id, on.ToString("yyyy-MM-dd")), (body.GetProperty("memberId").GetInt32(), body.GetProperty("participatedOn").GetString()));
        Assert.Equal($"{seed.Union}-W2", body.GetProperty("workplace").GetString());
        Assert.Equal(HttpStatusCode.OK, (await officer.SendJsonAsync(HttpMethod.Post, url, new { member = m["m6"].Id }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.SendJsonAsync(HttpMethod.Post, url, new { member = m["m9"].Id }, Ct)).StatusCode);

        // Each single record is one audit entry, filed under the test.
        var actions = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "StructureTest" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["create", "participation", "participation"], actions.Order());

        // A viewer of the union may read but not record or correct.
        var viewer = await app.ClientAsAsync("viewer", seed.Union, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendJsonAsync(HttpMethod.Post, url, new { member = m["m1"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Delete(viewer, $"{url}/{m["m6"].Id}")).StatusCode);
        // An organizer of branch 1 who views the union: m6 is in branch 2.
        var user = await app.CreateUserAsync("organizer", seed.Branch1, ct: Ct);
        await StructureTestSeed.GrantAsync(app, user.Id, "viewer", seed.Union);
        var organizer = app.Client(user.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.SendJsonAsync(HttpMethod.Post, url, new { member = m["m7"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Delete(organizer, $"{url}/{m["m6"].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await organizer.SendJsonAsync(HttpMethod.Post, url, new { member = m["m1"].Number }, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Delete(officer, $"{url}/{m["m6"].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Delete(officer, $"{url}/{m["m6"].Id}")).StatusCode);
        var left = await officer.GetJsonAsync(url, Ct);
        Assert.Equal([m["m1"].Number, m["m9"].Number], left.GetProperty("items").Strings("membershipNumber").Order());
        Assert.Contains("participation-delete", await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "StructureTest" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Results_by_workplace_and_unit_against_the_target(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "E"));
        var m = seed.Members;
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var id = (await CreateTest(officer, app, seed.Union, target: 0.6m)).GetProperty("id").GetInt32();
        var recorded = await (await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/structure-tests/{id}/participations",
            new { members = new[] { m["m1"].Number, m["m2"].Number, m["m5"].Number, m["m6"].Number, m["m9"].Number } }, Ct)).ReadAsync(Ct);
        Assert.Equal(5, recorded.GetProperty("recorded").GetInt32());

        var results = await officer.GetJsonAsync($"/api/v1/structure-tests/{id}/results", Ct);
        // Counted: the 8 active members (m8 is lapsed). Target 0.6.
        //   W1: m1–m4, took part m1 m2        → 2/4 = 0.5     not met (2 < 2.4)
        //   W2: m5 m6 m7, took part m5 m6     → 2/3 = 0.6667  met (2 ≥ 1.8)
        //   no workplace: m9, took part       → 1/1
        //   U: 5/8 = 0.625 met; U-1: m1–m5, 3/5 = 0.6 met (3 ≥ 3.0); U-2: m6 m7 m9, 2/3 met
        var totals = results.GetProperty("totals");
        Assert.Equal((8, 5, 0.625m, true, 2, 1), (totals.GetProperty("members").GetInt32(), totals.GetProperty("participants").GetInt32(),
            totals.GetProperty("share").GetDecimal(), totals.GetProperty("targetMet").GetBoolean(), totals.GetProperty("workplaces").GetInt32(), totals.GetProperty("workplacesMet").GetInt32()));
        Assert.Equal([($"{seed.Union}-W1", 4, 2, 0.5m, false), ($"{seed.Union}-W2", 3, 2, 0.6667m, true), (null, 1, 1, 1m, true)], Rows(results.GetProperty("byWorkplace"), "workplace"));
        Assert.Equal([(seed.Union, 8, 5, 0.625m, true), (seed.Branch1, 5, 3, 0.6m, true), (seed.Branch2, 3, 2, 0.6667m, true)], Rows(results.GetProperty("byUnit"), "unit"));

        // A viewer of branch 1 sees only branch 1's members: W1 as before, W2 only m5 (who took part).
        var viewer = await app.ClientAsAsync("viewer", seed.Branch1, Ct);
        var theirs = await viewer.GetJsonAsync($"/api/v1/structure-tests/{id}/results", Ct);
        Assert.Equal([($"{seed.Union}-W1", 4, 2, 0.5m, false), ($"{seed.Union}-W2", 1, 1, 1m, true)], Rows(theirs.GetProperty("byWorkplace"), "workplace"));
        Assert.Equal(5, theirs.GetProperty("totals").GetProperty("members").GetInt32());
        Assert.Equal(3, (await viewer.GetJsonAsync($"/api/v1/structure-tests/{id}/participations", Ct)).GetProperty("total").GetInt32()); // m1 m2 m5
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Coverage_lists_members_no_organiser_covers_in_a_live_campaign(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "F"));
        var m = seed.Members;
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var organiser = await app.CreateUserAsync("organizer", seed.Union, ct: Ct);
        var id = (await CreateTest(officer, app, seed.Union)).GetProperty("id").GetInt32();
        var today = Today(app);
        // Live campaign: m1 covered, m2 in turf without an organiser. Archived: m3. Past its deadline: m4. Due today: m5 (still live).
        await StructureTestSeed.AddCampaignAsync(app, seed.Union, today.AddDays(30), archived: false, new Dictionary<int, string?> { [m["m1"].Id] = organiser.Id, [m["m2"].Id] = null });
        await StructureTestSeed.AddCampaignAsync(app, seed.Union, today.AddDays(30), archived: true, new Dictionary<int, string?> { [m["m3"].Id] = organiser.Id });
        await StructureTestSeed.AddCampaignAsync(app, seed.Union, today.AddDays(-1), archived: false, new Dictionary<int, string?> { [m["m4"].Id] = organiser.Id });
        await StructureTestSeed.AddCampaignAsync(app, seed.Union, today, archived: false, new Dictionary<int, string?> { [m["m5"].Id] = organiser.Id });

        var coverage = await officer.GetJsonAsync($"/api/v1/structure-tests/{id}/coverage?pageSize=4", Ct);
        // Uncovered active members: m2 m3 m4 (W1), m6 m7 (W2), m9 (none); m8 is lapsed.
        Assert.Equal(6, coverage.GetProperty("total").GetInt32());
        Assert.Equal([m["m2"].Number, m["m3"].Number, m["m4"].Number, m["m6"].Number], coverage.GetProperty("items").Strings("membershipNumber"));
        var byWorkplace = coverage.GetProperty("byWorkplace").EnumerateArray().Select(w => (w.GetProperty("workplace").GetString(), w.GetProperty("count").GetInt32())).ToList();
        Assert.Equal([($"{seed.Union}-W1", 3), ($"{seed.Union}-W2", 2), (null, 1)], byWorkplace);
        var page2 = await officer.GetJsonAsync($"/api/v1/structure-tests/{id}/coverage?pageSize=4&page=2", Ct);
        Assert.Equal([m["m7"].Number, m["m9"].Number], page2.GetProperty("items").Strings("membershipNumber"));

        var viewer = await app.ClientAsAsync("viewer", seed.Branch2, Ct);
        Assert.Equal(3, (await viewer.GetJsonAsync($"/api/v1/structure-tests/{id}/coverage", Ct)).GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Callers_without_the_right_grant_are_refused(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "G"));
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var id = (await CreateTest(officer, app, seed.Union)).GetProperty("id").GetInt32();
        var today = Today(app);
        var body = new { name = "x", kind = "petition", orgUnit = seed.Union, targetShare = 0.5, startsOn = today, deadline = today };

        // Union B's officer does not see the test at all.
        var stranger = await app.ClientAsAsync("officer", OrgTree.UnionB, Ct);
        foreach (var url in new[] { "", "/participations", "/results", "/coverage" })
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/structure-tests/{id}{url}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendJsonAsync(HttpMethod.Put, $"/api/v1/structure-tests/{id}", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Delete(stranger, $"/api/v1/structure-tests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendJsonAsync(HttpMethod.Post, $"/api/v1/structure-tests/{id}/participations", new { member = seed.Members["m1"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Delete(stranger, $"/api/v1/structure-tests/{id}/participations/{seed.Members["m1"].Id}")).StatusCode);
        Assert.Equal(0, (await stranger.GetJsonAsync("/api/v1/structure-tests?includeArchived=true", Ct)).GetProperty("items").EnumerateArray().Count(t => t.GetProperty("id").GetInt32() == id));

        // An organizer of a branch sees the union's test (to record in it) but may not change it; nor may a viewer create one.
        var organizer = await app.ClientAsAsync("organizer", seed.Branch1, Ct);
        Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync($"/api/v1/structure-tests/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.SendJsonAsync(HttpMethod.Put, $"/api/v1/structure-tests/{id}", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Delete(organizer, $"/api/v1/structure-tests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.SendJsonAsync(HttpMethod.Post, "/api/v1/structure-tests", new { body.name, body.kind, orgUnit = seed.Branch1, body.targetShare, body.startsOn, body.deadline }, Ct)).StatusCode);
        var viewer = await app.ClientAsAsync("viewer", seed.Union, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendJsonAsync(HttpMethod.Post, "/api/v1/structure-tests", body, Ct)).StatusCode);
        // An officer of a branch cannot create a test for the whole union: it is above their sight, so unknown.
        var branchOfficer = await app.ClientAsAsync("officer", seed.Branch1, Ct);
        await Json.AssertFieldErrors(await branchOfficer.SendJsonAsync(HttpMethod.Post, "/api/v1/structure-tests", body, Ct), Ct, "orgUnit");
        // An organizer of Union B's branch does not see this union's test at all.
        var otherOrganizer = await app.ClientAsAsync("organizer", OrgTree.BranchB, Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOrganizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/structure-tests/{id}/participations", new { members = new[] { "B-0002" } }, Ct)).StatusCode);
        // Anonymous callers are 401.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/api/v1/structure-tests/{id}/results", Ct)).StatusCode);
    }

    static List<(string?, int, int, decimal, bool)> Rows(JsonElement rows, string key) =>
        rows.EnumerateArray().Select(r => (r.GetProperty(key).GetString(), r.GetProperty("members").GetInt32(), r.GetProperty("participants").GetInt32(),
            r.GetProperty("share").GetDecimal(), r.GetProperty("targetMet").GetBoolean())).ToList();

    static Task<HttpResponseMessage> Delete(HttpClient client, string url, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, Ct);
    }
}
