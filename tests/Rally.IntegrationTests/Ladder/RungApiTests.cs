using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.Features.Education;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Ladder;

/// <summary>/api/v1/rungs: the ladder as data, edited by federation-wide administrators only.</summary>
public class RungApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<int> ProgrammeAsync(RallyApp app, string name) => app.InScopeAsync(async (_, db) =>
    {
        var p = new Programme { Name = name, KindId = 1, OrgUnitId = app.Org.Units[OrgTree.Federation].Id, StartsOn = new DateOnly(1919, 1, 1), CreatedAt = PinnedClockFixture.Now, CreatedBy = "test", Version = 1 };
        db.Programmes.Add(p);
        await db.SaveChangesAsync(Ct);
        return p.Id;
    });

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_seeded_ladder_is_readable_by_any_grant_rung_1_first(string provider)
    {
        var app = await fixture.For(provider);
        var viewer = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionB, Ct);
        var list = await (await viewer.GetAsync("/api/v1/rungs", Ct)).Expect(HttpStatusCode.OK, Ct);
        var items = list.Items().Take(4).ToList();
        Assert.Equal(["Co-operative work", "Supervising production", "Control and inspection", "Administrative post"], items.Select(i => i.Str("name")));
        Assert.Equal([1, 2, 3, 4], items.Select(i => i.GetProperty("position").GetInt32()));
        Assert.Equal([0, 3, 6, 12], items.Select(i => i.GetProperty("minMonthsBelow").GetInt32()));
        Assert.Equal(2, items[3].GetProperty("atOrBetterLevel").GetInt32());
        Assert.Equal("Engagement", items[3].Str("scaleName"));
        var one = await viewer.GetAsync("/api/v1/rungs/2", Ct);
        Assert.Equal("Supervising production", (await one.Expect(HttpStatusCode.OK, Ct)).Str("name"));
        Assert.NotNull(one.Headers.ETag);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/rungs", Ct)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Federation_administrators_add_a_rung_at_the_top_and_change_its_conditions(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        var course = await ProgrammeAsync(app, "Course " + ApiCalls.Unique());
        var circle = await ProgrammeAsync(app, "Circle " + ApiCalls.Unique());
        var before = (await (await admin.GetAsync("/api/v1/rungs?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct)).GetProperty("total").GetInt32();

        var response = await admin.Post("/api/v1/rungs", new { name = "People's commissar", description = "Heads a commissariat", minMonthsBelow = 24, programmeIds = new[] { course } }, Ct);
        var created = await response.Expect(HttpStatusCode.Created, Ct);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(before + 1, created.GetProperty("position").GetInt32());
        Assert.Equal($"/api/v1/rungs/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal([course], created.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));

        // Swap the course for the circle and ask for engagement 1, with the ETag it read; a stale one is 412 and changes nothing.
        var changed = await (await admin.Put($"/api/v1/rungs/{id}",
            new { name = "People's commissar", minMonthsBelow = 18, scaleId = 1, atOrBetterLevel = 1, programmeIds = new[] { circle } }, "\"1\"", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, changed.GetProperty("version").GetInt32());
        Assert.Equal(18, changed.GetProperty("minMonthsBelow").GetInt32());
        Assert.Equal(1, changed.GetProperty("atOrBetterLevel").GetInt32());
        Assert.Equal(JsonNull, changed.GetProperty("description").ValueKind);
        Assert.Equal([circle], changed.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal(before + 1, changed.GetProperty("position").GetInt32());
        await (await admin.Put($"/api/v1/rungs/{id}", new { name = "Stale" }, "\"1\"", Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);

        // Positions stay 1..N.
        var positions = (await (await admin.GetAsync("/api/v1/rungs?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct)).Items().Select(i => i.GetProperty("position").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, before + 1), positions);

        // Every step is in the rung's trail, the programmes named.
        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Rung" && a.EntityId == id.ToString())
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.Changes }).ToListAsync(Ct));
        Assert.Equal(["create", "programme-create"], trail.Take(2).Select(t => t.Action));
        Assert.Equal(["programme-create", "programme-delete", "update"], trail.Skip(2).Select(t => t.Action).Order(StringComparer.Ordinal));
        Assert.Contains($"\"after\":{circle}", trail.Single(t => t.Action == "programme-create" && t.Changes.Contains($"{circle}")).Changes);
        Assert.Contains($"\"before\":{course}", trail.Single(t => t.Action == "programme-delete").Changes);
    }

    static readonly System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_federation_administrators_edit_the_ladder(string provider)
    {
        var app = await fixture.For(provider);
        var rung = new { name = "Refused " + ApiCalls.Unique(), minMonthsBelow = 1 };
        foreach (var (role, scope) in new[] { (Roles.Administrator, OrgTree.UnionA), (Roles.Officer, (string?)null), (Roles.Viewer, null) })
        {
            var client = await app.ClientAsAsync(role, scope, Ct);
            await (await client.Post("/api/v1/rungs", rung, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await client.Put("/api/v1/rungs/1", new { name = "Co-operative work", minMonthsBelow = 0 }, null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        }
        var admin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        var list = await (await admin.GetAsync("/api/v1/rungs?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.DoesNotContain(rung.name, list.Items().Select(i => i.Str("name")));
        Assert.Equal("Co-operative work", (await (await admin.GetAsync("/api/v1/rungs/1", Ct)).Expect(HttpStatusCode.OK, Ct)).Str("name"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_rungs_are_400s_naming_the_field(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        await (await admin.Post("/api/v1/rungs", new { name = " " }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "name");
        await (await admin.Post("/api/v1/rungs", new { name = "x", minMonthsBelow = -1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "minMonthsBelow");
        await (await admin.Post("/api/v1/rungs", new { name = "x", scaleId = 1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "atOrBetterLevel");
        await (await admin.Post("/api/v1/rungs", new { name = "x", atOrBetterLevel = 2 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "scaleId");
        // The engagement scale has five levels.
        await (await admin.Post("/api/v1/rungs", new { name = "x", scaleId = 1, atOrBetterLevel = 6 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "atOrBetterLevel");
        await (await admin.Post("/api/v1/rungs", new { name = "x", scaleId = 1, atOrBetterLevel = 0 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "atOrBetterLevel");
        await (await admin.Post("/api/v1/rungs", new { name = "x", scaleId = 9999, atOrBetterLevel = 1 }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "scaleId");
        var missing = await (await admin.Put("/api/v1/rungs/3", new { name = "Control and inspection", minMonthsBelow = 6, programmeIds = new[] { 987654 } }, null, Ct))
            .ExpectProblem(HttpStatusCode.BadRequest, Ct, "programmeIds");
        Assert.Contains("987654", missing.GetProperty("errors").GetProperty("programmeIds")[0].GetString());
        await (await admin.Put("/api/v1/rungs/99999", new { name = "x" }, null, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await admin.Put("/api/v1/rungs/1", new { name = "x" }, "\"abc\"", Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);
        // Nothing changed.
        var three = await (await admin.GetAsync("/api/v1/rungs/3", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(0, three.GetProperty("programmes").GetArrayLength());
        Assert.Equal("Control and inspection", three.Str("name"));
    }
}
