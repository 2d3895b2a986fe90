using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;
using Rally.IntegrationTests.Assessments;

namespace Rally.IntegrationTests.FollowUps;

/// <summary>/api/v1/follow-ups and /api/v1/members/{id}/follow-ups; today is 1919-03-01 by the pinned clock.</summary>
public class FollowUpApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task My_follow_ups_come_by_due_date_and_say_which_are_overdue(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionA, Ct);
        var member = await Organizing.NewMemberAsync(app, Ct);
        async Task<long> Add(string action, string dueOn) =>
            (await (await client.Post($"/api/v1/members/{member}/follow-ups", new { action, dueOn }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var later = await Add("later", "1919-03-10");
        var today = await Add("today", "1919-03-01");
        var late = await Add("late", "1919-02-28");

        var open = await (await client.GetAsync("/api/v1/follow-ups", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(["late", "today", "later"], open.GetProperty("items").Strings("action"));
        // Due yesterday is overdue; due today is not yet.
        Assert.Equal([true, false, false], open.Items().Select(i => i.GetProperty("overdue").GetBoolean()));
        var overdue = await (await client.GetAsync("/api/v1/follow-ups?state=overdue", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([late], overdue.Items().Select(i => i.GetProperty("id").GetInt64()));

        var done = await (await client.PostAsync($"/api/v1/follow-ups/{late}/done", null, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.False(done.GetProperty("overdue").GetBoolean());
        Assert.Equal(PinnedClockFixture.Now, done.GetProperty("doneAt").GetDateTimeOffset());
        // Done twice is still done, once.
        await (await client.PostAsync($"/api/v1/follow-ups/{late}/done", null, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([today, later], (await (await client.GetAsync("/api/v1/follow-ups", Ct)).Expect(HttpStatusCode.OK, Ct)).Items().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal([late], (await (await client.GetAsync("/api/v1/follow-ups?state=done", Ct)).Expect(HttpStatusCode.OK, Ct)).Items().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(3, (await (await client.GetAsync("/api/v1/follow-ups?state=all", Ct)).Expect(HttpStatusCode.OK, Ct)).GetProperty("total").GetInt32());
        await (await client.GetAsync("/api/v1/follow-ups?state=someday", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "state");

        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == member.ToString() && a.Action.StartsWith("follow-up")).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(3, trail.Count(a => a == "follow-up"));
        Assert.Equal(1, trail.Count(a => a == "follow-up-done"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_the_assignee_or_an_officer_closes_and_only_officers_reassign(string provider)
    {
        var app = await fixture.For(provider);
        var organizer = await app.CreateUserAsync(Roles.Organizer, OrgTree.UnionA, ct: Ct);
        var colleague = await app.CreateUserAsync(Roles.Organizer, OrgTree.BranchA, ct: Ct);
        var viewerUser = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionA, ct: Ct);
        var client = app.Client(organizer.Token);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var created = await client.Post($"/api/v1/members/{member}/follow-ups", new { action = "Bring the leaflet", dueOn = "1919-03-05" }, Ct);
        var body = await created.Expect(HttpStatusCode.Created, Ct);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal(organizer.Id, body.Str("assigneeId"));
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);

        // An organizer may not hand work to someone else, nor look at their list, nor reschedule.
        await (await client.Post($"/api/v1/members/{member}/follow-ups", new { action = "x", dueOn = "1919-03-05", assignee = colleague.Email }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await client.GetAsync($"/api/v1/follow-ups?assignee={colleague.Id}", Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/follow-ups/{id}", new { dueOn = "1919-03-20" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        var colleagueClient = app.Client(colleague.Token);
        await (await colleagueClient.PostAsync($"/api/v1/follow-ups/{id}/done", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await app.Client(viewerUser.Token).Post($"/api/v1/members/{member}/follow-ups", new { action = "x", dueOn = "1919-03-05" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        var stranger = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionB, Ct);
        await (await stranger.PostAsync($"/api/v1/follow-ups/{id}/done", null, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/follow-ups/{id}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.SendJsonAsync(HttpMethod.Patch, $"/api/v1/follow-ups/{id}", new { dueOn = "1919-03-20" }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.Post($"/api/v1/members/{member}/follow-ups", new { action = "x", dueOn = "1919-03-05" }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/members/{member}/follow-ups", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        // Anyone who can see the member sees all of their follow-ups, whoever has them.
        var ofMember = await (await app.Client(viewerUser.Token).GetAsync($"/api/v1/members/{member}/follow-ups", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([id], ofMember.Items().Select(i => i.GetProperty("id").GetInt64()));

        // An officer over the member reassigns with the ETag; a viewer cannot be given work; a stale ETag is 412.
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        await (await officer.SendJsonAsync(HttpMethod.Patch, $"/api/v1/follow-ups/{id}", new { assignee = viewerUser.Email }, Ct, ifMatch: "\"1\"")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "assignee");
        await (await officer.SendJsonAsync(HttpMethod.Patch, $"/api/v1/follow-ups/{id}", new { dueOn = "20.03.1919" }, Ct, ifMatch: "\"1\"")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "dueOn");
        var moved = await officer.SendJsonAsync(HttpMethod.Patch, $"/api/v1/follow-ups/{id}", new { assignee = colleague.Email, dueOn = "1919-03-20" }, Ct, ifMatch: "\"1\"");
        var after = await moved.Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(colleague.Id, after.Str("assigneeId"));
        Assert.Equal("1919-03-20", after.Str("dueOn"));
        Assert.Equal("Bring the leaflet", after.Str("action"));
        Assert.Equal("\"2\"", moved.Headers.ETag?.Tag);
        await (await officer.SendJsonAsync(HttpMethod.Patch, $"/api/v1/follow-ups/{id}", new { action = "stale" }, Ct, ifMatch: "\"1\"")).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);

        // Now it is the colleague's: they see it and close it; the first organizer no longer can.
        var theirs = await (await officer.GetAsync($"/api/v1/follow-ups?assignee={colleague.Id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([id], theirs.Items().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Empty((await (await client.GetAsync("/api/v1/follow-ups", Ct)).Expect(HttpStatusCode.OK, Ct)).Items());
        await (await client.PostAsync($"/api/v1/follow-ups/{id}/done", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        var done = await (await colleagueClient.PostAsync($"/api/v1/follow-ups/{id}/done", null, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(colleague.Email, done.Str("doneBy"));

        // An officer assigns a new one straight to an organizer and closes it for them.
        var assigned = await (await officer.Post($"/api/v1/members/{member}/follow-ups", new { action = "Visit", dueOn = "1919-03-02", assignee = organizer.Id }, Ct)).Expect(HttpStatusCode.Created, Ct);
        Assert.Equal(organizer.Id, assigned.Str("assigneeId"));
        await (await officer.PostAsync($"/api/v1/follow-ups/{assigned.GetProperty("id").GetInt64()}/done", null, Ct)).Expect(HttpStatusCode.OK, Ct);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_follow_ups_are_400s_naming_the_field(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync(Roles.Organizer, OrgTree.UnionA, Ct);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var url = $"/api/v1/members/{member}/follow-ups";
        await (await client.Post(url, new { action = "x", dueOn = "1919-13-01" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "dueOn");
        await (await client.Post(url, new { action = "x" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "dueOn");
        await (await client.Post(url, new { dueOn = "1919-03-05" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "action");
        await (await client.Post(url, new { action = new string('x', 501), dueOn = "1919-03-05" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "action");
        await (await client.GetAsync("/api/v1/follow-ups/987654", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        Assert.Equal(0, await app.InScopeAsync((_, db) => db.FollowUps.CountAsync(f => f.MemberId == member, Ct)));
    }
}
