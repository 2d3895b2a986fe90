using System.Net;
using System.Text.Json;

namespace Rally.IntegrationTests.OrgUnits;

/// <summary>The org tree over HTTP: scope, creation, moves without cycles, and archiving.</summary>
public class OrgUnitApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scoped_user_sees_only_their_subtree(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("viewer", OrgTree.UnionA, Ct);
        var units = await client.GetJsonAsync($"/api/v1/org-units?under={OrgTree.Federation}&sort=code", Ct);
        // Other tests of this class may add units under A; nothing outside A may ever appear.
        var codes = units.GetProperty("items").Strings("code");
        Assert.Equal([OrgTree.UnionA, OrgTree.BranchA, OrgTree.WorkplaceA], codes.Intersect([OrgTree.UnionA, OrgTree.BranchA, OrgTree.WorkplaceA]));
        Assert.All(codes, c => Assert.StartsWith("UA", c, StringComparison.Ordinal));
        Assert.Equal(codes.Length, units.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/org-units/{OrgTree.UnionB}", Ct)).StatusCode);
        var a = await client.GetAsync($"/api/v1/org-units/{OrgTree.UnionA}", Ct);
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.NotNull(a.Headers.ETag);
        Assert.Equal("union", (await a.ReadAsync(Ct)).GetProperty("kind").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Units_are_created_under_a_parent_the_officer_holds(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var code = "UA-" + provider[..2].ToUpperInvariant() + "-NEW";
        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/org-units", new { code, name = "Narva branch", kind = "branch", parent = OrgTree.UnionA, town = "Petrograd" }, Ct);
        var body = await created.ReadAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal($"{app.Org.Units[OrgTree.UnionA].Path}{body.GetProperty("id").GetInt32()}/", body.GetProperty("path").GetString());
        Assert.Equal(2, body.GetProperty("depth").GetInt32());

        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/org-units", new { code, name = "Again", kind = "branch", parent = OrgTree.UnionA }, Ct), Ct, "code");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/org-units", new { code = "bad code!", name = "", kind = "castle", parent = "NOWHERE" }, Ct), Ct, "code", "name", "kind", "parent");
        // Union B is not the officer's: it is answered as unknown.
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/org-units", new { code = code + "2", name = "Elsewhere", kind = "branch", parent = OrgTree.UnionB }, Ct), Ct, "parent");
        // Only a federation-wide officer can add a top-level unit.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/org-units", new { code = code + "3", name = "Top", kind = "federation" }, Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_move_carries_the_subtree_and_never_makes_a_cycle(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync("administrator", null, Ct);
        var p = provider[..2].ToUpperInvariant();
        async Task<JsonElement> Create(string code, string kind, string parent)
        {
            var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/org-units", new { code, name = code, kind, parent }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.ReadAsync(Ct);
        }
        var top = await Create($"MV-{p}", "union", OrgTree.Federation);
        var mid = await Create($"MV-{p}-1", "branch", $"MV-{p}");
        var leaf = await Create($"MV-{p}-1-W", "workplace", $"MV-{p}-1");

        await Json.AssertFieldErrors(await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/org-units/MV-{p}", new { parent = $"MV-{p}-1-W" }, Ct), Ct, "parent");
        await Json.AssertFieldErrors(await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/org-units/MV-{p}", new { parent = $"MV-{p}" }, Ct), Ct, "parent");

        var moved = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/org-units/MV-{p}-1", new { parent = OrgTree.UnionB }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var ub = app.Org.Units[OrgTree.UnionB].Path;
        Assert.Equal($"{ub}{mid.GetProperty("id").GetInt32()}/", (await moved.ReadAsync(Ct)).GetProperty("path").GetString());
        var leafNow = await admin.GetJsonAsync($"/api/v1/org-units/MV-{p}-1-W", Ct);
        Assert.Equal($"{ub}{mid.GetProperty("id").GetInt32()}/{leaf.GetProperty("id").GetInt32()}/", leafNow.GetProperty("path").GetString());
        Assert.Equal(3, leafNow.GetProperty("depth").GetInt32());
        var underB = await admin.GetJsonAsync($"/api/v1/org-units?under={OrgTree.UnionB}&pageSize=500", Ct);
        Assert.Contains($"MV-{p}-1-W", underB.GetProperty("items").Strings("code"));
        Assert.Equal([$"MV-{p}"], (await admin.GetJsonAsync($"/api/v1/org-units?under=MV-{p}", Ct)).GetProperty("items").Strings("code"));
        Assert.Equal(top.GetProperty("path").GetString(), (await admin.GetJsonAsync($"/api/v1/org-units/MV-{p}", Ct)).GetProperty("path").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Archiving_keeps_the_unit_and_refuses_while_it_has_members(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync("administrator", null, Ct);
        var busy = await admin.DeleteAsync($"/api/v1/org-units/{OrgTree.BranchB}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);

        var code = $"AR-{provider[..2].ToUpperInvariant()}";
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/org-units", new { code, name = "Short-lived", kind = "branch", parent = OrgTree.UnionB }, Ct);
        var etag = created.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/org-units/{code}") { Headers = { { "If-Match", "\"41\"" } } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/org-units/{code}") { Headers = { { "If-Match", etag } } }, Ct)).StatusCode);
        var archived = await admin.GetJsonAsync($"/api/v1/org-units/{code}", Ct);
        Assert.NotEqual(JsonValueKind.Null, archived.GetProperty("archivedAt").ValueKind);
        Assert.DoesNotContain(code, (await admin.GetJsonAsync($"/api/v1/org-units?under={OrgTree.UnionB}", Ct)).GetProperty("items").Strings("code"));
        Assert.Contains(code, (await admin.GetJsonAsync($"/api/v1/org-units?under={OrgTree.UnionB}&includeArchived=true", Ct)).GetProperty("items").Strings("code"));
    }
}
