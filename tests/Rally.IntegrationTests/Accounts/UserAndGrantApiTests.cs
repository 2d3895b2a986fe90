using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Accounts;

/// <summary>/api/v1/users, /api/v1/users/{id}/grants, /api/v1/grants and /api/v1/me.</summary>
public class UserAndGrantApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object NewUser(string tag, string role, string? scope) =>
        new { email = $"{tag}@users.example", name = $"User {tag}", role, scope };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_administrators_see_or_manage_users(string provider)
    {
        var app = await fixture.For(provider);
        var target = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionA, ct: Ct);
        await (await app.Client().GetAsync("/api/v1/users", Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
        foreach (var role in new[] { Roles.Officer, Roles.Organizer, Roles.Viewer })
        {
            var client = await app.ClientAsAsync(role, ct: Ct);
            await (await client.GetAsync("/api/v1/users", Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await client.GetAsync($"/api/v1/users/{target.Id}", Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await client.Post("/api/v1/users", NewUser(ApiCalls.Unique(), Roles.Viewer, OrgTree.UnionA), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await client.Post($"/api/v1/users/{target.Id}/grants", new { role = Roles.Viewer, orgUnit = OrgTree.UnionB }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await client.GetAsync("/api/v1/grants", Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_federation_administrator_creates_a_user_with_a_first_grant_and_finds_them(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var tag = ApiCalls.Unique();

        var response = await admin.Post("/api/v1/users", NewUser(tag, Roles.Organizer, OrgTree.BranchB), Ct);
        var user = await response.Expect(HttpStatusCode.Created, Ct);
        var id = user.Str("id");
        Assert.Equal($"/api/v1/users/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"{tag}@users.example", user.Str("email"));
        var grant = Assert.Single(user.GetProperty("grants").EnumerateArray());
        Assert.Equal((Roles.Organizer, OrgTree.BranchB), (grant.Str("role"), grant.Str("orgUnit")));

        var found = await (await admin.GetAsync($"/api/v1/users?search={tag.ToUpperInvariant()}&role=organizer", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(id, found.Items().Single().Str("id"));
        var wrongRole = await (await admin.GetAsync($"/api/v1/users?search={tag}&role=officer", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(0, wrongRole.GetProperty("total").GetInt32());

        // Bad input names the fields and creates nothing.
        var bad = await (await admin.Post("/api/v1/users", new { email = "not-an-address", name = "", role = "tsar", scope = "NO-SUCH-UNIT" }, Ct))
            .ExpectProblem(HttpStatusCode.BadRequest, Ct);
        Assert.Equal(["email", "name", "role", "scope"], bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        await (await admin.Post("/api/v1/users", NewUser(tag, Roles.Viewer, null), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "email");
        await (await admin.Post("/api/v1/users", new { email = $"pw-{tag}@users.example", name = "P", role = "viewer", password = "short" }, Ct))
            .ExpectProblem(HttpStatusCode.BadRequest, Ct, "password");
        Assert.False(await app.InScopeAsync((_, db) => db.Users.AnyAsync(u => u.Email == $"pw-{tag}@users.example", Ct)));
        await (await admin.GetAsync("/api/v1/users?sort=shoeSize", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "sort");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scoped_administrator_manages_only_their_subtree(string provider)
    {
        var app = await fixture.For(provider);
        var unionAdmin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionA, Ct);
        var inA = await app.CreateUserAsync(Roles.Organizer, OrgTree.BranchA, ct: Ct);
        var inB = await app.CreateUserAsync(Roles.Organizer, OrgTree.UnionB, ct: Ct);
        var federationWide = await app.CreateUserAsync(Roles.Viewer, ct: Ct);
        var tag = ApiCalls.Unique();

        // Creating: inside the subtree only, never the whole federation.
        await (await unionAdmin.Post("/api/v1/users", NewUser(tag + "-b", Roles.Viewer, OrgTree.UnionB), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await unionAdmin.Post("/api/v1/users", NewUser(tag + "-f", Roles.Viewer, null), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await unionAdmin.Post("/api/v1/users", NewUser(tag + "-fed", Roles.Viewer, OrgTree.Federation), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        var created = await (await unionAdmin.Post("/api/v1/users", NewUser(tag + "-a", Roles.Officer, OrgTree.WorkplaceA), Ct)).Expect(HttpStatusCode.Created, Ct);
        Assert.False(await app.InScopeAsync((_, db) => db.Users.AnyAsync(u => u.Email!.StartsWith(tag + "-b") || u.Email!.StartsWith(tag + "-f"), Ct)));

        // Seeing: users outside the subtree are not found, and never counted.
        await (await unionAdmin.GetAsync($"/api/v1/users/{inA.Id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        await (await unionAdmin.GetAsync($"/api/v1/users/{inB.Id}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await unionAdmin.GetAsync($"/api/v1/users/{federationWide.Id}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        var list = await (await unionAdmin.GetAsync("/api/v1/users?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        var ids = list.Items().Select(u => u.Str("id")).ToList();
        Assert.Contains(inA.Id, ids);
        Assert.Contains(created.Str("id"), ids);
        Assert.DoesNotContain(inB.Id, ids);
        Assert.DoesNotContain(federationWide.Id, ids);
        Assert.Equal(ids.Count, list.GetProperty("total").GetInt32());
        Assert.All(list.Items().SelectMany(u => u.GetProperty("grants").EnumerateArray()),
            g => Assert.Contains(g.GetProperty("orgUnit").GetString(), new[] { OrgTree.UnionA, OrgTree.BranchA, OrgTree.WorkplaceA }));

        // Granting: on units inside the subtree only.
        await (await unionAdmin.Post($"/api/v1/users/{inA.Id}/grants", new { role = Roles.Viewer, orgUnit = OrgTree.UnionB }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await unionAdmin.Post($"/api/v1/users/{inA.Id}/grants", new { role = Roles.Viewer }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await unionAdmin.Post($"/api/v1/users/{inB.Id}/grants", new { role = Roles.Viewer, orgUnit = OrgTree.UnionA }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        var granted = await (await unionAdmin.Post($"/api/v1/users/{inA.Id}/grants", new { role = Roles.Officer, orgUnit = OrgTree.UnionA }, Ct)).Expect(HttpStatusCode.Created, Ct);
        Assert.Equal(OrgTree.UnionA, granted.Str("orgUnit"));
        var grants = await app.InScopeAsync((_, db) => db.RoleGrants.Where(g => g.UserId == inA.Id && g.RevokedAt == null).Select(g => g.OrgUnit!.Code).ToListAsync(Ct));
        Assert.Equal([OrgTree.UnionA, OrgTree.BranchA], grants.Order(StringComparer.Ordinal));

        // Revoking: a grant of a user outside the subtree is not found.
        var inBGrant = await app.InScopeAsync((_, db) => db.RoleGrants.Where(g => g.UserId == inB.Id).Select(g => g.Id).SingleAsync(Ct));
        await (await unionAdmin.DeleteAsync($"/api/v1/grants/{inBGrant}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        Assert.Null(await app.InScopeAsync((_, db) => db.RoleGrants.Where(g => g.Id == inBGrant).Select(g => g.RevokedAt).SingleAsync(Ct)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Grants_are_listed_filtered_and_revoked_but_kept_on_record(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var user = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionB, ct: Ct);

        var added = await (await admin.Post($"/api/v1/users/{user.Id}/grants", new { role = Roles.Organizer, orgUnit = OrgTree.BranchB }, Ct)).Expect(HttpStatusCode.Created, Ct);
        await (await admin.Post($"/api/v1/users/{user.Id}/grants", new { role = Roles.Organizer, orgUnit = OrgTree.BranchB }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "role");
        await (await admin.Post($"/api/v1/users/{user.Id}/grants", new { role = "boss", orgUnit = "nowhere" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "orgUnit");

        var byUser = await (await admin.GetAsync($"/api/v1/grants?user={Uri.EscapeDataString(user.Email.ToUpperInvariant())}&sort=role", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([Roles.Organizer, Roles.Viewer], byUser.Items().Select(g => g.Str("role")));
        var underB = await (await admin.GetAsync($"/api/v1/grants?user={user.Id}&orgUnit={OrgTree.UnionB}&role=organizer", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(added.GetProperty("id").GetInt32(), underB.Items().Single().GetProperty("id").GetInt32());
        var underA = await (await admin.GetAsync($"/api/v1/grants?user={user.Id}&orgUnit={OrgTree.UnionA}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(0, underA.GetProperty("total").GetInt32());
        await (await admin.GetAsync("/api/v1/grants?orgUnit=nowhere", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "orgUnit");

        var id = added.GetProperty("id").GetInt32();
        await (await admin.DeleteAsync($"/api/v1/grants/{id}", Ct)).Expect(HttpStatusCode.NoContent, Ct);
        var revoked = await (await admin.GetAsync($"/api/v1/grants/{id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
        var active = await (await admin.GetAsync($"/api/v1/users/{user.Id}/grants", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([Roles.Viewer], active.Items().Select(g => g.Str("role")));
        var withRevoked = await (await admin.GetAsync($"/api/v1/users/{user.Id}/grants?includeRevoked=true", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, withRevoked.GetProperty("total").GetInt32());

        // The organizer role is gone at once: the user's own view says so.
        var me = await (await app.Client(user.Token).GetAsync("/api/v1/me", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([Roles.Viewer], me.GetProperty("grants").EnumerateArray().Select(g => g.Str("role")));

        var trail = await (await admin.GetAsync($"/api/v1/audit?entityType=User&entityId={user.Id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        var actions = trail.Items().Select(e => e.Str("action")).ToList();
        Assert.Equal("revoke", actions[0]);
        Assert.Equal("grant", actions[1]);
        var revocation = trail.Items().First().GetProperty("changes");
        Assert.Equal(id, revocation.GetProperty("grantId").GetProperty("after").GetInt32());
        Assert.Equal(Roles.Organizer, revocation.GetProperty("role").GetProperty("after").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Update_renames_and_disables_under_if_match_and_a_disabled_user_is_shut_out(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.CreateUserAsync(Roles.Administrator, ct: Ct);
        var client = app.Client(admin.Token);
        var user = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionA, ct: Ct);

        var get = await client.GetAsync($"/api/v1/users/{user.Id}", Ct);
        await get.Expect(HttpStatusCode.OK, Ct);
        var etag = get.Headers.ETag!.Tag;

        await (await client.Put($"/api/v1/users/{user.Id}", new { name = "Never", disabled = false }, "\"stale\"", Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);
        await (await client.Put($"/api/v1/users/{user.Id}", new { name = "", disabled = false }, etag, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "name");
        await (await client.Put($"/api/v1/users/{admin.Id}", new { name = "Me", disabled = true }, null, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "disabled");

        var put = await client.Put($"/api/v1/users/{user.Id}", new { name = "Renamed", disabled = true }, etag, Ct);
        var updated = await put.Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("Renamed", updated.Str("name"));
        Assert.NotEqual(JsonValueKind.Null, updated.GetProperty("disabledAt").ValueKind);
        Assert.NotEqual(etag, put.Headers.ETag!.Tag);
        await (await client.Put($"/api/v1/users/{user.Id}", new { name = "Lost", disabled = false }, etag, Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);

        await (await app.Client(user.Token).GetAsync("/api/v1/me", Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
        await (await client.Put($"/api/v1/users/{user.Id}", new { name = "Renamed", disabled = false }, null, Ct)).Expect(HttpStatusCode.OK, Ct);
        var me = await (await app.Client(user.Token).GetAsync("/api/v1/me", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("Renamed", me.Str("name"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Me_shows_any_signed_in_user_their_own_grants(string provider)
    {
        var app = await fixture.For(provider);
        var user = await app.CreateUserAsync(Roles.Organizer, OrgTree.BranchA, ct: Ct);
        var me = await (await app.Client(user.Token).GetAsync("/api/v1/me", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(user.Id, me.Str("id"));
        Assert.Equal(user.Email, me.Str("email"));
        var grant = Assert.Single(me.GetProperty("grants").EnumerateArray());
        Assert.Equal((Roles.Organizer, OrgTree.BranchA), (grant.Str("role"), grant.Str("orgUnit")));
        await (await app.Client().GetAsync("/api/v1/me", Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_last_federation_wide_administrator_grant_cannot_be_revoked(string provider)
    {
        // A database of its own: the shared one has administrators from other tests.
        await using var app = await RallyApp.StartAsync(provider, seed: false, ct: Ct);
        var first = await app.CreateUserAsync(Roles.Administrator, ct: Ct);
        var client = app.Client(first.Token);
        var firstGrant = (await (await client.GetAsync("/api/v1/me", Ct)).Expect(HttpStatusCode.OK, Ct)).GetProperty("grants")[0].GetProperty("id").GetInt32();

        var refused = await (await client.DeleteAsync($"/api/v1/grants/{firstGrant}", Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        Assert.Contains("last federation-wide administrator", refused.Str("detail"));
        Assert.Null(await app.InScopeAsync((_, db) => db.RoleGrants.Where(g => g.Id == firstGrant).Select(g => g.RevokedAt).SingleAsync(Ct)));

        // A disabled administrator does not count as another one.
        var second = (await (await client.Post("/api/v1/users", new { email = "second@admins.example", name = "Second", role = Roles.Administrator }, Ct))
            .Expect(HttpStatusCode.Created, Ct)).Str("id");
        await (await client.Put($"/api/v1/users/{second}", new { name = "Second", disabled = true }, null, Ct)).Expect(HttpStatusCode.OK, Ct);
        await (await client.DeleteAsync($"/api/v1/grants/{firstGrant}", Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);

        await (await client.Put($"/api/v1/users/{second}", new { name = "Second", disabled = false }, null, Ct)).Expect(HttpStatusCode.OK, Ct);
        await (await client.DeleteAsync($"/api/v1/grants/{firstGrant}", Ct)).Expect(HttpStatusCode.NoContent, Ct);
        // Revoked at once: the first administrator may no longer list users.
        await (await client.GetAsync("/api/v1/users", Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_page_and_sort_by_email_name_and_creation(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var tag = ApiCalls.Unique();
        foreach (var (local, name) in new[] { ("b", "Anna"), ("c", "Boris"), ("a", "Vera") })
            await (await admin.Post("/api/v1/users", new { email = $"{tag}-{local}@sorted.example", name = $"{name} {tag}", role = Roles.Viewer, scope = OrgTree.UnionA }, Ct))
                .Expect(HttpStatusCode.Created, Ct);

        async Task<List<string>> Emails(string query)
        {
            var page = await (await admin.GetAsync($"/api/v1/users?search={tag}&{query}", Ct)).Expect(HttpStatusCode.OK, Ct);
            Assert.Equal(3, page.GetProperty("total").GetInt32());
            return page.Items().Select(u => u.Str("email")[(tag.Length + 1)..(tag.Length + 2)]).ToList();
        }
        Assert.Equal(["a", "b", "c"], await Emails("sort=email"));
        Assert.Equal(["c", "b", "a"], await Emails("sort=-email"));
        Assert.Equal(["b", "c", "a"], await Emails("sort=name"));
        Assert.Equal(["b", "c", "a"], await Emails("sort=createdAt"));
        Assert.Equal(["a"], await Emails("sort=-createdAt&pageSize=1"));
        Assert.Equal(["c"], await Emails("sort=email&pageSize=2&page=2"));
    }
}
