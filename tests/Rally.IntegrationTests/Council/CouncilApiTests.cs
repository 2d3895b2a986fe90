using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Rally.IntegrationTests.Council;

/// <summary>The council over HTTP: the engine on any table, constituencies from live data, saving and reading apportionments, and who may do what.</summary>
public class CouncilApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly object[] Council = [new { name = "Metal", count = 610 }, new { name = "Textile", count = 290 }, new { name = "Poor Peasants", count = 500 }];

    static int[] Seats(JsonElement body) => [.. body.GetProperty("constituencies").EnumerateArray().Select(c => c.GetProperty("seats").GetInt32())];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Calculate_answers_the_seats_in_input_order_with_the_step_log(string provider)
    {
        var app = await fixture.For(provider);
        var viewer = await app.ClientAsAsync("viewer", OrgTree.UnionA, Ct);
        // A quarter of 8 seats is 2 (worked by hand in ApportionTests): seats 7 and 8 go on to Metal and Textile.
        foreach (object share in new object[] { "1/4", 0.25 })
        {
            var response = await viewer.SendJsonAsync(HttpMethod.Post, "/api/v1/apportionments/calculate",
                new { method = "dhondt", seats = 8, caps = new[] { new { name = "Poor Peasants", maxShare = share } }, constituencies = Council }, Ct);
            var body = await response.ReadAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            Assert.Equal([4, 2, 2], Seats(body));
            Assert.True(body.GetProperty("complete").GetBoolean());
            Assert.Equal(["Metal", "Textile", "Poor Peasants"], body.GetProperty("constituencies").Strings("name"));
            Assert.True(body.GetProperty("constituencies")[2].GetProperty("capBound").GetBoolean());
            var bound = body.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "cap-bound").ToList();
            Assert.Equal([7, 8], bound.Select(s => s.GetProperty("seat").GetInt32()));
            Assert.Equal("500/3", bound[0].GetProperty("value").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Calculate_reports_a_tie_and_a_tie_rule_decides_it(string provider)
    {
        var app = await fixture.For(provider);
        var viewer = await app.ClientAsAsync("viewer", null, Ct);
        object[] table = [new { name = "A", count = 200 }, new { name = "B", count = 100 }];
        var tied = await viewer.GetJsonOk(await viewer.SendJsonAsync(HttpMethod.Post, "/api/v1/apportionments/calculate", new { method = "dhondt", seats = 2, constituencies = table }, Ct));
        Assert.False(tied.GetProperty("complete").GetBoolean());
        var tie = tied.GetProperty("ties")[0];
        Assert.Equal((2, 1), (tie.GetProperty("firstSeat").GetInt32(), tie.GetProperty("seats").GetInt32()));
        Assert.Equal(["A", "B"], tie.GetProperty("constituencies").EnumerateArray().Select(c => c.GetString()));
        var decided = await viewer.GetJsonOk(await viewer.SendJsonAsync(HttpMethod.Post, "/api/v1/apportionments/calculate", new { method = "dhondt", seats = 2, tieRule = "larger-count", constituencies = table }, Ct));
        Assert.Equal([2, 0], Seats(decided));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Calculate_bad_input_is_400_naming_the_field(string provider)
    {
        var app = await fixture.For(provider);
        var viewer = await app.ClientAsAsync("viewer", null, Ct);
        async Task Expect(object body, params string[] fields) =>
            await Json.AssertFieldErrors(await viewer.SendJsonAsync(HttpMethod.Post, "/api/v1/apportionments/calculate", body, Ct), Ct, fields);

        await Expect(new { }, "method", "seats", "constituencies");
        await Expect(new { method = "borda", seats = 3, constituencies = Council }, "method");
        await Expect(new { method = "dhondt", seats = 3, constituencies = new object[] { new { name = "A", count = 1 }, new { name = "a", count = 2 } } }, "constituencies");
        await Expect(new { method = "dhondt", seats = 3, constituencies = new object[] { new { name = "A", count = -1 } } }, "constituencies");
        await Expect(new { method = "dhondt", seats = 3, minSeats = 2, constituencies = Council }, "minSeats");
        await Expect(new { method = "dhondt", seats = 3, caps = new[] { new { name = "Nobody", maxSeats = 1 } }, constituencies = Council }, "caps");
        await Expect(new { method = "dhondt", seats = 9, caps = new[] { new { name = "Metal", maxSeats = 3 }, new { name = "Textile", maxSeats = 3 }, new { name = "Poor Peasants", maxSeats = 2 } }, constituencies = Council }, "caps");
        await Expect(new { method = "dhondt", seats = 3, caps = new[] { new { name = "Metal", maxShare = "a quarter" } }, constituencies = Council }, "caps[0].maxShare");
        await Expect(new { method = "dhondt", seats = 3, tieRule = "coin", constituencies = Council }, "tieRule");
        await Json.AssertFieldErrors(await viewer.SendRawAsync(HttpMethod.Post, "/api/v1/apportionments/calculate", """{"method":"dhondt","seats":"many"}""", Ct), Ct, "seats");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_council_endpoint_needs_a_signed_in_caller(string provider)
    {
        var app = await fixture.For(provider);
        var anonymous = app.Client();
        var calculate = await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/apportionments/calculate", new { method = "dhondt", seats = 2, constituencies = Council }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, calculate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/council/constituencies", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/council/apportionments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/council/apportionments", new { method = "dhondt", seats = 2 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client("rly_not-a-token").SendJsonAsync(HttpMethod.Post, "/api/v1/apportionments/calculate", new { method = "dhondt", seats = 2, constituencies = Council }, Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Constituencies_are_the_unions_and_sections_with_their_members_at_the_date(string provider)
    {
        var app = await fixture.For(provider);
        await CouncilSeed.EnsureAsync(app, Ct);
        var viewer = await app.ClientAsAsync("viewer", null, Ct);

        (string Code, long Count)[] Rows(JsonElement body) => [.. body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("code").GetString()!, i.GetProperty("count").GetInt64()))];

        var march = await viewer.GetJsonAsync("/api/v1/council/constituencies?date=1919-03-01", Ct);
        Assert.Equal([(OrgTree.UnionA, 2L), (OrgTree.UnionB, 3L), (CouncilSeed.Section, 5L)], Rows(march));
        Assert.Equal(10, march.GetProperty("total").GetInt64());
        Assert.Equal("section", march.GetProperty("items")[2].GetProperty("kind").GetString());

        // Before Belov left and Volkova lapsed, before Gromov joined and the fifth villager was admitted.
        var january = await viewer.GetJsonAsync("/api/v1/council/constituencies?date=1919-01-01", Ct);
        Assert.Equal([(OrgTree.UnionA, 4L), (OrgTree.UnionB, 2L), (CouncilSeed.Section, 4L)], Rows(january));

        // A viewer of Union A sees Union A only.
        var scoped = await app.ClientAsAsync("viewer", OrgTree.UnionA, Ct);
        Assert.Equal([(OrgTree.UnionA, 2L)], Rows(await scoped.GetJsonAsync("/api/v1/council/constituencies?date=1919-03-01", Ct)));

        await Json.AssertFieldErrors(await viewer.GetAsync("/api/v1/council/constituencies?date=1-3-1919", Ct), Ct, "date");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_of_the_federation_saves_an_apportionment_and_the_councils_posts_follow_it(string provider)
    {
        var app = await fixture.For(provider);
        await CouncilSeed.EnsureAsync(app, Ct);
        var officer = await app.ClientAsAsync("officer", null, Ct);

        // 1919-03-01: Union A 2, Union B 3, section 5. D'Hondt, 8 seats, a minimum of 1, the section capped at a quarter (2):
        // seats 1–3 one each; seat 4 the section (5/2); then Union B 3/2, Union A 2/2 (tied with B's 3/3, first listed),
        // Union B 3/3, Union B 3/4 over Union A 2/3. Union A 2, Union B 4, section 2.
        var capped = new
        {
            date = "1919-03-01", method = "dhondt", seats = 8, minSeats = 1,
            caps = new[] { new { name = CouncilSeed.SectionName, maxShare = "1/4" } },
        };
        var response = await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/council/apportionments", capped, Ct);
        var saved = await response.ReadAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, saved.ToString());
        Assert.Equal([2, 4, 2], Seats(saved));
        Assert.Equal([2L, 3L, 5L], saved.GetProperty("constituencies").EnumerateArray().Select(c => c.GetProperty("count").GetInt64()));
        // The section, at its cap from seat 4, has the highest quotient (5/3) for each of seats 5–8.
        Assert.Equal([5, 6, 7, 8], saved.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "cap-bound").Select(s => s.GetProperty("seat").GetInt32()));
        var id = saved.GetProperty("id").GetInt32();
        Assert.Equal(response.Headers.Location?.ToString(), $"/api/v1/council/apportionments/{id}");
        Assert.Equal(
            [("Council seats: Union A", 2), ("Council seats: Union B", 4), ($"Council seats: {CouncilSeed.SectionName}", 2)],
            saved.GetProperty("posts").EnumerateArray().Select(p => (p.GetProperty("title").GetString()!, p.GetProperty("seats").GetInt32())));

        // 1919-01-01 without a cap: Union A 4, Union B 2, section 4; the eighth seat is a three-way tie at 1.
        var january = new { date = "1919-01-01", method = "dhondt", seats = 8 };
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/council/apportionments", january, Ct), Ct, "tieRule");
        var decided = await officer.SendJsonAsync(HttpMethod.Post, "/api/v1/council/apportionments", new { january.date, january.method, january.seats, tieRule = "larger-count" }, Ct);
        var second = await decided.ReadAsync(Ct);
        Assert.True(decided.StatusCode == HttpStatusCode.Created, second.ToString());
        Assert.Equal([4, 1, 3], Seats(second));
        Assert.Equal(saved.GetProperty("bodyId").GetInt32(), second.GetProperty("bodyId").GetInt32());
        Assert.Equal([4, 1, 3], second.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("seats").GetInt32()));

        var list = await officer.GetJsonAsync("/api/v1/council/apportionments", Ct);
        Assert.Equal(second.GetProperty("id").GetInt32(), list.GetProperty("items")[0].GetProperty("id").GetInt32());
        var first = await officer.GetJsonAsync($"/api/v1/council/apportionments/{id}", Ct);
        Assert.Equal([2, 4, 2], Seats(first));
        Assert.Equal("1919-03-01", first.GetProperty("countedOn").GetString());
        Assert.Equal("1/4", first.GetProperty("caps")[0].GetProperty("maxShare").GetString());
        await officer.GetJsonAsync("/api/v1/council/apportionments/99999", Ct, HttpStatusCode.NotFound);

        // Audited: the apportionments, the council body and its posts.
        var audit = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Apportionment" || a.EntityType == "Body")
            .Select(a => a.EntityType + ":" + a.Action).ToListAsync(Ct));
        Assert.Equal(2, audit.Count(a => a == "Apportionment:create"));
        Assert.Contains("Body:create", audit);
        Assert.Equal(3, audit.Count(a => a == "Body:post-create"));
        Assert.Equal(3, audit.Count(a => a == "Body:post-update"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Saving_needs_the_officer_role_on_the_whole_federation_and_reading_a_role_on_it(string provider)
    {
        var app = await fixture.For(provider);
        await CouncilSeed.EnsureAsync(app, Ct);
        var body = new { date = "1919-03-01", method = "hamilton", seats = 5 };
        foreach (var (role, scope) in new[] { ("viewer", (string?)null), ("organizer", null), ("officer", OrgTree.UnionA), ("administrator", OrgTree.UnionB) })
        {
            var client = await app.ClientAsAsync(role, scope, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/council/apportionments", body, Ct)).StatusCode);
        }
        var unionOfficer = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await unionOfficer.GetAsync("/api/v1/council/apportionments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unionOfficer.GetAsync("/api/v1/council/apportionments/1", Ct)).StatusCode);
        var viewer = await app.ClientAsAsync("viewer", null, Ct);
        await viewer.GetJsonAsync("/api/v1/council/apportionments", Ct);
        Assert.Equal(0, await app.InScopeAsync((_, db) => db.Apportionments.CountAsync(a => a.Method == "hamilton", Ct)));
    }
}

static class CouncilJson
{
    public static async Task<JsonElement> GetJsonOk(this HttpClient _, HttpResponseMessage response)
    {
        var body = await response.ReadAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }
}
