using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Rally.IntegrationTests.Imports;

/// <summary>The import API on both providers: upload, batches, rejections, rollback, the review queue, and refusals of the wrong callers.</summary>
public class ImportApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Header = "membership_number,given_name,middle_name,family_name,email,phone,date_of_birth,category,trade,org_unit,workplace,status,joined_on\n";

    static async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(HttpClient client, string csv, string query = "")
    {
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await client.PostAsync("/api/v1/imports" + query, content, Ct);
        return (response.StatusCode, await response.ReadAsync(Ct));
    }

    static async Task<int> ImportAsync(HttpClient client, string csv, string query = "")
    {
        var (status, body) = await UploadAsync(client, csv, query);
        Assert.True(status == HttpStatusCode.Created, $"upload: {(int)status} {body}");
        return body.GetProperty("batchId").GetInt32();
    }

    static (long, long, long, long, long, long) Counts(JsonElement s) => (s.GetProperty("read").GetInt64(), s.GetProperty("inserted").GetInt64(),
        s.GetProperty("updated").GetInt64(), s.GetProperty("unchanged").GetInt64(), s.GetProperty("rejected").GetInt64(), s.GetProperty("sentToReview").GetInt64());

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_uploads_a_file_sees_the_batch_and_its_rejections_and_a_second_upload_changes_nothing(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var csv = Header +
            "P1-001,Pavel,,Upload,p1@example.org,,1890-01-01,industrial,,,,,\n" +
            "P1-002,Bad,,Date,,,1890-02-30,industrial,,,,,\n" +
            "P1-003,'=Eve,,Formula,,,,industrial,,UA-1,,,\n";
        var response = await client.PostAsync("/api/v1/imports?fileName=members.csv", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        var summary = await response.ReadAsync(Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = summary.GetProperty("batchId").GetInt32();
        Assert.Equal($"/api/v1/imports/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((3L, 2L, 0L, 0L, 1L, 0L), Counts(summary));
        Assert.Equal("members.csv", summary.GetProperty("fileName").GetString());

        // An officer of one union imports into it without saying so.
        var batch = await client.GetJsonAsync($"/api/v1/imports/{id}", Ct);
        Assert.Equal(("completed", OrgTree.UnionA), (batch.GetProperty("status").GetString(), batch.GetProperty("into").GetString()));
        var list = await client.GetJsonAsync("/api/v1/imports?pageSize=100", Ct);
        Assert.Contains(id, list.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetInt32()));

        var rejections = await client.GetJsonAsync($"/api/v1/imports/{id}/rejections", Ct);
        Assert.Equal(1, rejections.GetProperty("total").GetInt32());
        var r = rejections.GetProperty("items")[0];
        Assert.Equal((2, "date_of_birth", "'1890-02-30' is not a date (yyyy-MM-dd or dd.MM.yyyy)"),
            (r.GetProperty("rowNumber").GetInt32(), r.GetProperty("column").GetString(), r.GetProperty("reason").GetString()));

        var file = await client.GetAsync($"/api/v1/imports/{id}/rejections.csv", Ct);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var lines = (await file.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(Header.TrimEnd('\n') + ",row_number,column,reason", lines[0]);
        Assert.Equal("P1-002,Bad,,Date,,,1890-02-30,industrial,,,,,,2,date_of_birth,'1890-02-30' is not a date (yyyy-MM-dd or dd.MM.yyyy)", lines[1]);

        // The neutralised cell came back as it was; one audit entry for the whole batch.
        Assert.Equal("=Eve", await app.InScopeAsync((_, db) => db.Members.Where(m => m.MembershipNumber == "P1-003").Select(m => m.FirstName).SingleAsync(Ct)));
        Assert.Equal(["import"], await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "ImportBatch" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(Ct)));

        var (_, again) = await UploadAsync(client, csv);
        Assert.Equal((3L, 0L, 0L, 2L, 1L, 0L), Counts(again));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_multipart_dry_run_reports_and_writes_nothing(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(Header + "P2-001,Dry,,Run,,,,industrial,,UA-1,,,\n"));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(part, "file", "dry.csv");
        var response = await client.PostAsync("/api/v1/imports?dryRun=true", form, Ct);
        var body = await response.ReadAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("batchId").ValueKind);
        Assert.Equal(("dry.csv", 1L), (body.GetProperty("fileName").GetString(), body.GetProperty("inserted").GetInt64()));
        Assert.False(await app.InScopeAsync((_, db) => db.Members.AnyAsync(m => m.MembershipNumber == "P2-001", Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_larger_than_the_hosts_one_megabyte_limit_is_accepted_by_the_import(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var csv = new StringBuilder(Header);
        for (var i = 1; i <= 20_000; i++) csv.Append($"P3-{i:D5},Many,,Rows{i},,,,industrial,a rather long trade name to fill the file,UA-1,,,\n");
        Assert.True(csv.Length > 1024 * 1024);
        var (status, body) = await UploadAsync(client, csv.ToString(), "?dryRun=true");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(20_000, body.GetProperty("read").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Wrong_callers_are_refused(string provider)
    {
        var app = await fixture.For(provider);
        var officerA = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var id = await ImportAsync(officerA, Header + "P4-001,Scoped,,Row,,,,industrial,,UA-1,,,\n");

        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(app.Client(), Header)).Status);
        var organizer = await app.ClientAsAsync("organizer", OrgTree.UnionA, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(organizer, Header + "P4-002,No,,Role,,,,industrial,,UA-1,,,\n")).Status);
        var officerB = await app.ClientAsAsync("officer", OrgTree.UnionB, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(officerB, Header + "P4-003,Wrong,,Union,,,,industrial,,,,,\n", "?into=UA")).Status);
        // A row naming a unit outside the caller's grants is rejected, not written.
        var (_, outside) = await UploadAsync(officerB, Header + "P4-004,Wrong,,Unit,,,,industrial,,UA-1,,,\n");
        Assert.Equal("org unit 'UA-1' is outside UB", outside.GetProperty("rejections")[0].GetProperty("reason").GetString());

        await officerB.GetJsonAsync($"/api/v1/imports/{id}", Ct, HttpStatusCode.NotFound);
        await officerB.GetJsonAsync($"/api/v1/imports/{id}/rejections", Ct, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await officerB.GetAsync($"/api/v1/imports/{id}/rejections.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officerB.PostAsync($"/api/v1/imports/{id}/rollback", null, Ct)).StatusCode);
        Assert.DoesNotContain(id, (await officerB.GetJsonAsync("/api/v1/imports?pageSize=500", Ct)).GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetInt32()));
        await organizer.GetJsonAsync($"/api/v1/imports/{id}", Ct, HttpStatusCode.NotFound);

        // An officer of several units names the one to import into.
        var both = await app.CreateUserAsync("officer", OrgTree.UnionA, ct: Ct);
        await app.InScopeAsync(async (sp, db) =>
        {
            db.RoleGrants.Add(new Rally.Features.Accounts.RoleGrant { UserId = both.Id, Role = "officer", OrgUnitId = app.Org.Units[OrgTree.UnionB].Id, GrantedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync(Ct);
        }, "test:setup");
        var (status, body) = await UploadAsync(app.Client(both.Token), Header);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("into", out _), body.ToString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Uncertain_matches_wait_for_an_officer_who_merges_creates_or_dismisses(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        await ImportAsync(officer, Header + "P5-001,Rita,,Review,rita@example.org,,1891-04-05,industrial,,UA-1,,,\n");
        var id = await ImportAsync(officer, Header +
            // A new number, Rita's e-mail: is it Rita?
            "P5-002,Rita,,Reviewova,rita@example.org,,,industrial,turner,UA-1,,,\n" +
            // No number, Rita's name and birth date but another e-mail.
            ",Rita,,Review,other.rita@example.org,,1891-04-05,industrial,,UA-1,,,\n" +
            // A new number and Rita's name and birth date.
            "P5-003,Rita,,Review,,,1891-04-05,unskilled,,UA-1,,,\n");
        var batch = await officer.GetJsonAsync($"/api/v1/imports/{id}", Ct);
        Assert.Equal((3L, 0L, 0L, 0L, 0L, 3L), Counts(batch));
        var rita = await app.InScopeAsync((_, db) => db.Members.Where(m => m.MembershipNumber == "P5-001").Select(m => m.Id).SingleAsync(Ct));

        var reviews = await officer.GetJsonAsync($"/api/v1/import-reviews?batch={id}&pending=true", Ct);
        Assert.Equal(3, reviews.GetProperty("total").GetInt32());
        var items = reviews.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, r => Assert.Equal(rita, r.GetProperty("candidateMemberId").GetInt32()));
        Assert.Equal($"new membership number but email matches member {rita}", items[0].GetProperty("reason").GetString());
        Assert.Equal($"name and date of birth match member {rita} but the email differs", items[1].GetProperty("reason").GetString());
        Assert.Equal("P5-002", items[0].GetProperty("row").GetProperty("membership_number").GetString());

        // Officers elsewhere neither see nor resolve them.
        var officerB = await app.ClientAsAsync("officer", OrgTree.UnionB, Ct);
        Assert.Equal(0, (await officerB.GetJsonAsync($"/api/v1/import-reviews?batch={id}", Ct)).GetProperty("total").GetInt32());
        var reviewId = items[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await officerB.SendJsonAsync(HttpMethod.Post, $"/api/v1/import-reviews/{reviewId}/resolve", new { resolution = "merge" }, Ct)).StatusCode);
        var viewer = await app.ClientAsAsync("viewer", OrgTree.UnionA, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendJsonAsync(HttpMethod.Post, $"/api/v1/import-reviews/{reviewId}/resolve", new { resolution = "merge" }, Ct)).StatusCode);
        await Json.AssertFieldErrors(await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/import-reviews/{reviewId}/resolve", new { resolution = "maybe" }, Ct), Ct, "resolution");

        // Merge: Rita takes the row's surname and trade, keeps her number.
        var merged = await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/import-reviews/{reviewId}/resolve", new { resolution = "merge" }, Ct);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal("merge", (await merged.ReadAsync(Ct)).GetProperty("resolution").GetString());
        var after = await app.InScopeAsync((_, db) => db.Members.AsNoTracking().SingleAsync(m => m.Id == rita, Ct));
        Assert.Equal(("P5-001", "Reviewova", "turner"), (after.MembershipNumber, after.LastName, after.Trade));
        Assert.Equal(HttpStatusCode.Conflict, (await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/import-reviews/{reviewId}/resolve", new { resolution = "dismiss" }, Ct)).StatusCode);

        // Create: a new member from the third row; dismiss the second.
        var created = await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/import-reviews/{items[2].GetProperty("id").GetInt64()}/resolve", new { resolution = "create" }, Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var newcomer = await app.InScopeAsync((_, db) => db.Members.AsNoTracking().SingleAsync(m => m.MembershipNumber == "P5-003", Ct));
        Assert.Equal(id, newcomer.ImportBatchId);
        Assert.Equal(HttpStatusCode.OK, (await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/import-reviews/{items[1].GetProperty("id").GetInt64()}/resolve", new { resolution = "dismiss" }, Ct)).StatusCode);
        Assert.Equal(0, (await officer.GetJsonAsync($"/api/v1/import-reviews?batch={id}&pending=true", Ct)).GetProperty("total").GetInt32());

        // Rolling the batch back undoes the merge and removes the member it created.
        var rollback = await officer.PostAsync($"/api/v1/imports/{id}/rollback", null, Ct);
        Assert.True(rollback.StatusCode == HttpStatusCode.OK, await rollback.Content.ReadAsStringAsync(Ct));
        var restored = await app.InScopeAsync((_, db) => db.Members.AsNoTracking().SingleAsync(m => m.Id == rita, Ct));
        Assert.Equal(("Review", (string?)null), (restored.LastName, restored.Trade));
        Assert.False(await app.InScopeAsync((_, db) => db.Members.AnyAsync(m => m.MembershipNumber == "P5-003", Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rollback_restores_updated_members_removes_inserted_ones_and_refuses_when_later_work_depends_on_them(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var belov = app.Org.Members["belov"];
        // Belov (A-0002, a fitter at UA-1) is updated by number; P6-001 is new.
        var id = await ImportAsync(officer, Header +
            "A-0002,Boris,,Belov,belov@example.org,,,industrial,smith,UA-1,UA-W,,\n" +
            "P6-001,Nina,,Rollback,,,,industrial,,UA-1,,,\n");
        var batch = await officer.GetJsonAsync($"/api/v1/imports/{id}", Ct);
        Assert.Equal((2L, 1L, 1L, 0L, 0L, 0L), Counts(batch));
        var changed = await app.InScopeAsync((_, db) => db.Members.AsNoTracking().SingleAsync(m => m.Id == belov.Id, Ct));
        Assert.Equal(("smith", "belov@example.org"), (changed.Trade, changed.Email));

        var rollback = await officer.PostAsync($"/api/v1/imports/{id}/rollback", null, Ct);
        var body = await rollback.ReadAsync(Ct);
        Assert.True(rollback.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("rolled-back", body.GetProperty("status").GetString());
        var restored = await app.InScopeAsync((_, db) => db.Members.AsNoTracking().SingleAsync(m => m.Id == belov.Id, Ct));
        Assert.Equal(("fitter", (string?)null), (restored.Trade, restored.Email));
        Assert.False(await app.InScopeAsync((_, db) => db.Members.AnyAsync(m => m.MembershipNumber == "P6-001", Ct)));
        Assert.Equal(["import", "rollback"], await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "ImportBatch" && a.EntityId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct)));
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"/api/v1/imports/{id}/rollback", null, Ct)).StatusCode);

        // Once an inserted member has a life of their own (here: a status change recorded after the import), the batch stays.
        var second = await ImportAsync(officer, Header + "P6-002,Olga,,Keeps,,,,industrial,,UA-1,,,\n");
        var olga = await app.InScopeAsync((_, db) => db.Members.Where(m => m.MembershipNumber == "P6-002").Select(m => m.Id).SingleAsync(Ct));
        var lapse = await officer.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{olga}/status-changes", new { status = "lapsed" }, Ct);
        Assert.True(lapse.IsSuccessStatusCode, await lapse.Content.ReadAsStringAsync(Ct));
        var refused = await officer.PostAsync($"/api/v1/imports/{second}/rollback", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("cannot be rolled back", (await refused.ReadAsync(Ct)).GetProperty("detail").GetString());
        Assert.True(await app.InScopeAsync((_, db) => db.Members.AnyAsync(m => m.Id == olga, Ct)));
    }
}
