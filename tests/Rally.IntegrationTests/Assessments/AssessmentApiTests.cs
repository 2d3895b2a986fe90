using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Assessments;

/// <summary>/api/v1/members/{id}/assessments and /engagement, against a clock pinned to 1919-03-01 12:00 UTC.</summary>
public class AssessmentApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_current_level_is_the_latest_made_and_goes_stale_after_the_scale_s_days(string provider)
    {
        var app = await fixture.For(provider);
        var organizer = await app.CreateUserAsync(Roles.Organizer, OrgTree.UnionA, ct: Ct);
        var client = app.Client(organizer.Token);
        var member = await Organizing.NewMemberAsync(app, Ct);

        // Recorded out of order: the older one (120 days ago) last. The current level is the one made latest, 95 days ago.
        var first = await (await client.Post($"/api/v1/members/{member}/assessments", new { level = 4, assessedAt = Organizing.At(95), evidence = "signed nothing" }, Ct)).Expect(HttpStatusCode.Created, Ct);
        Assert.Equal("engagement", first.Str("scale"));
        Assert.Equal("sceptical", first.Str("levelName"));
        Assert.Equal(organizer.Email, first.Str("assessedBy"));
        await (await client.Post($"/api/v1/members/{member}/assessments", new { scale = "1", level = 5, assessedAt = Organizing.At(120) }, Ct)).Expect(HttpStatusCode.Created, Ct);

        var history = await (await client.GetAsync($"/api/v1/members/{member}/assessments", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, history.GetProperty("total").GetInt32());
        Assert.Equal([4, 5], history.Items().Select(i => i.GetProperty("level").GetInt32()));

        // 95 days old on a 90-day scale: stale.
        var engagement = await (await client.GetAsync($"/api/v1/members/{member}/engagement", Ct)).Expect(HttpStatusCode.OK, Ct);
        var current = engagement.GetProperty("scales").EnumerateArray().Single(s => s.Str("scale") == "engagement");
        Assert.Equal(4, current.GetProperty("level").GetInt32());
        Assert.Equal("sceptical", current.Str("levelName"));
        Assert.True(current.GetProperty("stale").GetBoolean());

        // Exactly 90 days old is not yet stale; a fresher assessment takes over.
        await (await client.Post($"/api/v1/members/{member}/assessments", new { scale = "engagement", level = 2, assessedAt = Organizing.At(90) }, Ct)).Expect(HttpStatusCode.Created, Ct);
        current = (await (await client.GetAsync($"/api/v1/members/{member}/engagement", Ct)).Expect(HttpStatusCode.OK, Ct))
            .GetProperty("scales").EnumerateArray().Single(s => s.Str("scale") == "engagement");
        Assert.Equal(2, current.GetProperty("level").GetInt32());
        Assert.False(current.GetProperty("stale").GetBoolean());

        // Without assessedAt it is made now, by the clock.
        var now = await (await client.Post($"/api/v1/members/{member}/assessments", new { level = 1, scale = 1 }, Ct)).Expect(HttpStatusCode.Created, Ct);
        Assert.Equal(PinnedClockFixture.Now, now.GetProperty("assessedAt").GetDateTimeOffset());

        var audit = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == member.ToString() && a.Action == "assess").CountAsync(Ct));
        Assert.Equal(4, audit);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_assessments_are_400s_naming_the_field_and_write_nothing(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionA, Ct);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var url = $"/api/v1/members/{member}/assessments";

        await (await client.Post(url, new { level = 6 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "level");
        await (await client.Post(url, new { level = 0 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "level");
        await (await client.Post(url, new { }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "level");
        await (await client.Post(url, new { scale = "charisma", level = 1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "scale");
        await (await client.Post(url, new { scale = 4242, level = 1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "scale");
        await (await client.Post(url, new { scale = new { code = "engagement" }, level = 1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "scale");
        await (await client.Post(url, new { level = 1, assessedAt = PinnedClockFixture.Now.AddDays(1) }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "assessedAt");
        await (await client.Post(url, new { level = 1, evidence = new string('x', 2001) }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "evidence");
        await Json.AssertFieldErrors(await client.SendRawAsync(HttpMethod.Post, url, """{"level": "high"}""", Ct), Ct, "level");

        // Union B's own scale does not apply to a member of union A.
        var admin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionB, Ct);
        var code = "b-" + ApiCalls.Unique();
        await (await admin.Post("/api/v1/assessment-scales", new { code, name = "B only", orgUnit = OrgTree.UnionB, levels = new[] { new { level = 1, name = "x" }, new { level = 2, name = "y" } } }, Ct))
            .Expect(HttpStatusCode.Created, Ct);
        await (await client.Post(url, new { scale = code, level = 1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "scale");

        Assert.Equal(0, await app.InScopeAsync((_, db) => db.Assessments.CountAsync(a => a.MemberId == member, Ct)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Viewers_cannot_assess_and_members_outside_the_grants_are_404(string provider)
    {
        var app = await fixture.For(provider);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var url = $"/api/v1/members/{member}/assessments";

        var viewer = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionA, Ct);
        await (await viewer.Post(url, new { level = 1 }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await viewer.GetAsync(url, Ct)).Expect(HttpStatusCode.OK, Ct);
        await (await viewer.GetAsync($"/api/v1/members/{member}/engagement", Ct)).Expect(HttpStatusCode.OK, Ct);

        var stranger = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionB, Ct);
        await (await stranger.Post(url, new { level = 1 }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync(url, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/members/{member}/engagement", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await app.Client().Post(url, new { level = 1 }, Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal(0, await app.InScopeAsync((_, db) => db.Assessments.CountAsync(a => a.MemberId == member, Ct)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_union_s_own_scale_shows_only_for_its_members(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionA, Ct);
        var code = "a-" + ApiCalls.Unique();
        await (await admin.Post("/api/v1/assessment-scales", new { code, name = "A only", orgUnit = OrgTree.UnionA, staleAfterDays = 10, levels = new[] { new { level = 1, name = "x" }, new { level = 2, name = "y" } } }, Ct))
            .Expect(HttpStatusCode.Created, Ct);
        var inA = await Organizing.NewMemberAsync(app, Ct);
        var inB = await Organizing.NewMemberAsync(app, Ct, OrgTree.BranchB, null);
        await (await admin.Post($"/api/v1/members/{inA}/assessments", new { scale = code, level = 2, assessedAt = Organizing.At(11) }, Ct)).Expect(HttpStatusCode.Created, Ct);

        var fed = await app.ClientAsAsync(Roles.Viewer, null, Ct);
        var a = (await (await fed.GetAsync($"/api/v1/members/{inA}/engagement", Ct)).Expect(HttpStatusCode.OK, Ct)).GetProperty("scales");
        var own = a.EnumerateArray().Single(s => s.Str("scale") == code);
        Assert.Equal(2, own.GetProperty("level").GetInt32());
        Assert.True(own.GetProperty("stale").GetBoolean());
        // Never assessed on engagement: no level, not stale.
        var engagement = a.EnumerateArray().Single(s => s.Str("scale") == "engagement");
        Assert.Equal(JsonValueKind.Null, engagement.GetProperty("level").ValueKind);
        Assert.False(engagement.GetProperty("stale").GetBoolean());

        var b = (await (await fed.GetAsync($"/api/v1/members/{inB}/engagement", Ct)).Expect(HttpStatusCode.OK, Ct)).GetProperty("scales");
        Assert.DoesNotContain(code, b.Strings("scale"));
    }
}
