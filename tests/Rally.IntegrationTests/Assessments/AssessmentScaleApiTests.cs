using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Assessments;

/// <summary>/api/v1/assessment-scales: the seeded engagement scale, unions' own scales, and who may edit which.</summary>
public class AssessmentScaleApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object Scale(string code, string? orgUnit = null, int levels = 3, int staleAfterDays = 60) => new
    {
        code, name = "Scale " + code, sortOrder = 20, orgUnit, staleAfterDays,
        levels = Enumerable.Range(1, levels).Select(l => new { level = l, name = "level " + l }).ToArray(),
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_engagement_scale_is_seeded_with_five_levels_and_readable_by_any_grant(string provider)
    {
        var app = await fixture.For(provider);
        var viewer = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionB, Ct);
        var scale = await (await viewer.GetAsync("/api/v1/assessment-scales/1", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("engagement", scale.Str("code"));
        Assert.Equal(90, scale.GetProperty("staleAfterDays").GetInt32());
        Assert.Equal(["leader", "supporter", "undecided", "sceptical", "opposed"], scale.GetProperty("levels").Strings("name"));
        Assert.Equal([1, 2, 3, 4, 5], scale.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("level").GetInt32()));
        var list = await (await viewer.GetAsync("/api/v1/assessment-scales", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Contains("engagement", list.GetProperty("items").Strings("code"));
        await (await app.Client().GetAsync("/api/v1/assessment-scales", Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Federation_administrators_edit_federation_scales_and_union_administrators_their_own(string provider)
    {
        var app = await fixture.For(provider);
        var fedAdmin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        var unionAdmin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionA, Ct);
        var officer = await app.ClientAsAsync(Roles.Officer, null, Ct);

        var fedCode = "f-" + ApiCalls.Unique();
        await (await fedAdmin.Post("/api/v1/assessment-scales", Scale(fedCode), Ct)).Expect(HttpStatusCode.Created, Ct);
        // A union administrator may not add a federation-wide scale, nor one for another union; an officer none at all.
        await (await unionAdmin.Post("/api/v1/assessment-scales", Scale("u-" + ApiCalls.Unique()), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await unionAdmin.Post("/api/v1/assessment-scales", Scale("u-" + ApiCalls.Unique(), OrgTree.UnionB), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await officer.Post("/api/v1/assessment-scales", Scale("o-" + ApiCalls.Unique()), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);

        var ownCode = "lead-" + ApiCalls.Unique();
        var response = await unionAdmin.Post("/api/v1/assessment-scales", Scale(ownCode, OrgTree.UnionA, levels: 4), Ct);
        var own = await response.Expect(HttpStatusCode.Created, Ct);
        var id = own.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/assessment-scales/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(OrgTree.UnionA, own.Str("orgUnit"));
        Assert.Equal(4, own.GetProperty("levels").GetArrayLength());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);

        // Renaming with the ETag it read; a stale one is 412 and changes nothing.
        var renamed = await (await unionAdmin.Put($"/api/v1/assessment-scales/{id}",
            new { code = ownCode, name = "Leadership", orgUnit = OrgTree.UnionA, staleAfterDays = 30, levels = new[] { new { level = 1, name = "leads" }, new { level = 2, name = "follows" } } }, "\"1\"", Ct))
            .Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, renamed.GetProperty("version").GetInt32());
        Assert.Equal(["leads", "follows"], renamed.GetProperty("levels").Strings("name"));
        Assert.Equal(30, renamed.GetProperty("staleAfterDays").GetInt32());
        await (await unionAdmin.Put($"/api/v1/assessment-scales/{id}", Scale(ownCode, OrgTree.UnionA), "\"1\"", Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);
        // Another union's administrator does not administer it.
        var otherAdmin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionB, Ct);
        await (await otherAdmin.Put($"/api/v1/assessment-scales/{id}", Scale(ownCode, OrgTree.UnionA), null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await otherAdmin.Delete($"/api/v1/assessment-scales/{id}", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        // Nor may a union administrator touch the engagement scale.
        await (await unionAdmin.Put("/api/v1/assessment-scales/1", Scale("engagement"), null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);

        // Scales that apply in union B's subtree: not union A's own.
        var inB = await (await otherAdmin.GetAsync($"/api/v1/assessment-scales?orgUnit={OrgTree.BranchB}&pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.DoesNotContain(ownCode, inB.GetProperty("items").Strings("code"));
        Assert.Contains(fedCode, inB.GetProperty("items").Strings("code"));
        var inA = await (await otherAdmin.GetAsync($"/api/v1/assessment-scales?orgUnit={OrgTree.WorkplaceA}&pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Contains(ownCode, inA.GetProperty("items").Strings("code"));

        Assert.Equal(HttpStatusCode.NoContent, (await unionAdmin.Delete($"/api/v1/assessment-scales/{id}", "\"2\"", Ct)).StatusCode);
        var archived = await (await unionAdmin.GetAsync($"/api/v1/assessment-scales/{id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, archived.GetProperty("archivedAt").ValueKind);
        var list = await (await unionAdmin.GetAsync("/api/v1/assessment-scales?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.DoesNotContain(ownCode, list.GetProperty("items").Strings("code"));
        await (await fedAdmin.Delete("/api/v1/assessment-scales/1", null, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);

        // Created with four levels, renamed down to two (two renamed, two removed), archived: every step in the scale's trail, scoped to union A.
        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "AssessmentScale" && a.EntityId == id.ToString())
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.ScopePath }).ToListAsync(Ct));
        var actions = trail.Select(t => t.Action).ToList();
        Assert.Equal(11, actions.Count);
        Assert.Equal(["create", "level-create", "level-create", "level-create", "level-create"], actions.Take(5));
        // The update is one save: its entries come in no particular order.
        Assert.Equal(["level-delete", "level-delete", "level-update", "level-update", "update"], actions.Skip(5).Take(5).Order(StringComparer.Ordinal));
        Assert.Equal("archive", actions[10]);
        Assert.All(trail, t => Assert.Equal(app.Org.Units[OrgTree.UnionA].Path, t.ScopePath));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_scales_are_400s_naming_the_field(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        var gap = new { code = "gap-" + ApiCalls.Unique(), name = "Gap", levels = new[] { new { level = 1, name = "a" }, new { level = 3, name = "c" } } };
        await (await admin.Post("/api/v1/assessment-scales", gap, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "levels");
        var one = new { code = "one-" + ApiCalls.Unique(), name = "One", levels = new[] { new { level = 1, name = "a" } } };
        await (await admin.Post("/api/v1/assessment-scales", one, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "levels");
        var unnamed = new { code = "un-" + ApiCalls.Unique(), name = "Unnamed", levels = new[] { new { level = 1, name = "a" }, new { level = 2, name = " " } } };
        await (await admin.Post("/api/v1/assessment-scales", unnamed, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "levels");
        await (await admin.Post("/api/v1/assessment-scales", Scale("engagement"), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "code");
        await (await admin.Post("/api/v1/assessment-scales", Scale("Bad Code"), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "code");
        await (await admin.Post("/api/v1/assessment-scales", Scale("s-" + ApiCalls.Unique(), staleAfterDays: 0), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "staleAfterDays");
        await (await admin.Post("/api/v1/assessment-scales", Scale("s-" + ApiCalls.Unique(), orgUnit: "NOWHERE"), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "orgUnit");
        await (await admin.GetAsync("/api/v1/assessment-scales/99999", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_level_used_by_assessments_cannot_be_removed(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        var code = "r-" + ApiCalls.Unique();
        var id = (await (await admin.Post("/api/v1/assessment-scales", Scale(code, levels: 3), Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt32();
        var member = await Organizing.NewMemberAsync(app, Ct);
        await (await admin.Post($"/api/v1/members/{member}/assessments", new { scale = code, level = 3 }, Ct)).Expect(HttpStatusCode.Created, Ct);
        await (await admin.Put($"/api/v1/assessment-scales/{id}", Scale(code, levels: 2), null, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "levels");
        // Adding a level is fine.
        var grown = await (await admin.Put($"/api/v1/assessment-scales/{id}", Scale(code, levels: 4), null, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(4, grown.GetProperty("levels").GetArrayLength());
    }
}
