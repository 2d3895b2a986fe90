using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.Features.Logbook;

namespace Rally.IntegrationTests.Inspections;

/// <summary>Inspections over HTTP on both providers: the journey from plan to verified fix, the refusals, evidence, escalation, the calendar.</summary>
public class InspectionApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateOnly Today = PinnedClockFixture.Today;

    static string Tag(string provider, string test) => provider[..2].ToUpperInvariant() + test;

    internal static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.ReadAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    static Task<HttpResponseMessage> Post(HttpClient client, string url, object body) => client.SendJsonAsync(HttpMethod.Post, url, body, Ct);

    static Task<HttpResponseMessage> Upload(HttpClient client, int finding, byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return client.PostAsync($"/api/v1/findings/{finding}/attachments", form, Ct);
    }

    /// <summary>A target (a free-standing grain point answerable to the committee) and a planned inspection of it; returns (target, inspection).</summary>
    internal static async Task<(int Target, int Inspection)> PlanAsync(RallyApp app, InspectionSeed seed, HttpClient officer, string name, DateOnly on)
    {
        var target = await Ok(await Post(officer, "/api/v1/inspection-targets",
            new { name, kind = "grain-point", orgUnit = seed.Union, address = "Station yard, Vologda", responsibleBodyId = seed.Committee }), HttpStatusCode.Created);
        var inspection = await Ok(await Post(officer, "/api/v1/inspections",
            new { targetId = target.GetProperty("id").GetInt32(), controlGroupId = seed.Group, checklist = seed.Checklist.ToString(), plannedOn = on }), HttpStatusCode.Created);
        return (target.GetProperty("id").GetInt32(), inspection.GetProperty("inspection").GetProperty("id").GetInt32());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_inspection_runs_from_plan_to_a_fix_verified_by_a_different_group_member_with_every_step_in_the_logbook(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await InspectionSeed.SeedAsync(app, Tag(provider, "A"));
        var officer = app.Client((await seed.UserAsync(app, Roles.Officer)).Token);
        var g1 = app.Client((await seed.UserAsync(app, Roles.Organizer, "g1")).Token);
        var g2 = app.Client((await seed.UserAsync(app, Roles.Organizer, "g2")).Token);
        var outsider = app.Client((await seed.UserAsync(app, Roles.Organizer, "x")).Token);
        var (_, id) = await PlanAsync(app, seed, officer, "Vologda grain point A", Today);

        var answered = await Ok(await g1.SendJsonAsync(HttpMethod.Put, $"/api/v1/inspections/{id}/answers",
            new { answers = new object[] { new { itemId = seed.Items[0], answer = "no", note = "Sacks on the wet floor" }, new { itemId = seed.Items[1], answer = "yes" } } }, Ct));
        Assert.Equal("in-progress", answered.GetProperty("inspection").GetProperty("stage").GetString());
        Assert.Equal([false, true], answered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("passed").GetBoolean()));

        // The failed item gives the severity (critical: 3 days) and the target the responsible body.
        var recorded = await Ok(await Post(g1, "/api/v1/findings", new { inspectionId = id, itemId = seed.Items[0], description = "Grain stored on a wet floor" }), HttpStatusCode.Created);
        var finding = recorded.GetProperty("finding");
        var fid = finding.GetProperty("id").GetInt32();
        Assert.Equal(("critical", seed.Committee, "open", "1919-03-04"),
            (finding.GetProperty("severity").GetString(), finding.GetProperty("responsibleBodyId").GetInt32(), finding.GetProperty("state").GetString(), finding.GetProperty("deadline").GetString()));

        var photo = await Ok(await Upload(g1, fid, Png, "floor.png"), HttpStatusCode.Created);
        Assert.Equal(("image/png", Png.Length, Convert.ToHexStringLower(SHA256.HashData(Png))),
            (photo.GetProperty("contentType").GetString(), photo.GetProperty("size").GetInt32(), photo.GetProperty("sha256").GetString()));
        var download = await g2.GetAsync($"/api/v1/findings/{fid}/attachments/{photo.GetProperty("id").GetInt32()}", Ct);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync(Ct));

        await Ok(await Post(g1, $"/api/v1/inspections/{id}/complete", new { }));
        // A completed inspection takes no more answers or findings.
        Assert.Equal(HttpStatusCode.Conflict, (await Post(g1, "/api/v1/findings", new { inspectionId = id, description = "x", severity = "minor" })).StatusCode);

        // A step the workflow does not have: 409 naming both states.
        var skip = await Post(g2, $"/api/v1/findings/{fid}/transitions", new { to = "verified-fixed", note = "looks fine", reinspectedOn = Today });
        var problem = await Ok(skip, HttpStatusCode.Conflict);
        Assert.Contains("(open)", problem.GetProperty("detail").GetString());
        Assert.Contains("(verified-fixed)", problem.GetProperty("detail").GetString());

        await Ok(await Post(officer, $"/api/v1/findings/{fid}/transitions", new { to = "acknowledged" }));
        await Ok(await Post(officer, $"/api/v1/findings/{fid}/transitions", new { to = "in-progress" }));
        await Ok(await Post(g1, $"/api/v1/findings/{fid}/transitions", new { to = "reported-fixed", note = "Pallets laid" }));
        // The one who reported the fix may not verify it; nor may someone outside the group.
        await Ok(await Post(g1, $"/api/v1/findings/{fid}/transitions", new { to = "verified-fixed", note = "ok", reinspectedOn = Today }), HttpStatusCode.Forbidden);
        await Ok(await Post(outsider, $"/api/v1/findings/{fid}/transitions", new { to = "verified-fixed", note = "ok", reinspectedOn = Today }), HttpStatusCode.Forbidden);
        await Json.AssertFieldErrors(await Post(g2, $"/api/v1/findings/{fid}/transitions", new { to = "verified-fixed", note = "ok" }), Ct, "reinspectedOn");
        var verified = await Ok(await Post(g2, $"/api/v1/findings/{fid}/transitions", new { to = "verified-fixed", note = "Pallets in place, floor dry", reinspectedOn = Today }));
        Assert.Equal("verified-fixed", verified.GetProperty("finding").GetProperty("state").GetString());
        var history = verified.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()!).ToArray();
        Assert.Equal(["open", "acknowledged", "in-progress", "reported-fixed", "verified-fixed"], history);

        var (entries, intact) = await app.InScopeAsync(async (_, db) =>
            (await db.LogbookEntries.Where(e => e.SubjectType == "Finding" && e.SubjectId == fid).OrderBy(e => e.Sequence).Select(e => e.Payload).ToListAsync(Ct),
             (await Rally.Features.Logbook.Logbook.VerifyAsync(db, Ct)).Intact));
        Assert.Equal(5, entries.Count);
        Assert.Contains("\"to\":\"verified-fixed\"", entries[^1]);
        Assert.True(intact);
        var audited = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Finding" && a.EntityId == fid.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Contains("create", audited);
        Assert.Contains("attachment-create", audited);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Evidence_that_is_not_what_its_name_says_or_over_the_limit_is_refused_and_nothing_is_stored(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await InspectionSeed.SeedAsync(app, Tag(provider, "B"));
        var officer = app.Client((await seed.UserAsync(app, Roles.Officer)).Token);
        var (_, id) = await PlanAsync(app, seed, officer, "Vologda grain point B", Today);
        var fid = (await Ok(await Post(officer, "/api/v1/findings", new { inspectionId = id, description = "No scales", severity = "major" }), HttpStatusCode.Created))
            .GetProperty("finding").GetProperty("id").GetInt32();
        async Task<int> Stored() => await app.InScopeAsync(async (_, db) => await db.FindingAttachments.CountAsync(a => a.FindingId == fid, Ct) + await db.FindingAttachmentContents.CountAsync(c => c.Attachment.FindingId == fid, Ct));

        var renamed = await Upload(officer, fid, Png, "scales.jpg");
        await Json.AssertFieldErrors(renamed, Ct, "file");
        var script = await Upload(officer, fid, "<script>alert(1)</script>"u8.ToArray(), "scales.png");
        await Json.AssertFieldErrors(script, Ct, "file");
        var big = new byte[10 * 1024 * 1024 + 1];
        Png.CopyTo(big, 0);
        var tooBig = await Upload(officer, fid, big, "scales.png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("10 MB", (await tooBig.ReadAsync(Ct)).GetProperty("detail").GetString());
        Assert.Equal(0, await Stored());
        await Ok(await Upload(officer, fid, [.. "%PDF-1.4\n%%EOF"u8], "act.pdf"), HttpStatusCode.Created);
        Assert.Equal(2, await Stored());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Callers_without_the_role_or_outside_the_scope_are_refused(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await InspectionSeed.SeedAsync(app, Tag(provider, "C"));
        var officer = app.Client((await seed.UserAsync(app, Roles.Officer)).Token);
        var viewer = app.Client((await seed.UserAsync(app, Roles.Viewer)).Token);
        var stranger = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionB, Ct);
        var (target, id) = await PlanAsync(app, seed, officer, "Vologda fuel depot C", Today.AddDays(1));

        await Ok(await Post(viewer, "/api/v1/inspections", new { targetId = target, controlGroupId = seed.Group, checklist = seed.Checklist.ToString(), plannedOn = Today }), HttpStatusCode.Forbidden);
        await Ok(await viewer.SendJsonAsync(HttpMethod.Put, $"/api/v1/inspections/{id}/answers", new { answers = new[] { new { itemId = seed.Items[0], answer = "yes" } } }, Ct), HttpStatusCode.Forbidden);
        await Ok(await Post(viewer, "/api/v1/findings", new { inspectionId = id, description = "x", severity = "minor" }), HttpStatusCode.Forbidden);
        await Ok(await Post(viewer, "/api/v1/inspection-targets", new { name = "x", orgUnit = seed.Union, address = "y" }), HttpStatusCode.Forbidden);
        // Outside the caller's grants the inspection does not exist.
        await Ok(await stranger.GetAsync($"/api/v1/inspections/{id}", Ct), HttpStatusCode.NotFound);
        await Ok(await Post(stranger, $"/api/v1/inspections/{id}/start", new { }), HttpStatusCode.NotFound);
        Assert.Equal(0, (await Ok(await stranger.GetAsync("/api/v1/inspections?stage=planned", Ct))).EnumerateObject().First(p => p.Name == "items").Value.EnumerateArray().Count(i => i.GetProperty("id").GetInt32() == id));
        // Data lists are edited by federation-wide administrators only.
        await Ok(await Post(officer, "/api/v1/severities", new { code = "grave", name = "Grave", deadlineDays = 1 }), HttpStatusCode.Forbidden);
        await Ok(await Post(officer, "/api/v1/checklists", new { code = "x", name = "x", items = new[] { new { text = "x", expectedAnswer = "yes", defaultSeverity = "minor" } } }), HttpStatusCode.Forbidden);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var severity = await Ok(await Post(admin, "/api/v1/severities", new { code = $"grave-{Tag(provider, "c").ToLowerInvariant()}", name = "Grave", deadlineDays = 1, sortOrder = 5 }), HttpStatusCode.Created);
        Assert.Equal(1, severity.GetProperty("deadlineDays").GetInt32());
        await Json.AssertFieldErrors(await Post(admin, "/api/v1/severities", new { code = "Bad Code", name = "", deadlineDays = 0 }), Ct, "code", "name", "deadlineDays");
        await Json.AssertFieldErrors(await Post(admin, "/api/v1/checklists", new { code = "", name = "x", items = new[] { new { text = "", expectedAnswer = "maybe", defaultSeverity = "nope" } } }),
            Ct, "code", "items[0].text", "items[0].expectedAnswer", "items[0].defaultSeverity");
        // Planning with a body that is not a control group, a missing checklist or date.
        await Json.AssertFieldErrors(await Post(officer, "/api/v1/inspections", new { targetId = target, controlGroupId = seed.Committee, checklist = "nope" }), Ct, "controlGroupId", "checklist", "plannedOn");
        // Stages move forward only: completing a planned inspection, or starting twice, is 409 naming both stages.
        var complete = await Ok(await Post(officer, $"/api/v1/inspections/{id}/complete", new { }), HttpStatusCode.Conflict);
        Assert.Contains("'planned'", complete.GetProperty("detail").GetString());
        Assert.Contains("'completed'", complete.GetProperty("detail").GetString());
        await Ok(await Post(officer, $"/api/v1/inspections/{id}/start", new { }));
        await Ok(await Post(officer, $"/api/v1/inspections/{id}/start", new { }), HttpStatusCode.Conflict);
        await Json.AssertFieldErrors(await Post(officer, $"/api/v1/inspections/{id}/complete", new { }), Ct, "answers");
        await Ok(await Post(officer, "/api/v1/findings/999999/transitions", new { to = "acknowledged" }), HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_overdue_finding_shows_its_escalation_to_the_parent_body_and_is_counted_overdue(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await InspectionSeed.SeedAsync(app, Tag(provider, "D"));
        var officer = app.Client((await seed.UserAsync(app, Roles.Officer)).Token);
        var (target, id) = await PlanAsync(app, seed, officer, "Vologda grain point D", Today);
        var fid = (await Ok(await Post(officer, "/api/v1/findings", new { inspectionId = id, description = "Scales off by a pound", severity = "major" }), HttpStatusCode.Created))
            .GetProperty("finding").GetProperty("id").GetInt32();
        // Found ten days ago: a major finding (7 days) was due on 26 February, so it is 3 days overdue today (1 March).
        await app.InScopeAsync(async (_, db) =>
        {
            var f = await db.Findings.SingleAsync(x => x.Id == fid, Ct);
            (f.FoundOn, f.Deadline) = (Today.AddDays(-10), Today.AddDays(-3));
            return await db.SaveChangesAsync(Ct);
        }, "test:setup");

        var overdue = await Ok(await officer.GetAsync($"/api/v1/findings?overdue=true&targetId={target}", Ct));
        var item = Assert.Single(overdue.GetProperty("items").EnumerateArray());
        Assert.Equal((true, 3), (item.GetProperty("overdue").GetBoolean(), item.GetProperty("daysOverdue").GetInt32()));
        var escalation = Assert.Single(item.GetProperty("escalations").EnumerateArray());
        Assert.Equal((seed.Commissariat, "1919-02-27"), (escalation.GetProperty("bodyId").GetInt32(), escalation.GetProperty("since").GetString()));

        var report = await Ok(await officer.GetAsync("/api/v1/findings/report", Ct));
        var byTarget = report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("targetId").GetInt32() == target);
        Assert.Equal((1, 1), (byTarget.GetProperty("counts").GetProperty("open").GetInt32(), byTarget.GetProperty("counts").GetProperty("overdue").GetInt32()));
        var byBody = report.GetProperty("bodies").EnumerateArray().Single(t => t.GetProperty("bodyId").GetInt32() == seed.Committee);
        Assert.Equal(1, byBody.GetProperty("counts").GetProperty("overdue").GetInt32());

        // Reported fixed: nothing owed, so neither overdue nor escalated.
        await Ok(await Post(officer, $"/api/v1/findings/{fid}/transitions", new { to = "reported-fixed" }));
        Assert.Equal(0, (await Ok(await officer.GetAsync($"/api/v1/findings?overdue=true&targetId={target}", Ct))).GetProperty("total").GetInt32());
        // Reopened: a new deadline from today.
        var reopened = await Ok(await Post(officer, $"/api/v1/findings/{fid}/transitions", new { to = "reopened", note = "Still short weight" }));
        Assert.Equal("1919-03-08", reopened.GetProperty("finding").GetProperty("deadline").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_calendar_gives_group_members_their_planned_inspections_behind_their_token_only(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await InspectionSeed.SeedAsync(app, Tag(provider, "E"));
        var officer = app.Client((await seed.UserAsync(app, Roles.Officer)).Token);
        var member = await seed.UserAsync(app, Roles.Viewer, "g3");
        var outsider = await seed.UserAsync(app, Roles.Viewer, "x");
        await PlanAsync(app, seed, officer, $"Surprise depot {Tag(provider, "E")}", Today.AddDays(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/inspections/calendar.ics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/inspections/calendar.ics?token=rly_nonsense", Ct)).StatusCode);
        var byHeader = await app.Client(member.Token).GetAsync("/api/v1/inspections/calendar.ics", Ct);
        Assert.Equal("text/calendar", byHeader.Content.Headers.ContentType?.MediaType);
        var ics = await byHeader.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.Contains($"SUMMARY:Inspection: Surprise depot {Tag(provider, "E")}", ics);
        Assert.Contains("DTSTART;VALUE=DATE:19190302", ics);
        var byQuery = await (await app.Client().GetAsync($"/api/v1/inspections/calendar.ics?token={Uri.EscapeDataString(member.Token)}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Surprise depot", byQuery);
        var notInGroup = await (await app.Client(outsider.Token).GetAsync("/api/v1/inspections/calendar.ics", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("BEGIN:VEVENT", notInGroup);
    }
}
