using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.IntegrationTests.Members;

/// <summary>Creating, changing, archiving and erasing members; each test works on members it creates itself.</summary>
public class MemberWriteTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static object NewMember(string lastName, string unit = OrgTree.BranchA, string? status = null) =>
        new { firstName = "Pyotr", patronymic = "Ilyich", lastName, category = "unskilled", orgUnit = unit, workplace = unit == OrgTree.BranchA ? OrgTree.WorkplaceA : null, trade = "loader", status };

    static async Task<(int Id, string ETag, JsonElement Body)> CreateAsync(HttpClient client, object member)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/members", member, Ct);
        var body = await response.ReadAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create: {(int)response.StatusCode} {body}");
        Assert.Equal($"/api/v1/members/{body.GetProperty("id").GetInt32()}", response.Headers.Location?.OriginalString);
        return (body.GetProperty("id").GetInt32(), response.Headers.ETag!.Tag, body);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_creates_a_member_with_a_generated_number_and_a_first_status_change(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var (id, _, body) = await CreateAsync(client, NewMember("Sokolov"));
        Assert.Equal("member", body.GetProperty("status").GetString());
        Assert.Equal(OrgTree.BranchA, body.GetProperty("orgUnit").GetString());
        Assert.Equal(OrgTree.WorkplaceA, body.GetProperty("workplace").GetString());
        Assert.StartsWith("M", body.GetProperty("membershipNumber").GetString());

        var history = await client.GetJsonAsync($"/api/v1/members/{id}/status-changes", Ct);
        Assert.Equal(1, history.GetProperty("total").GetInt32());
        Assert.Equal("member", history.GetProperty("items")[0].GetProperty("toStatus").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Invalid_members_are_400s_naming_every_bad_field_and_nothing_is_written(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var before = await app.InScopeAsync((_, db) => db.Members.CountAsync(Ct));

        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/members", new { }, Ct), Ct, "firstName", "lastName", "category", "orgUnit");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/members",
            new { firstName = "A", lastName = "B", category = "nobility", orgUnit = OrgTree.UnionA, email = "not-an-address", dateOfBirth = "2999-01-01" }, Ct), Ct, "category", "email", "dateOfBirth");
        // Union B exists, but not for an officer of union A.
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/members", NewMember("Orlov", OrgTree.UnionB), Ct), Ct, "orgUnit");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, "/api/v1/members",
            new { firstName = "A", lastName = "B", category = "industrial", orgUnit = OrgTree.UnionA, membershipNumber = "a-0001" }, Ct), Ct, "membershipNumber");
        // Wrong JSON types and broken JSON name the field, or the body.
        await Json.AssertFieldErrors(await client.SendRawAsync(HttpMethod.Post, "/api/v1/members", """{"firstName": 5}""", Ct), Ct, "firstName");
        await Json.AssertFieldErrors(await client.SendRawAsync(HttpMethod.Post, "/api/v1/members", """{"firstName": "x", """, Ct), Ct, "body");
        await Json.AssertFieldErrors(await client.SendRawAsync(HttpMethod.Post, "/api/v1/members", """{"dateOfBirth": "last spring"}""", Ct), Ct, "dateOfBirth");

        Assert.Equal(before, await app.InScopeAsync((_, db) => db.Members.CountAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Viewers_and_organizers_cannot_write(string provider)
    {
        var app = await fixture.For(provider);
        foreach (var role in new[] { "viewer", "organizer" })
        {
            var client = await app.ClientAsAsync(role, OrgTree.UnionA, Ct);
            var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/members", NewMember("Zaitsev"), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var belov = app.Org.Members["belov"].Id;
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{belov}", new { trade = "boss" }, Ct)).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_stale_If_Match_is_412_and_changes_nothing(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var (id, etag, _) = await CreateAsync(client, NewMember("Lebedev"));

        var first = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{id}", new { trade = "smith" }, Ct, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag!.Tag);

        // A second writer still holding the old ETag loses, with PATCH and with PUT.
        var stale = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{id}", new { trade = "carpenter" }, Ct, ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var current = await client.GetJsonAsync($"/api/v1/members/{id}", Ct);
        var put = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/members/{id}", new
        {
            membershipNumber = current.GetProperty("membershipNumber").GetString(), firstName = "Pyotr", lastName = "Lebedev",
            category = "unskilled", orgUnit = OrgTree.BranchA, trade = "carpenter",
        }, Ct, ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, put.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{id}", new { trade = "x" }, Ct, ifMatch: "garbage")).StatusCode);

        Assert.Equal("smith", (await client.GetJsonAsync($"/api/v1/members/{id}", Ct)).GetProperty("trade").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Changes_are_audited_with_before_and_after_in_the_same_transaction(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.CreateUserAsync("officer", OrgTree.UnionA, ct: Ct);
        var client = app.Client(officer.Token);
        var (id, etag, _) = await CreateAsync(client, NewMember("Kuznetsov"));
        var response = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{id}", new { lastName = "Kuznetsova", firstName = "Polina", patronymic = (string?)null }, Ct, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entries = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal(["create", "status-change", "update"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(officer.Email, e.UserName));
        var update = JsonDocument.Parse(entries[^1].Changes).RootElement;
        Assert.Equal("Kuznetsov", update.GetProperty("lastName").GetProperty("before").GetString());
        Assert.Equal("Kuznetsova", update.GetProperty("lastName").GetProperty("after").GetString());
        Assert.Equal("Ilyich", update.GetProperty("patronymic").GetProperty("before").GetString());
        Assert.Equal(JsonValueKind.Null, update.GetProperty("patronymic").GetProperty("after").ValueKind);
        Assert.False(update.TryGetProperty("trade", out _), "unchanged fields are not in the entry");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Status_changes_follow_the_rules_and_keep_a_dated_history(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var (id, _, _) = await CreateAsync(client, NewMember("Morozov"));

        var lapse = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{id}/status-changes", new { status = "lapsed", reason = "dues unpaid" }, Ct);
        Assert.Equal(HttpStatusCode.Created, lapse.StatusCode);
        // lapsed → applicant is not a move the rules allow.
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{id}/status-changes", new { status = "applicant" }, Ct), Ct, "status");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{id}/status-changes", new { status = "member", effectiveOn = "2999-01-01" }, Ct), Ct, "effectiveOn");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{id}/status-changes", new { status = "emperor" }, Ct), Ct, "status");

        var member = await client.GetJsonAsync($"/api/v1/members/{id}", Ct);
        Assert.Equal("lapsed", member.GetProperty("status").GetString());
        var history = (await client.GetJsonAsync($"/api/v1/members/{id}/status-changes", Ct)).GetProperty("items");
        Assert.Equal(["lapsed", "member"], history.Strings("toStatus"));
        Assert.Equal("member", history[0].GetProperty("fromStatus").GetString());
        Assert.Equal("dues unpaid", history[0].GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Delete_archives_and_never_destroys(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var (id, _, body) = await CreateAsync(client, NewMember("Pavlov"));
        var number = body.GetProperty("membershipNumber").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/members/{id}", Ct)).StatusCode);
        Assert.Equal(0, (await client.GetJsonAsync($"/api/v1/members?search={number}", Ct)).GetProperty("total").GetInt32());
        Assert.Equal(1, (await client.GetJsonAsync($"/api/v1/members?search={number}&includeArchived=true", Ct)).GetProperty("total").GetInt32());
        var archived = await client.GetJsonAsync($"/api/v1/members/{id}", Ct);
        Assert.NotEqual(JsonValueKind.Null, archived.GetProperty("archivedAt").ValueKind);
        Assert.Equal("Pavlov", archived.GetProperty("lastName").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/members/{id}/restore", null, Ct)).StatusCode);
        Assert.Equal(1, (await client.GetJsonAsync($"/api/v1/members?search={number}", Ct)).GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_an_administrator_erases_and_erasure_removes_personal_data_from_the_trail(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var (id, _, _) = await CreateAsync(officer, new { firstName = "Yelena", lastName = "Nikitina", category = "domestic", orgUnit = OrgTree.UnionA, email = "nikitina@example.org", phone = "+7 812 555", dateOfBirth = "1898-05-01" });

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/v1/members/{id}/erasure", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.DeleteAsync($"/api/v1/members/{id}?erase=true", Ct)).StatusCode);

        var admin = await app.ClientAsAsync("administrator", OrgTree.UnionA, Ct);
        var erased = await admin.PostAsync($"/api/v1/members/{id}/erasure", null, Ct);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var member = await admin.GetJsonAsync($"/api/v1/members/{id}", Ct);
        Assert.NotEqual(JsonValueKind.Null, member.GetProperty("erasedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, member.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, member.GetProperty("dateOfBirth").ValueKind);
        Assert.DoesNotContain("Nikitina", member.GetRawText());

        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal("erase", trail[^1].Action);
        Assert.All(trail, e => Assert.DoesNotContain("Nikitina", e.Changes));
        Assert.All(trail, e => Assert.DoesNotContain("nikitina@example.org", e.Changes));
        Assert.Contains("lastName", trail[^1].Changes);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Admission_to_a_union_with_criteria_needs_every_criterion_affirmed(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.CreateUserAsync("officer", OrgTree.UnionB, ct: Ct);
        var client = app.Client(officer.Token);
        var criteria = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/org-units/{OrgTree.UnionB}/admission-criteria", new object[]
        {
            new { label = "(a)", text = "uninterested in grain profiteering and high grain prices" },
            new { label = "(b)", text = "interested in improving their lot by common measures for everyone" },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, criteria.StatusCode);
        var ids = (await criteria.ReadAsync(Ct)).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToArray();

        // In a union with criteria a new member starts as an applicant, and cannot skip admission.
        var (id, _, body) = await CreateAsync(client, NewMember("Semyonov", OrgTree.BranchB));
        Assert.Equal("applicant", body.GetProperty("status").GetString());
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{id}/status-changes", new { status = "member" }, Ct), Ct, "status");
        await Json.AssertFieldErrors(await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{id}/admissions", new { affirmedCriteria = new[] { ids[0] } }, Ct), Ct, "affirmedCriteria");

        var admitted = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{id}/admissions", new { affirmedCriteria = ids }, Ct);
        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
        var admission = await admitted.ReadAsync(Ct);
        Assert.Equal(officer.Email, admission.GetProperty("admittedBy").GetString());
        Assert.Equal(OrgTree.UnionB, admission.GetProperty("orgUnit").GetString());
        Assert.Equal(2, admission.GetProperty("affirmed").GetArrayLength());
        Assert.Equal("member", (await client.GetJsonAsync($"/api/v1/members/{id}", Ct)).GetProperty("status").GetString());
        var recorded = (await client.GetJsonAsync($"/api/v1/members/{id}/admissions", Ct))[0];
        Assert.Contains("grain profiteering", recorded.GetProperty("affirmed")[0].GetProperty("text").GetString());

        await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/org-units/{OrgTree.UnionB}/admission-criteria", Array.Empty<object>(), Ct);
    }
}
