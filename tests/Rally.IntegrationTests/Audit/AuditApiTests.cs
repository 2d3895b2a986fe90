using System.Net;
using System.Text.Json;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Audit;

/// <summary>/api/v1/audit: administrators only, newest first, filtered, and scoped to the administrator's subtree.</summary>
public class AuditApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_administrators_read_the_trail(string provider)
    {
        var app = await fixture.For(provider);
        await (await app.Client().GetAsync("/api/v1/audit", Ct)).ExpectProblem(HttpStatusCode.Unauthorized, Ct);
        foreach (var role in new[] { Roles.Officer, Roles.Organizer, Roles.Viewer })
            await (await (await app.ClientAsAsync(role, ct: Ct)).GetAsync("/api/v1/audit", Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await (await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionB, Ct)).GetAsync("/api/v1/audit", Ct)).Expect(HttpStatusCode.OK, Ct);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entries_carry_who_what_and_the_changes_as_an_object_and_filter_by_user_action_and_dates(string provider)
    {
        var app = await fixture.For(provider);
        var admin = await app.CreateUserAsync(Roles.Administrator, ct: Ct);
        var client = app.Client(admin.Token);
        var code = "audit-" + ApiCalls.Unique();
        var id = (await (await client.Post("/api/v1/categories", new { code, name = "Audited", sortOrder = 7 }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt32();
        await (await client.Put($"/api/v1/categories/{id}", new { code, name = "Audited twice", sortOrder = 7 }, "\"1\"", Ct)).Expect(HttpStatusCode.OK, Ct);

        var trail = await (await client.GetAsync($"/api/v1/audit?entityType=Category&entityId={id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, trail.GetProperty("total").GetInt32());
        var (update, create) = (trail.Items().First(), trail.Items().Last());
        Assert.Equal("update", update.Str("action"));
        Assert.Equal(admin.Email, update.Str("userName"));
        Assert.Equal(id.ToString(), update.Str("entityId"));
        var changes = update.GetProperty("changes");
        Assert.Equal(JsonValueKind.Object, changes.ValueKind);
        Assert.Equal(["name"], changes.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Audited", "Audited twice"), (changes.GetProperty("name").Str("before"), changes.GetProperty("name").Str("after")));
        Assert.Equal("create", create.Str("action"));
        Assert.Equal(code, create.GetProperty("changes").GetProperty("code").Str("after"));
        Assert.True(update.GetProperty("id").GetInt64() > create.GetProperty("id").GetInt64());

        var mine = await (await client.GetAsync($"/api/v1/audit?user={Uri.EscapeDataString(admin.Email)}&action=update", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(update.GetProperty("id").GetInt64(), mine.Items().Single().GetProperty("id").GetInt64());
        var byId = await (await client.GetAsync($"/api/v1/audit?user={admin.Id}&entityType=Category", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, byId.GetProperty("total").GetInt32());

        var today = DateTimeOffset.Parse(update.Str("at"), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd");
        var tomorrow = DateTimeOffset.Parse(update.Str("at"), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.AddDays(1).ToString("yyyy-MM-dd");
        var within = await (await client.GetAsync($"/api/v1/audit?entityType=Category&entityId={id}&from={today}&to={today}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, within.GetProperty("total").GetInt32());
        var later = await (await client.GetAsync($"/api/v1/audit?entityType=Category&entityId={id}&from={tomorrow}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(0, later.GetProperty("total").GetInt32());
        var ascending = await (await client.GetAsync($"/api/v1/audit?entityType=Category&entityId={id}&sort=at", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(["create", "update"], ascending.Items().Select(e => e.Str("action")));

        await (await client.GetAsync("/api/v1/audit?from=last-tuesday", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "from");
        await (await client.GetAsync("/api/v1/audit?sort=user", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "sort");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scoped_administrator_sees_only_entries_about_their_subtree(string provider)
    {
        var app = await fixture.For(provider);
        var federationAdmin = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var inA = await app.CreateUserAsync(Roles.Viewer, OrgTree.BranchA, ct: Ct);
        var inB = await app.CreateUserAsync(Roles.Viewer, OrgTree.BranchB, ct: Ct);
        await (await federationAdmin.Post($"/api/v1/users/{inA.Id}/grants", new { role = Roles.Organizer, orgUnit = OrgTree.WorkplaceA }, Ct)).Expect(HttpStatusCode.Created, Ct);
        await (await federationAdmin.Post($"/api/v1/users/{inB.Id}/grants", new { role = Roles.Organizer, orgUnit = OrgTree.UnionB }, Ct)).Expect(HttpStatusCode.Created, Ct);
        var category = (await (await federationAdmin.Post("/api/v1/categories", new { code = "scoped-" + ApiCalls.Unique(), name = "Not for unions" }, Ct))
            .Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt32();

        var unionAdmin = await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionA, Ct);
        var aGrants = await (await unionAdmin.GetAsync($"/api/v1/audit?entityType=User&entityId={inA.Id}&action=grant", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, aGrants.GetProperty("total").GetInt32()); // the first grant (branch A) and the one on workplace A
        var bGrants = await (await unionAdmin.GetAsync($"/api/v1/audit?entityType=User&entityId={inB.Id}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(0, bGrants.GetProperty("total").GetInt32());
        var categories = await (await unionAdmin.GetAsync($"/api/v1/audit?entityType=Category&entityId={category}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(0, categories.GetProperty("total").GetInt32());

        var everything = await (await unionAdmin.GetAsync("/api/v1/audit?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(everything.Items().Count(), everything.GetProperty("total").GetInt32());
        Assert.DoesNotContain(everything.Items(), e => e.Str("entityType") is "Category" or "OrgUnitKind");
        Assert.DoesNotContain(everything.Items(), e => e.Str("entityId") == inB.Id);

        // The federation-wide administrator sees both.
        var all = await (await federationAdmin.GetAsync($"/api/v1/audit?entityType=User&entityId={inB.Id}&action=grant", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
    }
}
