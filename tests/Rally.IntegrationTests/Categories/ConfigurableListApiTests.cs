using System.Text.Json;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Categories;

/// <summary>
/// /api/v1/categories and /api/v1/org-unit-kinds: the two configurable lists behave alike, so
/// every test runs on both lists and both providers.
/// </summary>
public class ConfigurableListApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Cases => new()
    {
        { TestDatabase.Sqlite, "categories" }, { TestDatabase.Sqlite, "org-unit-kinds" },
        { TestDatabase.Postgres, "categories" }, { TestDatabase.Postgres, "org-unit-kinds" },
    };

    static string Url(string list, object? id = null) => id is null ? $"/api/v1/{list}" : $"/api/v1/{list}/{id}";

    [Theory, MemberData(nameof(Cases))]
    public async Task Without_a_token_every_verb_is_401(string provider, string list)
    {
        var app = await fixture.For(provider);
        var client = app.Client();
        await (await client.GetAsync(Url(list), Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
        await (await client.Post(Url(list), new { code = "x", name = "x" }, Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
        await (await client.Delete(Url(list, 1), null, Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Anyone_with_a_grant_reads_but_only_a_federation_wide_administrator_writes(string provider, string list)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var created = await (await admin.Post(Url(list), new { code = "w-" + ApiCalls.Unique(), name = "Written", sortOrder = 5 }, Ct)).Expect(HttpStatusCode.Created, Ct);
        var id = created.GetProperty("id").GetInt32();

        foreach (var (role, scope) in new[] { (Roles.Viewer, OrgTree.UnionA), (Roles.Officer, (string?)null), (Roles.Administrator, OrgTree.UnionA) })
        {
            var client = await app.ClientAsAsync(role, scope, Ct);
            var what = $"{role} on {scope ?? "the federation"}";
            await (await client.GetAsync(Url(list), Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await client.GetAsync(Url(list, id), Ct)).Expect(HttpStatusCode.OK, Ct);
            await (await client.Post(Url(list), new { code = "no-" + ApiCalls.Unique(), name = what }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await client.Put(Url(list, id), new { code = created.Str("code"), name = what, sortOrder = 1 }, null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
            await (await client.Delete(Url(list, id), null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        }

        var after = await (await admin.GetAsync(Url(list, id), Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("Written", after.Str("name"));
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("archivedAt").ValueKind);
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task A_user_without_any_grant_cannot_even_read(string provider, string list)
    {
        var app = await fixture.For(provider);
        var user = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionB, ct: Ct);
        await app.InScopeAsync(async (sp, db) =>
        {
            foreach (var g in await db.RoleGrants.Where(g => g.UserId == user.Id).ToListAsync(Ct))
                g.RevokedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return await db.SaveChangesAsync(Ct);
        });
        await (await app.Client(user.Token).GetAsync(Url(list), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Create_answers_201_with_location_and_etag_and_rejects_bad_and_duplicate_codes(string provider, string list)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var code = "c-" + ApiCalls.Unique();

        var response = await admin.Post(Url(list), new { code, name = "Created one", sortOrder = 3 }, Ct);
        var body = await response.Expect(HttpStatusCode.Created, Ct);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/{list}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(code, body.Str("code"));
        Assert.Equal(3, body.GetProperty("sortOrder").GetInt32());

        await (await admin.Post(Url(list), new { code, name = "Again" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "code");
        await (await admin.Post(Url(list), new { code = "Upper Case", name = "Bad" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "code");
        await (await admin.Post(Url(list), new { code = "-leading-hyphen", name = "Bad" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "code");
        await (await admin.Post(Url(list), new { code = new string('a', 41), name = "Bad" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "code");
        await (await admin.Post(Url(list), new { code = "ok-" + ApiCalls.Unique() }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "name");
        await (await admin.Post(Url(list), new { code = "ok-" + ApiCalls.Unique(), name = "x", sortOrder = "first" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "sortOrder");

        // Re-coding another entry onto a used code is the same field error.
        var other = await (await admin.Post(Url(list), new { code = "o-" + ApiCalls.Unique(), name = "Other" }, Ct)).Expect(HttpStatusCode.Created, Ct);
        await (await admin.Put(Url(list, other.GetProperty("id").GetInt32()), new { code, name = "Other" }, null, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "code");
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task A_stale_if_match_is_412_and_changes_nothing_while_a_fresh_one_bumps_the_version(string provider, string list)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var code = "v-" + ApiCalls.Unique();
        var id = (await (await admin.Post(Url(list), new { code, name = "Before", sortOrder = 1 }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt32();

        var first = await admin.Put(Url(list, id), new { code, name = "First edit", sortOrder = 2 }, "\"1\"", Ct);
        await first.Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);

        // A second client still holding version 1.
        await (await admin.Put(Url(list, id), new { code, name = "Lost edit", sortOrder = 9 }, "\"1\"", Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);
        await (await admin.Put(Url(list, id), new { code, name = "Lost edit", sortOrder = 9 }, "not-a-version", Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);
        await (await admin.Delete(Url(list, id), "\"1\"", Ct)).ExpectProblem(HttpStatusCode.PreconditionFailed, Ct);

        var get = await admin.GetAsync(Url(list, id), Ct);
        var now = await get.Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("\"2\"", get.Headers.ETag?.Tag);
        Assert.Equal("First edit", now.Str("name"));
        Assert.Equal(2, now.GetProperty("sortOrder").GetInt32());
        Assert.Equal(JsonValueKind.Null, now.GetProperty("archivedAt").ValueKind);
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Delete_archives_the_row_which_then_leaves_the_default_list_and_is_audited(string provider, string list)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var tag = ApiCalls.Unique();
        var id = (await (await admin.Post(Url(list), new { code = "a-" + tag, name = "Archive me " + tag }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt32();

        await (await admin.Delete(Url(list, id), "\"1\"", Ct)).Expect(HttpStatusCode.NoContent, Ct);
        await (await admin.Delete(Url(list, id), null, Ct)).Expect(HttpStatusCode.NoContent, Ct);

        var stored = await app.InScopeAsync(async (_, db) => list == "categories"
            ? await db.Categories.Where(c => c.Id == id).Select(c => new { c.Name, c.ArchivedAt, c.Version }).SingleOrDefaultAsync(Ct)
            : await db.OrgUnitKinds.Where(k => k.Id == id).Select(k => new { k.Name, k.ArchivedAt, k.Version }).SingleOrDefaultAsync(Ct));
        Assert.NotNull(stored);
        Assert.Equal("Archive me " + tag, stored.Name);
        Assert.NotNull(stored.ArchivedAt);
        Assert.Equal(2, stored.Version);

        var visible = await (await admin.GetAsync($"{Url(list)}?search={tag}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(0, visible.GetProperty("total").GetInt32());
        var all = await (await admin.GetAsync($"{Url(list)}?search={tag}&includeArchived=true", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(1, all.GetProperty("total").GetInt32());
        Assert.Equal(id, all.Items().Single().GetProperty("id").GetInt32());

        var entityType = list == "categories" ? "Category" : "OrgUnitKind";
        var trail = await (await admin.GetAsync($"/api/v1/audit?entityType={entityType}&entityId={id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(["archive", "create"], trail.Items().Select(e => e.Str("action")));
        Assert.Equal(JsonValueKind.Null, trail.Items().First().GetProperty("changes").GetProperty("archivedAt").GetProperty("before").ValueKind);
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Lists_page_and_sort_in_the_database_and_reject_unknown_sorts(string provider, string list)
    {
        var app = await fixture.For(provider);
        var admin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var tag = ApiCalls.Unique();
        foreach (var (suffix, order) in new[] { ("b", 1), ("c", 3), ("a", 2) })
            await (await admin.Post(Url(list), new { code = $"p-{tag}-{suffix}", name = $"Paged {tag} {suffix}", sortOrder = order }, Ct)).Expect(HttpStatusCode.Created, Ct);

        var page1 = await (await admin.GetAsync($"{Url(list)}?search={tag}&sort=-code&pageSize=2", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal(1, page1.GetProperty("page").GetInt32());
        Assert.Equal(2, page1.GetProperty("pageSize").GetInt32());
        Assert.Equal([$"p-{tag}-c", $"p-{tag}-b"], page1.Items().Select(i => i.Str("code")));
        var page2 = await (await admin.GetAsync($"{Url(list)}?search={tag}&sort=-code&pageSize=2&page=2", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([$"p-{tag}-a"], page2.Items().Select(i => i.Str("code")));

        var bySortOrder = await (await admin.GetAsync($"{Url(list)}?search={tag}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(["b", "a", "c"], bySortOrder.Items().Select(i => i.Str("code")[^1..]));

        await (await admin.GetAsync($"{Url(list)}?sort=colour", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "sort");
        await (await admin.GetAsync($"{Url(list)}?pageSize=100000", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "pageSize");
    }
}
