using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rally.Features.Assessments;
using Rally.Features.Education;
using Rally.IntegrationTests.StructureTests;

namespace Rally.IntegrationTests.Education;

/// <summary>
/// Education over HTTP: programmes, sessions, enrolment, attendance with the completion rule,
/// distribution, the effect report, and who may do what. Each test seeds its own union
/// (<see cref="StructureTestSeed"/>: m1–m4 at U-1/W1, m5 at U-1/W2, m6 m7 at U-2/W2, m8 lapsed, m9).
/// </summary>
public class EducationApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static DateOnly Today(RallyApp app) => DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    static string Tag(string provider, string test) => "E" + provider[..2].ToUpperInvariant() + test;

    static async Task<int> CreateProgramme(HttpClient officer, string unit, DateOnly startsOn, decimal share = 0.75m, DateOnly? endsOn = null)
    {
        var response = await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/programmes",
            new { name = "Lectures on the economy", kind = "lecture-series", orgUnit = unit, completionShare = share, startsOn, endsOn }, Ct);
        var body = await response.ReadAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt32();
    }

    static async Task<int> AddSession(HttpClient officer, int programme, DateOnly heldOn, string topic = "Topic")
    {
        var response = await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/programmes/{programme}/sessions", new { heldOn, topic, place = "Club room" }, Ct);
        var body = await response.ReadAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt32();
    }

    static async Task<Dictionary<int, DateOnly?>> Completions(HttpClient client, int programme)
    {
        var list = await client.GetJsonAsync($"/api/v1/programmes/{programme}/enrolments?pageSize=100", Ct);
        return list.GetProperty("items").EnumerateArray().ToDictionary(e => e.GetProperty("memberId").GetInt32(),
            e => e.GetProperty("completedOn").ValueKind == JsonValueKind.Null ? (DateOnly?)null : DateOnly.Parse(e.GetProperty("completedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_programme_is_created_read_updated_and_archived_by_an_officer_of_its_unit(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "A"));
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var today = Today(app);
        var id = await CreateProgramme(officer, seed.Union, today.AddDays(-10));

        var get = await officer.GetAsync($"/api/v1/programmes/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"0\"", get.Headers.ETag?.Tag);
        var read = await get.ReadAsync(Ct);
        Assert.Equal(("lecture-series", 0.75m, seed.Union), (read.GetProperty("kind").GetString(), read.GetProperty("completionShare").GetDecimal(), read.GetProperty("orgUnit").GetString()));

        var change = new { name = "Reading circle on Bogdanov", kind = "reading-circle", orgUnit = seed.Branch1, completionShare = 0.5, startsOn = today.AddDays(-10), endsOn = today.AddDays(60) };
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/programmes/{id}", change, Ct, ifMatch: "\"5\"")).StatusCode);
        var updated = await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/programmes/{id}", change, Ct, ifMatch: "\"0\"");
        var body = await updated.ReadAsync(Ct);
        Assert.True(updated.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(("reading-circle", seed.Branch1, 1), (body.GetProperty("kind").GetString(), body.GetProperty("orgUnit").GetString(), body.GetProperty("version").GetInt32()));

        var listed = await officer.GetJsonAsync($"/api/v1/programmes?orgUnit={seed.Union}", Ct);
        Assert.Equal([id], listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));

        Assert.Equal(HttpStatusCode.NoContent, (await officer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/programmes/{id}") { Headers = { IfMatch = { new("\"1\"") } } }, Ct)).StatusCode);
        Assert.Equal(0, (await officer.GetJsonAsync($"/api/v1/programmes?orgUnit={seed.Union}", Ct)).GetProperty("total").GetInt32());
        Assert.Equal(1, (await officer.GetJsonAsync($"/api/v1/programmes?orgUnit={seed.Union}&includeArchived=true", Ct)).GetProperty("total").GetInt32());
        // An archived programme takes no more sessions.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/programmes/{id}/sessions", new { heldOn = today, topic = "x" }, Ct)).StatusCode);

        var audit = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Programme" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["archive", "create", "update"], audit.Order());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Attendance_enrols_and_completion_follows_the_share_of_all_sessions(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "C"));
        var m = seed.Members;
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var today = Today(app);
        var id = await CreateProgramme(officer, seed.Union, today.AddDays(-30));
        var d1 = today.AddDays(-21); var d2 = today.AddDays(-14); var d3 = today.AddDays(-7); var d4 = today;
        var s1 = await AddSession(officer, id, d1);
        var s2 = await AddSession(officer, id, d2);
        var s3 = await AddSession(officer, id, d3);
        var s4 = await AddSession(officer, id, d4);

        // An organizer of branch 1 who also views the union. 4 sessions at 0.75: three needed.
        var user = await app.CreateUserAsync("organizer", seed.Branch1, ct: Ct);
        await StructureTestSeed.GrantAsync(app, user.Id, "viewer", seed.Union);
        var organizer = app.Client(user.Token);
        object[] entries = [m["m1"].Number, m["m2"].Number, m["m3"].Id, m["m6"].Number, m["m8"].Number, "NO-SUCH", "A-0001"];
        var first = await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s1}/attendance", new { members = entries }, Ct);
        var body = await first.ReadAsync(Ct);
        Assert.True(first.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal((3, 0, 3, 4), (body.GetProperty("recorded").GetInt32(), body.GetProperty("alreadyRecorded").GetInt32(), body.GetProperty("newlyEnrolled").GetInt32(), body.GetProperty("rejected").GetInt32()));
        Assert.Equal([(m["m6"].Number, "outside-grants"), (m["m8"].Number, "not-active"), ("NO-SUCH", "unknown"), ("A-0001", "unknown")],
            body.GetProperty("rejections").EnumerateArray().Select(r => (r.GetProperty("entry").GetString(), r.GetProperty("reason").GetString())).ToList());
        // Idempotent.
        var again = await (await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s1}/attendance", new { members = new[] { m["m1"].Number } }, Ct)).ReadAsync(Ct);
        Assert.Equal((0, 1), (again.GetProperty("recorded").GetInt32(), again.GetProperty("alreadyRecorded").GetInt32()));

        // One at a time: m1 at s2 and s3 (third session: complete on d3); m2 at s2 and s4 (complete on d4); m3 only at s1.
        Assert.Equal(HttpStatusCode.Created, (await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s2}/attendance", new { member = m["m1"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s2}/attendance", new { member = m["m1"].Number }, Ct)).StatusCode);
        var third = await (await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s3}/attendance", new { member = m["m1"].Id }, Ct)).ReadAsync(Ct);
        Assert.Equal(d3.ToString("yyyy-MM-dd"), third.GetProperty("completedOn").GetString());
        await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s2}/attendance", new { members = new[] { m["m2"].Number } }, Ct);
        await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s4}/attendance", new { members = new[] { m["m2"].Number } }, Ct);
        Assert.Equal(new Dictionary<int, DateOnly?> { [m["m1"].Id] = d3, [m["m2"].Id] = d4, [m["m3"].Id] = null }, await Completions(officer, id));

        // The function other slices call.
        var done = await app.InScopeAsync((_, db) => Rally.Features.Education.Completions.CompletedAsync(db, [m["m1"].Id, m["m2"].Id, m["m3"].Id], Ct));
        Assert.Equal(new Dictionary<int, DateOnly> { [id] = d3 }, done[m["m1"].Id]);
        Assert.False(done.ContainsKey(m["m3"].Id));
        Assert.Equal(new Dictionary<int, DateOnly> { [id] = d4 }, await app.InScopeAsync((_, db) => Rally.Features.Education.Completions.CompletedAsync(db, m["m2"].Id, Ct)));

        // A fifth session planned: four needed of five; nobody has four. Attendance for it is refused until it is held.
        var s5 = await AddSession(officer, id, today.AddDays(7));
        Assert.Equal(new Dictionary<int, DateOnly?> { [m["m1"].Id] = null, [m["m2"].Id] = null, [m["m3"].Id] = null }, await Completions(officer, id));
        Assert.Equal(HttpStatusCode.Conflict, (await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s5}/attendance", new { member = m["m1"].Number }, Ct)).StatusCode);
        var s5Etag = (await officer.GetJsonAsync($"/api/v1/programmes/{id}/sessions", Ct)).EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == s5).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await officer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/sessions/{s5}") { Headers = { IfMatch = { new($"\"{s5Etag}\"") } } }, Ct)).StatusCode);
        Assert.Equal(d3, (await Completions(officer, id))[m["m1"].Id]);

        // Taking back m1's attendance at s3 takes back the completion; the enrolment stays.
        Assert.Equal(HttpStatusCode.NoContent, (await organizer.DeleteAsync($"/api/v1/sessions/{s3}/attendance/{m["m1"].Id}", Ct)).StatusCode);
        Assert.Equal(new Dictionary<int, DateOnly?> { [m["m1"].Id] = null, [m["m2"].Id] = d4, [m["m3"].Id] = null }, await Completions(officer, id));

        // Moving s4 earlier than s2 changes m2's date: m2 attended s1, s2, s4; the third in date order is now s2 (d2).
        var s4Version = (await officer.GetJsonAsync($"/api/v1/programmes/{id}/sessions", Ct)).EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == s4).GetProperty("version").GetInt32();
        var moved = await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/sessions/{s4}", new { heldOn = d1.AddDays(1), topic = "Moved" }, Ct, ifMatch: $"\"{s4Version}\"");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(d2, (await Completions(officer, id))[m["m2"].Id]);

        var attended = await officer.GetJsonAsync($"/api/v1/sessions/{s1}/attendance", Ct);
        Assert.Equal(3, attended.GetProperty("total").GetInt32());
        var audit = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == m["m1"].Id.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Contains("attendance", audit);
        Assert.Contains("enrolment", audit);
        Assert.Contains("enrolment-completion", audit);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Enrolment_is_idempotent_and_reports_rejections(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "N"));
        var m = seed.Members;
        var officer = await app.ClientAsAsync("officer", seed.Branch1, Ct);
        var unionOfficer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var id = await CreateProgramme(unionOfficer, seed.Union, Today(app).AddDays(-3));
        var url = $"/api/v1/programmes/{id}/enrolments";
        object[] entries = [m["m1"].Number, m["m1"].Number, m["m5"].Id, m["m6"].Number, m["m8"].Number, "A-0001"];
        var body = await (await officer.SendJsonAsync(HttpMethod.Post, url, new { members = entries }, Ct)).ReadAsync(Ct);
        // m6 is in branch 2: the branch-1 officer does not see it at all.
        Assert.Equal((2, 1, 3), (body.GetProperty("enrolled").GetInt32(), body.GetProperty("alreadyEnrolled").GetInt32(), body.GetProperty("rejected").GetInt32()));
        Assert.Equal(["unknown", "unknown", "unknown"], body.GetProperty("rejections").Strings("reason"));
        var union = await (await unionOfficer.SendJsonAsync(HttpMethod.Post, url, new { members = new object[] { m["m1"].Number, m["m6"].Number, m["m8"].Number } }, Ct)).ReadAsync(Ct);
        Assert.Equal((1, 1, 1), (union.GetProperty("enrolled").GetInt32(), union.GetProperty("alreadyEnrolled").GetInt32(), union.GetProperty("rejected").GetInt32()));
        Assert.Equal("not-active", union.GetProperty("rejections")[0].GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.Created, (await unionOfficer.SendJsonAsync(HttpMethod.Post, url, new { member = m["m7"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unionOfficer.SendJsonAsync(HttpMethod.Post, url, new { member = m["m7"].Number }, Ct)).StatusCode);
        // Branch officer's list shows only branch 1's enrolled members.
        Assert.Equal(2, (await officer.GetJsonAsync(url, Ct)).GetProperty("total").GetInt32());
        Assert.Equal(4, (await unionOfficer.GetJsonAsync(url, Ct)).GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_education_endpoint_refuses_the_wrong_caller(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "W"));
        var m = seed.Members;
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var today = Today(app);
        var id = await CreateProgramme(officer, seed.Union, today.AddDays(-10));
        var session = await AddSession(officer, id, today.AddDays(-1));
        var distribution = await (await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/distributions", new { title = "Pravda", workplace = seed.Workplace1, distributedOn = today, copies = 10 }, Ct)).ReadAsync(Ct);
        var distributionId = distribution.GetProperty("id").GetInt64();

        var viewer = await app.ClientAsAsync("viewer", seed.Union, Ct);
        var organizer = await app.ClientAsAsync("organizer", seed.Union, Ct);
        var stranger = await app.ClientAsAsync("officer", OrgTree.UnionB, Ct); // another union's officer
        var branch2Organizer = await app.ClientAsAsync("organizer", seed.Branch2, Ct);
        var anonymous = app.Client();
        var program = new { name = "x", kind = "lecture-series", orgUnit = seed.Union, startsOn = today };

        // Not signed in: 401 everywhere.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/programmes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/education/effect?programme={id}", Ct)).StatusCode);

        // Programmes: a viewer and an organizer may read but not write; another union's officer does not see it.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendJsonAsync(HttpMethod.Post, "/api/v1/programmes", program, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.SendJsonAsync(HttpMethod.Put, $"/api/v1/programmes/{id}", program, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.DeleteAsync($"/api/v1/programmes/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/programmes/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendJsonAsync(HttpMethod.Put, $"/api/v1/programmes/{id}", program, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/programmes/{id}", Ct)).StatusCode);
        Assert.Equal(0, (await stranger.GetJsonAsync($"/api/v1/programmes", Ct)).GetProperty("items").EnumerateArray().Count(p => p.GetProperty("id").GetInt32() == id));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/programmes/{id}", Ct)).StatusCode);
        // A stranger cannot place a programme on a unit out of sight: named as unknown.
        await Json.AssertFieldErrors(await stranger.SendJsonAsync(HttpMethod.Post, "/api/v1/programmes", program, Ct), Ct, "orgUnit");

        // Sessions: officer only.
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/programmes/{id}/sessions", new { heldOn = today, topic = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.SendJsonAsync(HttpMethod.Put, $"/api/v1/sessions/{session}", new { heldOn = today, topic = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.DeleteAsync($"/api/v1/sessions/{session}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/programmes/{id}/sessions", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendJsonAsync(HttpMethod.Post, $"/api/v1/programmes/{id}/sessions", new { heldOn = today, topic = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendJsonAsync(HttpMethod.Put, $"/api/v1/sessions/{session}", new { heldOn = today, topic = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/sessions/{session}", Ct)).StatusCode);

        // Enrolment: officer on the member. An organizer is refused; a stranger does not see the programme.
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/programmes/{id}/enrolments", new { member = m["m1"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendJsonAsync(HttpMethod.Post, $"/api/v1/programmes/{id}/enrolments", new { member = m["m1"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/programmes/{id}/enrolments", Ct)).StatusCode);

        // Attendance: organizer on the member. A viewer is refused; a member out of the caller's sight is 404; a stranger does not see the session.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{session}/attendance", new { member = m["m1"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await branch2Organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{session}/attendance", new { member = m["m1"].Number }, Ct)).StatusCode);
        var bulk = await (await branch2Organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{session}/attendance", new { members = new[] { m["m1"].Number } }, Ct)).ReadAsync(Ct);
        Assert.Equal("unknown", bulk.GetProperty("rejections")[0].GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{session}/attendance", new { member = m["m1"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/sessions/{session}/attendance", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await organizer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{session}/attendance", new { member = m["m1"].Number }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/v1/sessions/{session}/attendance/{m["m1"].Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await branch2Organizer.DeleteAsync($"/api/v1/sessions/{session}/attendance/{m["m1"].Id}", Ct)).StatusCode);

        // Distribution: organizer on the workplace.
        var paper = new { title = "Pravda", workplace = seed.Workplace1, distributedOn = today, copies = 5 };
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendJsonAsync(HttpMethod.Post, "/api/v1/distributions", paper, Ct)).StatusCode);
        // Branch 2's organizer does not see branch 1's workplace: named as unknown.
        await Json.AssertFieldErrors(await branch2Organizer.SendJsonAsync(HttpMethod.Post, "/api/v1/distributions", paper, Ct), Ct, "workplace");
        await Json.AssertFieldErrors(await stranger.SendJsonAsync(HttpMethod.Post, "/api/v1/distributions", paper, Ct), Ct, "workplace");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/v1/distributions/{distributionId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/distributions/{distributionId}", Ct)).StatusCode);
        Assert.Equal(0, (await stranger.GetJsonAsync("/api/v1/distributions", Ct)).GetProperty("items").EnumerateArray().Count(d => d.GetProperty("id").GetInt64() == distributionId));
        Assert.DoesNotContain(seed.Workplace1, (await stranger.GetJsonAsync("/api/v1/distributions/by-workplace", Ct)).GetProperty("byWorkplace").Strings("workplace"));

        // The effect report: not for a programme out of sight.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/education/effect?programme={id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/education/effect?programme={id}", Ct)).StatusCode);

        // Programme kinds: read by anyone signed in, written by federation-wide administrators only.
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/programme-kinds", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/programme-kinds", new { code = "study-trip", name = "Study trip", sortOrder = 50 }, Ct)).StatusCode);
        var admin = await app.ClientAsAsync("administrator", null, Ct);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/programme-kinds", new { code = $"trip-{provider}", name = "Study trip", sortOrder = 50 }, Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_input_is_answered_400_naming_the_field(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "B"));
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var today = Today(app);
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/programmes",
            new { name = "", kind = "lecture", orgUnit = "NOWHERE", completionShare = 1.5 }, Ct), Ct, "name", "kind", "orgUnit", "completionShare", "startsOn");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/programmes",
            new { name = "x", kind = "lecture-series", orgUnit = seed.Union, completionShare = -0.1, startsOn = "1919-03-10", endsOn = "1919-03-01" }, Ct), Ct, "completionShare", "endsOn");
        await Json.AssertFieldErrors(await officer.SendRawAsync(HttpMethod.Post, "/api/v1/programmes",
            """{"name":"x","kind":"lecture-series","orgUnit":"U","startsOn":"1919-02-30"}""", Ct), Ct, "startsOn");

        var id = await CreateProgramme(officer, seed.Union, today.AddDays(-10), endsOn: today.AddDays(10));
        var sessions = $"/api/v1/programmes/{id}/sessions";
        await Json.AssertFieldErrors(await officer.SendRawAsync(HttpMethod.Post, sessions, """{"heldOn":"1919-13-45","topic":"x"}""", Ct), Ct, "heldOn");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, sessions, new { heldOn = today.AddDays(-11), topic = "" }, Ct), Ct, "heldOn", "topic");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, sessions, new { heldOn = today.AddDays(11), topic = "x" }, Ct), Ct, "heldOn");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, sessions, new { topic = "x" }, Ct), Ct, "heldOn");
        var session = await AddSession(officer, id, today);
        // A session outside the new dates blocks the change.
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/programmes/{id}",
            new { name = "x", kind = "lecture-series", orgUnit = seed.Union, startsOn = today.AddDays(1) }, Ct, ifMatch: "\"0\""), Ct, "startsOn");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/programmes/{id}",
            new { name = "x", kind = "lecture-series", orgUnit = seed.Union, startsOn = today.AddDays(-10), completionShare = 2 }, Ct), Ct, "completionShare");

        var enrol = $"/api/v1/programmes/{id}/enrolments";
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, enrol, new { enrolledOn = today }, Ct), Ct, "member");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, enrol, new { member = seed.Members["m1"].Number, enrolledOn = today.AddDays(1) }, Ct), Ct, "enrolledOn");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, enrol, new { members = Array.Empty<string>() }, Ct), Ct, "members");
        await Json.AssertFieldErrors(await officer.SendRawAsync(HttpMethod.Post, enrol, """{"members":[true]}""", Ct), Ct, "members");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, enrol, new { member = seed.Members["m8"].Number }, Ct), Ct, "member"); // lapsed
        await Json.AssertFieldErrors(await officer.GetAsync($"{enrol}?sort=height&pageSize=0", Ct), Ct, "sort", "pageSize");

        var attendance = $"/api/v1/sessions/{session}/attendance";
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, attendance, new { }, Ct), Ct, "member");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, attendance, new { members = new object[] { } }, Ct), Ct, "members");
        // A member of another union, seen by a federation-wide officer, is outside the programme's unit.
        var everywhere = await app.ClientAsAsync("officer", null, Ct);
        await Json.AssertFieldErrors(await everywhere.SendJsonAsync(HttpMethod.Post, attendance, new { member = "A-0001" }, Ct), Ct, "member");

        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/distributions",
            new { title = "", workplace = "NOWHERE", distributedOn = today.AddDays(1), copies = 0 }, Ct), Ct, "title", "workplace", "distributedOn", "copies");
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/distributions",
            new { title = "x", workplace = seed.Workplace1, distributedOn = today, copies = 1, programme = 999999 }, Ct), Ct, "programme");
        await Json.AssertFieldErrors(await officer.GetAsync("/api/v1/distributions/by-workplace?from=1919-03-10&to=1919-03-01", Ct), Ct, "to");

        await Json.AssertFieldErrors(await officer.GetAsync("/api/v1/education/effect", Ct), Ct, "programme");
        await Json.AssertFieldErrors(await officer.GetAsync($"/api/v1/education/effect?programme={id}&attendees=everyone&scale=nope", Ct), Ct, "attendees", "scale");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Distribution_is_counted_by_workplace_over_a_period(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "D"));
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var today = Today(app);
        async Task Hand(string workplace, int days, int copies) =>
            Assert.Equal(HttpStatusCode.Created, (await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/distributions",
                new { title = "Trud", workplace, distributedOn = today.AddDays(-days), copies }, Ct)).StatusCode);
        await Hand(seed.Workplace1, 20, 30);
        await Hand(seed.Workplace1, 5, 10);
        await Hand(seed.Workplace2, 5, 7);
        await Hand(seed.Workplace2, 40, 100);

        // The last 30 days: W1 40 copies in 2 hand-outs over 4 active members (10 each); W2 7 in 1 over 3 active members (m5, m6, m7; m8 lapsed): 2.33.
        var from = today.AddDays(-30).ToString("yyyy-MM-dd");
        var summary = await officer.GetJsonAsync($"/api/v1/distributions/by-workplace?orgUnit={seed.Union}&from={from}", Ct);
        Assert.Equal((3, 47), (summary.GetProperty("distributions").GetInt32(), summary.GetProperty("copies").GetInt32()));
        var rows = summary.GetProperty("byWorkplace").EnumerateArray()
            .Select(w => (w.GetProperty("workplace").GetString(), w.GetProperty("distributions").GetInt32(), w.GetProperty("copies").GetInt32(), w.GetProperty("members").GetInt32(), w.GetProperty("copiesPerMember").GetDecimal())).ToList();
        Assert.Equal([(seed.Workplace1, 2, 40, 4, 10m), (seed.Workplace2, 1, 7, 3, 2.33m)], rows);
        // All time: W2 leads with 107.
        var all = await officer.GetJsonAsync($"/api/v1/distributions/by-workplace?orgUnit={seed.Union}", Ct);
        Assert.Equal(147, all.GetProperty("copies").GetInt32());
        Assert.Equal(seed.Workplace2, all.GetProperty("byWorkplace")[0].GetProperty("workplace").GetString());
        Assert.Equal(4, (await officer.GetJsonAsync($"/api/v1/distributions?orgUnit={seed.Union}", Ct)).GetProperty("total").GetInt32());
        Assert.Equal(2, (await officer.GetJsonAsync($"/api/v1/distributions?orgUnit={seed.Branch2}", Ct)).GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_effect_report_compares_attendees_with_comparable_members_and_counts_the_rest(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, Tag(provider, "F"));
        var m = seed.Members;
        var officer = await app.ClientAsAsync("officer", seed.Union, Ct);
        var today = Today(app);
        var start = today.AddDays(-30);
        var id = await CreateProgramme(officer, seed.Union, start, share: 0.5m);
        var s1 = await AddSession(officer, id, today.AddDays(-20));
        var s2 = await AddSession(officer, id, today.AddDays(-10));
        // Two sessions at 0.5: one is enough. m1 and m2 complete; m3 is enrolled but never attends.
        await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s1}/attendance", new { members = new[] { m["m1"].Number } }, Ct);
        await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/sessions/{s2}/attendance", new { members = new[] { m["m2"].Number } }, Ct);
        await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/programmes/{id}/enrolments", new { member = m["m3"].Number }, Ct);

        await app.InScopeAsync(async (sp, db) =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            void Assess(string who, int daysAgo, int level) => db.Assessments.Add(new Assessment
            {
                MemberId = m[who].Id, ScaleId = AssessmentScale.EngagementId, Level = level, AssessedAt = now.AddDays(-daysAgo), AssessedBy = "test", RecordedAt = now,
            });
            // Attendees: m1 4 → 3 → 2 (−2; the earlier "before" 5 is superseded by the later 4); m2 3 → 3 (0).
            Assess("m1", 90, 5); Assess("m1", 60, 4); Assess("m1", 15, 3); Assess("m1", 1, 2);
            Assess("m2", 45, 3); Assess("m2", 5, 3);
            // Comparable (branch 1, industrial, not enrolled): m4 3 → 4 (+1); m5 only after: counted apart.
            Assess("m4", 40, 3); Assess("m4", 2, 4);
            Assess("m5", 3, 2);
            // Enrolled non-attendee m3 and branch-2 members are not comparable: their changes must not count.
            Assess("m3", 40, 5); Assess("m3", 2, 1);
            Assess("m6", 40, 5); Assess("m6", 2, 1);
            await db.SaveChangesAsync(Ct);
            return 0;
        }, "test:seed");

        var report = await officer.GetJsonAsync($"/api/v1/education/effect?programme={id}", Ct);
        Assert.Equal("completed", report.GetProperty("attendees").GetString());
        var a = report.GetProperty("attendeeGroup");
        Assert.Equal((2, 2, 0, 1, 1, 0, -1m), (a.GetProperty("members").GetInt32(), a.GetProperty("withBoth").GetInt32(), a.GetProperty("withoutBoth").GetInt32(),
            a.GetProperty("improved").GetInt32(), a.GetProperty("same").GetInt32(), a.GetProperty("worse").GetInt32(), a.GetProperty("meanChange").GetDecimal()));
        var c = report.GetProperty("comparisonGroup");
        Assert.Equal((2, 1, 1, 0, 0, 1, 1m), (c.GetProperty("members").GetInt32(), c.GetProperty("withBoth").GetInt32(), c.GetProperty("withoutBoth").GetInt32(),
            c.GetProperty("improved").GetInt32(), c.GetProperty("same").GetInt32(), c.GetProperty("worse").GetInt32(), c.GetProperty("meanChange").GetDecimal()));
        Assert.Equal("Members who completed the programme: mean engagement level moved by \u22121 (n=2); comparable non-attendees: moved by +1 (n=1). " +
            "Level 1 is best, so a negative change is an improvement. This compares groups; it does not show the programme caused the difference.", report.GetProperty("sentence").GetString());
        Assert.Equal(start.ToString("yyyy-MM-dd"), report.GetProperty("from").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), report.GetProperty("to").GetString());
    }
}
