using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.Features.Bodies;
using Rally.IntegrationTests.Accounts;
using Rally.IntegrationTests.Assessments;

namespace Rally.IntegrationTests.Bodies;

/// <summary>/api/v1/bodies, posts and assignments; today is 1919-03-01 by the pinned clock.</summary>
public class BodyApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<int> NewBodyAsync(HttpClient officer, string unit = OrgTree.UnionA, string kind = "co-operative", int? parentBodyId = null) =>
        (await (await officer.Post("/api/v1/bodies", new { name = "Body " + ApiCalls.Unique(), kind, orgUnit = unit, parentBodyId }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt32();

    static async Task<int> NewPostAsync(HttpClient officer, int body, int rung = 1, int seats = 1, int? termMonths = null) =>
        (await (await officer.Post($"/api/v1/bodies/{body}/posts", new { title = "Post " + ApiCalls.Unique(), seats, rung, termMonths }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt32();

    static Task<HttpResponseMessage> Assign(HttpClient client, int post, int memberId, string startsOn, string? endsOn = null, string? overrideJustification = null) =>
        client.Post($"/api/v1/posts/{post}/assignments", new { memberId, startsOn, endsOn, overrideJustification }, Ct);

    /// <summary>A past spell written straight into the database, as history the ladder reads.</summary>
    static Task Served(RallyApp app, int post, int member, DateOnly from, DateOnly? to) =>
        app.InScopeAsync(async (_, db) =>
        {
            db.Assignments.Add(new Assignment { PostId = post, MemberId = member, StartsOn = from, EndsOn = to, CreatedAt = PinnedClockFixture.Now, CreatedBy = "test", Version = 1 });
            return await db.SaveChangesAsync(Ct);
        });

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bodies_and_posts_are_set_up_changed_and_archived_by_officers_of_their_unit(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var kinds = await (await officer.GetAsync("/api/v1/body-kinds", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Contains("economic-council", kinds.GetProperty("items").Strings("code"));

        var council = await NewBodyAsync(officer, kind: "economic-council");
        var created = await officer.Post("/api/v1/bodies", new { name = "  Putilov co-operative ", kind = "co-operative", orgUnit = OrgTree.BranchA, parentBodyId = council, description = "Supply" }, Ct);
        var body = await created.Expect(HttpStatusCode.Created, Ct);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal("Putilov co-operative", body.Str("name"));
        Assert.Equal(OrgTree.BranchA, body.Str("orgUnit"));
        Assert.Equal(council, body.GetProperty("parentBodyId").GetInt32());
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);

        await (await officer.Post("/api/v1/bodies", new { kind = "co-operative", orgUnit = OrgTree.UnionA }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "name");
        await (await officer.Post("/api/v1/bodies", new { name = "x", kind = "soviet-of-nothing", orgUnit = OrgTree.UnionA }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "kind");
        // Union B is outside the officer's grants: unknown, like a unit that does not exist.
        await (await officer.Post("/api/v1/bodies", new { name = "x", kind = "co-operative", orgUnit = OrgTree.UnionB }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "orgUnit");
        await (await officer.Post("/api/v1/bodies", new { name = "x", kind = "co-operative", orgUnit = OrgTree.UnionA, parentBodyId = 987654 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "parentBodyId");

        // Change it under its ETag; a body cannot sit under its own sub-body.
        await (await officer.Put($"/api/v1/bodies/{council}", new { name = "Council", kind = "economic-council", orgUnit = OrgTree.UnionA, parentBodyId = id }, "\"1\"", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "parentBodyId");
        var renamed = await officer.Put($"/api/v1/bodies/{id}", new { name = "Putilov consumers' co-operative", kind = "co-operative", orgUnit = OrgTree.BranchA, parentBodyId = council }, "\"1\"", Ct);
        Assert.Equal("Putilov consumers' co-operative", (await renamed.Expect(HttpStatusCode.OK, Ct)).Str("name"));
        Assert.Equal("\"2\"", renamed.Headers.ETag?.Tag);
        await (await officer.Put($"/api/v1/bodies/{id}", new { name = "stale", kind = "co-operative", orgUnit = OrgTree.BranchA }, "\"1\"", Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);

        // Posts: seats 1 or more, a rung that exists, an optional term of 1 to 120 months.
        var url = $"/api/v1/bodies/{id}/posts";
        await (await officer.Post(url, new { title = "Supply worker", seats = 0, rung = 1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "seats");
        await (await officer.Post(url, new { title = "Supply worker", seats = 2, rung = 9 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "rung");
        await (await officer.Post(url, new { title = "Supply worker", seats = 2, rung = 1, termMonths = 0 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "termMonths");
        await (await officer.Post(url, new { seats = 2, rung = 1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "title");
        var post = await (await officer.Post(url, new { title = "Supply worker", seats = 2, rung = 1, termMonths = 6 }, Ct)).Expect(HttpStatusCode.Created, Ct);
        var postId = post.GetProperty("id").GetInt32();
        Assert.Equal(1, post.GetProperty("rung").GetInt32());
        Assert.Equal("Co-operative work", post.Str("rungName"));
        Assert.Equal(2, post.GetProperty("free").GetInt32());
        var supervisor = await NewPostAsync(officer, id, rung: 2);
        var posts = await (await officer.GetAsync(url, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([postId, supervisor], posts.Items().Select(p => p.GetProperty("id").GetInt32()));

        // Two members hold the post: it cannot drop to one seat, nor be archived, nor its body.
        var a = await Organizing.NewMemberAsync(app, Ct);
        var b = await Organizing.NewMemberAsync(app, Ct);
        await (await Assign(officer, postId, a, "1919-02-01")).Expect(HttpStatusCode.Created, Ct);
        var bAssignment = (await (await Assign(officer, postId, b, "1919-02-15")).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var held = await (await officer.GetAsync($"/api/v1/posts/{postId}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal((2, 0), (held.GetProperty("held").GetInt32(), held.GetProperty("free").GetInt32()));
        await (await officer.Put($"/api/v1/posts/{postId}", new { title = "Supply worker", seats = 1, rung = 1, termMonths = 6 }, "\"1\"", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "seats");
        await (await officer.Delete($"/api/v1/posts/{postId}", null, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        await (await officer.Delete($"/api/v1/bodies/{id}", null, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        await (await officer.Delete($"/api/v1/bodies/{council}", null, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        // One leaves at the end of February: from today one seat is enough.
        await (await officer.SendJsonAsync(HttpMethod.Patch, $"/api/v1/assignments/{bAssignment}", new { endsOn = "1919-02-28", endReason = "moved away" }, Ct)).Expect(HttpStatusCode.OK, Ct);
        var fewer = await officer.Put($"/api/v1/posts/{postId}", new { title = "Supply worker", seats = 1, rung = 1, termMonths = 6 }, "\"1\"", Ct);
        Assert.Equal(1, (await fewer.Expect(HttpStatusCode.OK, Ct)).GetProperty("seats").GetInt32());

        await (await officer.Delete($"/api/v1/posts/{supervisor}", "\"1\"", Ct)).Expect(HttpStatusCode.NoContent, Ct);
        Assert.Single((await (await officer.GetAsync(url, Ct)).Expect(HttpStatusCode.OK, Ct)).Items());
        Assert.Equal(2, (await (await officer.GetAsync(url + "?includeArchived=true", Ct)).Expect(HttpStatusCode.OK, Ct)).Items().Count());
        var empty = await NewBodyAsync(officer, OrgTree.BranchA);
        await (await officer.Delete($"/api/v1/bodies/{empty}", "\"1\"", Ct)).Expect(HttpStatusCode.NoContent, Ct);
        var listed = await (await officer.GetAsync($"/api/v1/bodies?orgUnit={OrgTree.BranchA}&pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Contains(id, listed.Items().Select(x => x.GetProperty("id").GetInt32()));
        Assert.DoesNotContain(empty, listed.Items().Select(x => x.GetProperty("id").GetInt32()));
        Assert.DoesNotContain(council, listed.Items().Select(x => x.GetProperty("id").GetInt32())); // on the union, above the branch

        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(e => e.EntityType == "Body" && e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["create", "post-archive", "post-create", "post-create", "post-update", "update"], trail.Order(StringComparer.Ordinal).ToList());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Seats_overlaps_and_dates_are_checked_on_every_day_of_the_new_spell(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var body = await NewBodyAsync(officer);
        var post = await NewPostAsync(officer, body, seats: 2);
        var (m1, m2, m3) = (await Organizing.NewMemberAsync(app, Ct), await Organizing.NewMemberAsync(app, Ct), await Organizing.NewMemberAsync(app, Ct));

        var first = await Assign(officer, post, m1, "1919-03-01");
        var one = await first.Expect(HttpStatusCode.Created, Ct);
        Assert.Equal("\"1\"", first.Headers.ETag?.Tag);
        Assert.Equal(JsonValueKind.Null, one.GetProperty("endsOn").ValueKind);
        Assert.Equal(JsonValueKind.Null, one.GetProperty("overrideJustification").ValueKind);
        await (await Assign(officer, post, m2, "1919-03-10", "1919-04-30")).Expect(HttpStatusCode.Created, Ct);
        // 15 April: m1 and m2 hold both seats.
        var full = await (await Assign(officer, post, m3, "1919-04-15")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "seats");
        Assert.Contains("2 seats, all held on 1919-04-15", full.GetProperty("errors").GetProperty("seats")[0].GetString());
        // Ending in time does not help if the spell reaches a full day: 1 to 12 March takes in 10 March.
        await (await Assign(officer, post, m3, "1919-02-20", "1919-03-12")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "seats");
        await (await Assign(officer, post, m3, "1919-02-20", "1919-03-09")).Expect(HttpStatusCode.Created, Ct);
        // From 1 May, the day after m2's last day, a seat is free.
        var third = (await (await Assign(officer, post, m3, "1919-05-01")).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();

        await (await Assign(officer, post, m1, "1919-06-01")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "startsOn");
        await (await Assign(officer, post, m3, "1919-03-05", "1919-03-06")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "startsOn");
        var backwards = await (await Assign(officer, post, m2, "1919-06-01", "1919-05-31")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "endsOn");
        Assert.Contains("cannot be before startsOn", backwards.GetProperty("errors").GetProperty("endsOn")[0].GetString());
        await (await Assign(officer, post, m2, "1.6.1919")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "startsOn");
        await (await Assign(officer, post, m2, "")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "startsOn");
        await (await officer.Post($"/api/v1/posts/{post}/assignments", new { startsOn = "1919-06-01" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "memberId");

        // Ending: the last day, not before the first; under the ETag.
        var end = $"/api/v1/assignments/{third}";
        await (await officer.SendJsonAsync(HttpMethod.Patch, end, new { endsOn = "1919-04-30" }, Ct, "\"1\"")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "endsOn");
        await (await officer.SendJsonAsync(HttpMethod.Patch, end, new { endReason = "x" }, Ct, "\"1\"")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "endsOn");
        var ended = await officer.SendJsonAsync(HttpMethod.Patch, end, new { endsOn = "1919-05-31", endReason = "term expired" }, Ct, "\"1\"");
        var endedBody = await ended.Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(("1919-05-31", "term expired"), (endedBody.Str("endsOn"), endedBody.Str("endReason")));
        Assert.Equal("\"2\"", ended.Headers.ETag?.Tag);
        await (await officer.SendJsonAsync(HttpMethod.Patch, end, new { endsOn = "1919-05-20" }, Ct, "\"1\"")).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);
        // m2 takes the second seat again from June: moving m3's end into June would need a third.
        await (await Assign(officer, post, m2, "1919-06-01")).Expect(HttpStatusCode.Created, Ct);
        await (await officer.SendJsonAsync(HttpMethod.Patch, end, new { endsOn = "1919-06-10" }, Ct, "\"2\"")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "seats");

        var history = await (await officer.GetAsync($"/api/v1/members/{m3}/assignments", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(["1919-05-01", "1919-02-20"], history.GetProperty("items").Strings("startsOn"));
        var current = await (await officer.GetAsync($"/api/v1/posts/{post}/assignments?current=true", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([m1, m3], current.Items().Select(i => i.GetProperty("memberId").GetInt32())); // m3 holds it 20 Feb – 9 Mar, so today too
        Assert.Equal(5, await app.InScopeAsync((_, db) => db.Assignments.CountAsync(a => a.PostId == post, Ct)));
        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(e => e.EntityType == "Member" && e.EntityId == m3.ToString() && e.Action.StartsWith("assignment")).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["assignment", "assignment", "assignment-end"], trail.Order().ToList());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Unmet_ladder_conditions_are_listed_and_an_override_with_a_justification_is_saved_and_audited(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var body = await NewBodyAsync(officer, kind: "commissariat");
        var coop = await NewPostAsync(officer, body, rung: 1, seats: 10);
        var supervisor = await NewPostAsync(officer, body, rung: 2, seats: 10);
        var commissar = await NewPostAsync(officer, body, rung: 4);

        // Rung 2 needs 3 months on rung 1 or above. 1 Nov – 28 Feb is four whole months; 15 Dec – 28 Feb is two.
        var seasoned = await Organizing.NewMemberAsync(app, Ct);
        var fresh = await Organizing.NewMemberAsync(app, Ct);
        await Served(app, coop, seasoned, new(1918, 11, 1), new(1919, 2, 28));
        await Served(app, coop, fresh, new(1918, 12, 15), new(1919, 2, 28));
        var ok = await (await Assign(officer, supervisor, seasoned, "1919-03-01", overrideJustification: "Not needed but given anyway, in full.")).Expect(HttpStatusCode.Created, Ct);
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("overrideJustification").ValueKind); // nothing was overridden
        var twoMonths = await (await Assign(officer, supervisor, fresh, "1919-03-01")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "memberId");
        Assert.Equal(["Needs 3 months on rung 1 (Co-operative work) or above; has served 2."], twoMonths.GetProperty("errors").GetProperty("memberId").EnumerateArray().Select(e => e.GetString()));

        // A commissar needs 12 months on rung 3 and engagement level 2 or better: a newcomer meets neither.
        var newcomer = await Organizing.NewMemberAsync(app, Ct);
        var refused = await (await Assign(officer, commissar, newcomer, "1919-03-01")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "memberId");
        Assert.Equal(2, refused.GetProperty("errors").GetProperty("memberId").GetArrayLength());
        Assert.Equal(["months-below", "level"], refused.GetProperty("unmetConditions").Strings("code"));
        Assert.Equal("Needs 12 months on rung 3 (Control and inspection) or above; has served 0.", refused.GetProperty("unmetConditions")[0].Str("message"));

        await (await Assign(officer, commissar, newcomer, "1919-03-01", overrideJustification: "   ")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "overrideJustification");
        await (await Assign(officer, commissar, newcomer, "1919-03-01", overrideJustification: "Needed now")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "overrideJustification");
        Assert.Equal(0, await app.InScopeAsync((_, db) => db.Assignments.CountAsync(a => a.MemberId == newcomer, Ct)));

        const string why = "The only literate member of the committee; the district asked for her by name.";
        var overridden = await (await Assign(officer, commissar, newcomer, "1919-03-01", overrideJustification: why)).Expect(HttpStatusCode.Created, Ct);
        Assert.Equal(why, overridden.Str("overrideJustification"));
        Assert.Equal(["months-below", "level"], overridden.GetProperty("unmetConditions").Strings("code"));
        var id = overridden.GetProperty("id").GetInt64();

        var audit = await app.InScopeAsync((_, db) => db.AuditEntries.Where(e => e.EntityType == "Member" && e.EntityId == newcomer.ToString() && e.Action == "assignment-override").ToListAsync(Ct));
        var entry = Assert.Single(audit);
        Assert.Contains(why, entry.Changes);
        Assert.Contains("months-below", entry.Changes);

        var report = await (await officer.GetAsync("/api/v1/overrides?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        var row = Assert.Single(report.Items(), i => i.GetProperty("id").GetInt64() == id);
        Assert.Equal((why, 4, newcomer), (row.Str("overrideJustification"), row.GetProperty("rung").GetInt32(), row.GetProperty("memberId").GetInt32()));
        Assert.False(string.IsNullOrEmpty(row.Str("createdBy")));
        // The member's own history shows it too; someone who cannot see the member does not.
        var mine = await (await officer.GetAsync($"/api/v1/members/{newcomer}/assignments", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(why, Assert.Single(mine.Items()).Str("overrideJustification"));
        var stranger = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionB, Ct);
        var theirs = await (await stranger.GetAsync("/api/v1/overrides?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.DoesNotContain(id, theirs.Items().Select(i => i.GetProperty("id").GetInt64()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Terms_ending_soon_are_listed_ahead_of_time(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var body = await NewBodyAsync(officer);
        var yearly = await NewPostAsync(officer, body, seats: 5, termMonths: 12);
        var monthly = await NewPostAsync(officer, body, seats: 5, termMonths: 1);
        var open = await NewPostAsync(officer, body, seats: 5);
        var (a, b, c, d, e) = (await Organizing.NewMemberAsync(app, Ct), await Organizing.NewMemberAsync(app, Ct), await Organizing.NewMemberAsync(app, Ct),
            await Organizing.NewMemberAsync(app, Ct), await Organizing.NewMemberAsync(app, Ct));
        // 20 March 1918 + 12 months − 1 day = 19 March 1919: within 30 days of 1 March.
        var soon = (await (await Assign(officer, yearly, a, "1918-03-20")).Expect(HttpStatusCode.Created, Ct));
        Assert.Equal("1919-03-19", soon.Str("termEndsOn"));
        // 1 May 1918 → 30 April 1919: only within 60 days.
        await (await Assign(officer, yearly, b, "1918-05-01")).Expect(HttpStatusCode.Created, Ct);
        // 15 January + 1 month − 1 day = 14 February: past, but still held, so overdue and listed first.
        await (await Assign(officer, monthly, c, "1919-01-15")).Expect(HttpStatusCode.Created, Ct);
        // Ended already: not listed. No term: not listed.
        await (await Assign(officer, monthly, d, "1919-01-01", "1919-01-31")).Expect(HttpStatusCode.Created, Ct);
        await (await Assign(officer, open, e, "1918-01-01")).Expect(HttpStatusCode.Created, Ct);

        var within30 = await (await officer.GetAsync($"/api/v1/terms-ending?body={body}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([c, a], within30.Items().Select(i => i.GetProperty("memberId").GetInt32()));
        Assert.Equal(["1919-02-14", "1919-03-19"], within30.GetProperty("items").Strings("termEndsOn"));
        var within60 = await (await officer.GetAsync($"/api/v1/terms-ending?body={body}&days=60", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([c, a, b], within60.Items().Select(i => i.GetProperty("memberId").GetInt32()));
        await (await officer.GetAsync("/api/v1/terms-ending?days=-1", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "days");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Wrong_callers_are_refused_on_every_endpoint(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var body = await NewBodyAsync(officer, OrgTree.BranchA);
        var post = await NewPostAsync(officer, body, seats: 3);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var assignment = (await (await Assign(officer, post, member, "1919-02-01")).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var other = await Organizing.NewMemberAsync(app, Ct);

        // A viewer (and an organizer) of the unit reads everything and changes nothing.
        foreach (var role in new[] { Roles.Viewer, Roles.Organizer })
        {
            var reader = await app.ClientAsAsync(role, OrgTree.UnionA, Ct);
            await (await reader.GetAsync($"/api/v1/bodies/{body}", Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await reader.GetAsync($"/api/v1/bodies/{body}/posts", Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await reader.GetAsync($"/api/v1/posts/{post}", Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await reader.GetAsync($"/api/v1/posts/{post}/assignments", Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await reader.GetAsync($"/api/v1/assignments/{assignment}", Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await reader.GetAsync($"/api/v1/members/{member}/assignments", Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await reader.GetAsync($"/api/v1/terms-ending?body={body}", Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await reader.GetAsync("/api/v1/overrides", Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await reader.Post("/api/v1/bodies", new { name = "x", kind = "co-operative", orgUnit = OrgTree.UnionA }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await reader.Put($"/api/v1/bodies/{body}", new { name = "x", kind = "co-operative", orgUnit = OrgTree.BranchA }, null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await reader.Delete($"/api/v1/bodies/{body}", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await reader.Post($"/api/v1/bodies/{body}/posts", new { title = "x", seats = 1, rung = 1 }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await reader.Put($"/api/v1/posts/{post}", new { title = "x", seats = 3, rung = 1 }, null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await reader.Delete($"/api/v1/posts/{post}", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await Assign(reader, post, other, "1919-03-01")).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await reader.SendJsonAsync(HttpMethod.Patch, $"/api/v1/assignments/{assignment}", new { endsOn = "1919-03-01" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        }
        // Body kinds are federation administrators' to edit.
        await (await officer.Post("/api/v1/body-kinds", new { code = "soviet", name = "Soviet" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);

        // Outside the grants nothing exists.
        var stranger = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionB, Ct);
        await (await stranger.GetAsync($"/api/v1/bodies/{body}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/bodies/{body}/posts", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/posts/{post}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/posts/{post}/assignments", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/assignments/{assignment}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/members/{member}/assignments", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.GetAsync($"/api/v1/terms-ending?body={body}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.Put($"/api/v1/bodies/{body}", new { name = "x", kind = "co-operative", orgUnit = OrgTree.BranchA }, null, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.Delete($"/api/v1/bodies/{body}", null, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.Post($"/api/v1/bodies/{body}/posts", new { title = "x", seats = 1, rung = 1 }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.Put($"/api/v1/posts/{post}", new { title = "x", seats = 3, rung = 1 }, null, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.Delete($"/api/v1/posts/{post}", null, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await Assign(stranger, post, other, "1919-03-01")).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await stranger.SendJsonAsync(HttpMethod.Patch, $"/api/v1/assignments/{assignment}", new { endsOn = "1919-03-01" }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        Assert.DoesNotContain(body, (await (await stranger.GetAsync("/api/v1/bodies?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct)).Items().Select(b => b.GetProperty("id").GetInt32()));

        // A member outside the officer's grants is 404; one inside them but outside the body's unit is a 400.
        var bBody = await NewBodyAsync(await app.ClientAsAsync(Roles.Officer, OrgTree.UnionB, Ct), OrgTree.UnionB);
        var gromov = app.Org.Members["gromov"].Id;
        await (await Assign(officer, post, gromov, "1919-03-01")).ExpectProblem(HttpStatusCode.NotFound, Ct);
        var alekseeva = app.Org.Members["alekseeva"].Id; // on the union, not the branch that fills this body
        await (await Assign(officer, post, alekseeva, "1919-03-01")).ExpectProblem(HttpStatusCode.BadRequest, Ct, "memberId");
        Assert.Equal(0, await app.InScopeAsync((_, db) => db.Assignments.CountAsync(a => a.MemberId == other || a.MemberId == gromov || a.MemberId == alekseeva, Ct)));
        Assert.True(bBody > 0);
    }
}
