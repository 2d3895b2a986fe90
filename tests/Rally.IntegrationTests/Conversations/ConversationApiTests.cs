using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;
using Rally.IntegrationTests.Assessments;

namespace Rally.IntegrationTests.Conversations;

/// <summary>/api/v1/members/{id}/conversations and /api/v1/conversations, against a clock pinned to 1919-03-01 12:00 UTC.</summary>
public class ConversationApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object Full(string? dueOn = "1919-03-08") => new
    {
        heldAt = Organizing.At(1), channel = "in-person", issues = new[] { "fuel", "wages" },
        ask = "Come to the meeting on Thursday", commitment = "Will bring two workmates", notes = "Night shift until Friday",
        assessment = new { level = 2, evidence = "agreed to come" },
        nextStep = new { action = "Remind about the meeting", dueOn },
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_conversation_with_an_assessment_and_a_next_step_is_recorded_in_one_go_and_audited(string provider)
    {
        var app = await fixture.For(provider);
        var organizer = await app.CreateUserAsync(Roles.Organizer, OrgTree.UnionA, ct: Ct);
        var client = app.Client(organizer.Token);
        var member = await Organizing.NewMemberAsync(app, Ct);

        var response = await client.Post($"/api/v1/members/{member}/conversations", Full(), Ct);
        var c = await response.Expect(HttpStatusCode.Created, Ct);
        var id = c.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/conversations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(organizer.Id, c.Str("heldById"));
        Assert.Equal(OrgTree.WorkplaceA, c.Str("workplace"));
        Assert.Equal("in-person", c.Str("channel"));
        // Issues come back in the list's order (wages before fuel).
        Assert.Equal(["wages", "fuel"], c.GetProperty("issues").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("Will bring two workmates", c.Str("commitment"));
        Assert.Equal(2, c.GetProperty("assessment").GetProperty("level").GetInt32());
        Assert.Equal("supporter", c.GetProperty("assessment").Str("levelName"));
        var next = c.GetProperty("nextStep");
        Assert.Equal(organizer.Id, next.Str("assigneeId"));
        Assert.Equal("1919-03-08", next.Str("dueOn"));
        Assert.False(next.GetProperty("overdue").GetBoolean());

        // The assessment is an assessment row made when the conversation was held.
        var engagement = await (await client.GetAsync($"/api/v1/members/{member}/engagement", Ct)).Expect(HttpStatusCode.OK, Ct);
        var current = engagement.GetProperty("scales").EnumerateArray().Single(s => s.Str("scale") == "engagement");
        Assert.Equal(2, current.GetProperty("level").GetInt32());
        Assert.Equal(PinnedClockFixture.Now.AddDays(-1), current.GetProperty("assessedAt").GetDateTimeOffset());
        var history = await (await client.GetAsync($"/api/v1/members/{member}/assessments", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(id, history.Items().Single().GetProperty("conversationId").GetInt64());

        // The next step is in the organizer's follow-ups.
        var mine = await (await client.GetAsync($"/api/v1/follow-ups?member={member}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("Remind about the meeting", mine.Items().Single().Str("action"));

        var listed = await (await client.GetAsync($"/api/v1/members/{member}/conversations", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(id, listed.Items().Single().GetProperty("id").GetInt64());
        var one = await (await client.GetAsync($"/api/v1/conversations/{id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("Come to the meeting on Thursday", one.Str("ask"));

        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == member.ToString()).OrderBy(a => a.Id).Select(a => new { a.Action, a.UserName }).ToListAsync(Ct));
        // The conversation first; its assessment and next step are written together after it.
        var organizing = trail.Where(t => t.Action != "create" && t.Action != "status-change").Select(t => t.Action).ToList();
        Assert.Equal(3, organizing.Count);
        Assert.Equal("conversation", organizing[0]);
        Assert.Equal(["assess", "follow-up"], organizing.Skip(1).Order(StringComparer.Ordinal));
        Assert.All(trail.Where(t => t.Action != "create" && t.Action != "status-change"), t => Assert.Equal(organizer.Email, t.UserName));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_conversations_are_400s_naming_the_field_and_write_nothing(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionA, Ct);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var url = $"/api/v1/members/{member}/conversations";

        await (await client.Post(url, new { channel = "in-person", issues = new[] { "wages", "weather" } }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "issues");
        await (await client.Post(url, new { channel = "telegraph" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "channel");
        await (await client.Post(url, new { }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "channel");
        await (await client.Post(url, Full(dueOn: "1919-02-30"), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "nextStep.dueOn");
        await (await client.Post(url, Full(dueOn: "next week"), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "nextStep.dueOn");
        await (await client.Post(url, Full(dueOn: "08.03.1919"), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "nextStep.dueOn");
        await (await client.Post(url, new { channel = "phone", nextStep = new { dueOn = "1919-03-08" } }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "nextStep.action");
        await (await client.Post(url, new { channel = "phone", assessment = new { level = 9 } }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "assessment.level");
        await (await client.Post(url, new { channel = "phone", assessment = new { level = 1, scale = "charisma" } }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "assessment.scale");
        await (await client.Post(url, new { channel = "phone", heldAt = PinnedClockFixture.Now.AddHours(1) }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "heldAt");
        await (await client.Post(url, new { channel = "phone", campaign = 987654 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "campaign");
        await (await client.Post(url, new { channel = "phone", nextStep = new { action = "x", dueOn = "1919-03-08", assignee = "nobody@example.org" } }, Ct))
            .ExpectProblem(HttpStatusCode.Forbidden, Ct);
        // Several bad fields at once are all named.
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, url, new { channel = "x", issues = new[] { "nope" }, nextStep = new { action = "a", dueOn = "soon" } }, Ct),
            Ct, "channel", "issues", "nextStep.dueOn");

        Assert.Equal(0, await app.InScopeAsync((_, db) => db.Conversations.CountAsync(c => c.MemberId == member, Ct)));
        Assert.Equal(0, await app.InScopeAsync((_, db) => db.FollowUps.CountAsync(c => c.MemberId == member, Ct)));
        Assert.Equal(0, await app.InScopeAsync((_, db) => db.Assessments.CountAsync(c => c.MemberId == member, Ct)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Viewers_cannot_record_and_another_union_s_organizer_gets_404(string provider)
    {
        var app = await fixture.For(provider);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var url = $"/api/v1/members/{member}/conversations";
        var organizer = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionA, Ct);
        var id = (await (await organizer.Post(url, new { channel = "phone" }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();

        var viewer = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionA, Ct);
        await (await viewer.Post(url, new { channel = "phone" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        Assert.Equal(1, (await (await viewer.GetAsync(url, Ct)).Expect(HttpStatusCode.OK, Ct)).GetProperty("total").GetInt32());

        var stranger = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionB, Ct);
        await (await stranger.Post(url, new { channel = "phone" }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync(url, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/conversations/{id}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/conversations?member={member}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        var theirs = await (await stranger.GetAsync("/api/v1/conversations?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.DoesNotContain(theirs.Items(), c => c.GetProperty("memberId").GetInt32() == member);
        await (await app.Client().GetAsync("/api/v1/conversations", Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal(1, await app.InScopeAsync((_, db) => db.Conversations.CountAsync(c => c.MemberId == member, Ct)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_conversation_list_filters_by_organiser_period_issue_and_unit(string provider)
    {
        var app = await fixture.For(provider);
        var organizer = await app.CreateUserAsync(Roles.Organizer, null, ct: Ct);
        var client = app.Client(organizer.Token);
        var inA = await Organizing.NewMemberAsync(app, Ct);
        var inB = await Organizing.NewMemberAsync(app, Ct, OrgTree.BranchB, null);
        async Task<long> Record(int member, int daysAgo, params string[] issues) =>
            (await (await client.Post($"/api/v1/members/{member}/conversations", new { channel = "meeting", heldAt = Organizing.At(daysAgo), issues }, Ct))
                .Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var old = await Record(inA, 40, "housing");
        var recent = await Record(inA, 2, "housing", "safety");
        var other = await Record(inB, 5, "safety");

        long[] Ids(JsonElement list) => list.Items().Select(i => i.GetProperty("id").GetInt64()).ToArray();
        async Task<long[]> Query(string q) => Ids(await (await client.GetAsync("/api/v1/conversations?pageSize=500&organiser=me&" + q, Ct)).Expect(HttpStatusCode.OK, Ct));

        Assert.Equal([recent, other, old], await Query(""));
        Assert.Equal([recent, old], await Query("issue=housing"));
        Assert.Equal([recent, other], await Query("issue=safety"));
        // Held 40, 5 and 2 days before 1919-03-01 noon: on 1919-01-20, 02-24 and 02-27. The period's days are inclusive.
        Assert.Equal([other], await Query("from=1919-02-24&to=1919-02-26"));
        Assert.Equal([recent, other], await Query("from=1919-02-24&to=1919-02-27"));
        Assert.Equal([old], await Query("to=1919-01-20"));
        Assert.Equal([recent, old], await Query($"orgUnit={OrgTree.UnionA}"));
        // A workplace's conversations are those held with its workers.
        Assert.Equal([recent, old], await Query($"orgUnit={OrgTree.WorkplaceA}"));
        Assert.Equal([other], Ids(await (await client.GetAsync($"/api/v1/conversations?organiser={organizer.Email}&orgUnit={OrgTree.UnionB}", Ct)).Expect(HttpStatusCode.OK, Ct)));
        await (await client.GetAsync("/api/v1/conversations?issue=weather", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "issue");
        await (await client.GetAsync("/api/v1/conversations?from=1919-03-01&to=1919-02-01", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "to");
        await (await client.GetAsync("/api/v1/conversations?from=yesterday", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "from");

        var someoneElse = await app.ClientAsAsync(Roles.Organizer, null, Ct);
        Assert.Empty(Ids(await (await someoneElse.GetAsync("/api/v1/conversations?organiser=me", Ct)).Expect(HttpStatusCode.OK, Ct)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Erasure_removes_what_organisers_wrote_and_nothing_new_is_recorded(string provider)
    {
        var app = await fixture.For(provider);
        var organizer = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionA, Ct);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var id = (await (await organizer.Post($"/api/v1/members/{member}/conversations", Full(), Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();

        var admin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionA, Ct);
        await (await admin.PostAsync($"/api/v1/members/{member}/erasure", null, Ct)).Expect(HttpStatusCode.OK, Ct);

        var c = await (await admin.GetAsync($"/api/v1/conversations/{id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("ask").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("commitment").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("notes").ValueKind);
        // The facts stay: when, how, which issues, the level.
        Assert.Equal(["wages", "fuel"], c.GetProperty("issues").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(2, c.GetProperty("assessment").GetProperty("level").GetInt32());
        Assert.Equal("(erased)", c.GetProperty("nextStep").Str("action"));
        var history = await (await admin.GetAsync($"/api/v1/members/{member}/assessments", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(JsonValueKind.Null, history.Items().Single().GetProperty("evidence").ValueKind);

        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == member.ToString()).Select(a => a.Changes).ToListAsync(Ct));
        foreach (var text in new[] { "Come to the meeting", "two workmates", "Night shift", "agreed to come", "Remind about" })
            Assert.All(trail, changes => Assert.DoesNotContain(text, changes));

        await (await organizer.Post($"/api/v1/members/{member}/conversations", new { channel = "phone" }, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        await (await organizer.Post($"/api/v1/members/{member}/assessments", new { level = 1 }, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Issue_tags_are_seeded_and_only_federation_administrators_edit_them(string provider)
    {
        var app = await fixture.For(provider);
        var viewer = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionA, Ct);
        var tags = await (await viewer.GetAsync("/api/v1/issue-tags", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(["wages", "hours", "safety", "food-supply", "fuel", "housing", "sickness", "treatment"], tags.GetProperty("items").Strings("code").Take(8));
        await (await viewer.Post("/api/v1/issue-tags", new { code = "rent", name = "Rent" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        var unionAdmin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionA, Ct);
        await (await unionAdmin.Post("/api/v1/issue-tags", new { code = "rent", name = "Rent" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);

        var admin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        var code = "t-" + ApiCalls.Unique();
        var tag = await (await admin.Post("/api/v1/issue-tags", new { code, name = "Tram fares", sortOrder = 200 }, Ct)).Expect(HttpStatusCode.Created, Ct);
        // A new tag can be raised at once; an archived one no longer.
        var organizer = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionA, Ct);
        var member = await Organizing.NewMemberAsync(app, Ct);
        await (await organizer.Post($"/api/v1/members/{member}/conversations", new { channel = "phone", issues = new[] { code } }, Ct)).Expect(HttpStatusCode.Created, Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Delete($"/api/v1/issue-tags/{tag.GetProperty("id").GetInt32()}", null, Ct)).StatusCode);
        await (await organizer.Post($"/api/v1/members/{member}/conversations", new { channel = "phone", issues = new[] { code } }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "issues");
    }
}
