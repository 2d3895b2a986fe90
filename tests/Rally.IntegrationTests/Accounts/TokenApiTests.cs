using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Accounts;

/// <summary>/api/v1/tokens: issue, list, revoke; a revoked token stops authenticating at once.</summary>
public class TokenApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_issues_lists_and_revokes_their_own_token_which_then_answers_401(string provider)
    {
        var app = await fixture.For(provider);
        var user = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionB, ct: Ct);
        var client = app.Client(user.Token);

        var response = await client.Post("/api/v1/tokens", new { name = "phone" }, Ct);
        var issued = await response.Expect(HttpStatusCode.Created, Ct);
        var secret = issued.Str("token");
        var id = issued.GetProperty("id").GetInt32();
        Assert.StartsWith(AccessTokens.Prefix, secret);
        Assert.Equal($"/api/v1/tokens/{id}", response.Headers.Location?.OriginalString);
        // Only the hash is stored, never the secret.
        var stored = await app.InScopeAsync((_, db) => db.AccessTokens.Where(t => t.Id == id).Select(t => new { t.Hash, t.UserId }).SingleAsync(Ct));
        Assert.Equal(AccessTokens.Hash(secret), stored.Hash);
        Assert.Equal(user.Id, stored.UserId);

        var fresh = app.Client(secret);
        Assert.Equal(user.Id, (await (await fresh.GetAsync("/api/v1/me", Ct)).Expect(HttpStatusCode.OK, Ct)).Str("id"));

        var list = await (await client.GetAsync("/api/v1/tokens", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        var listed = list.Items().First();
        Assert.Equal(id, listed.GetProperty("id").GetInt32()); // newest first
        Assert.Equal(secret[..10], listed.Str("prefix"));
        Assert.Equal(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"], listed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(secret, list.GetRawText());

        await (await client.DeleteAsync($"/api/v1/tokens/{id}", Ct)).Expect(HttpStatusCode.NoContent, Ct);
        await (await fresh.GetAsync("/api/v1/me", Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
        await (await client.GetAsync("/api/v1/me", Ct)).Expect(HttpStatusCode.OK, Ct);
        var after = await (await client.GetAsync($"/api/v1/tokens/{id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.NotEqual(JsonValueKind.Null, after.GetProperty("revokedAt").ValueKind);

        await (await client.Post("/api/v1/tokens", new { name = "  " }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "name");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Someone_elses_token_is_not_found_unless_you_administer_them(string provider)
    {
        var app = await fixture.For(provider);
        var owner = await app.CreateUserAsync(Roles.Organizer, OrgTree.BranchA, ct: Ct);
        var ownerToken = await app.InScopeAsync((_, db) => db.AccessTokens.Where(t => t.UserId == owner.Id).Select(t => t.Id).SingleAsync(Ct));

        var peer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        await (await peer.DeleteAsync($"/api/v1/tokens/{ownerToken}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await peer.GetAsync($"/api/v1/tokens/{ownerToken}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        var otherUnionAdmin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionB, Ct);
        await (await otherUnionAdmin.DeleteAsync($"/api/v1/tokens/{ownerToken}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await otherUnionAdmin.GetAsync($"/api/v1/users/{owner.Id}/tokens", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await app.Client(owner.Token).GetAsync("/api/v1/me", Ct)).Expect(HttpStatusCode.OK, Ct);

        var unionAdmin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionA, Ct);
        var theirs = await (await unionAdmin.GetAsync($"/api/v1/users/{owner.Id}/tokens", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(ownerToken, theirs.Items().Single().GetProperty("id").GetInt32());
        await (await unionAdmin.DeleteAsync($"/api/v1/tokens/{ownerToken}", Ct)).Expect(HttpStatusCode.NoContent, Ct);
        await (await app.Client(owner.Token).GetAsync("/api/v1/me", Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
    }
}
