using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Imports;

/// <summary>
/// The import pages' form posts and downloads, as a signed-in browser would send them (cookie,
/// antiforgery token, multipart upload, redirects): upload, preview, import, rejected rows,
/// rollback, review, and who is refused.
/// </summary>
public partial class ImportPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A good row, a row without a given name, a row in union B; numbers starting with <paramref name="prefix"/> (each test its own).</summary>
    static string File(string prefix) =>
        "membership_number,given_name,family_name,category,org_unit,status\n" +
        $"{prefix}-0001,Pavel,Pageson,industrial,UA-1,member\n" +
        $"{prefix}-0002,,Nameless,industrial,UA-1,member\n" +
        $"{prefix}-0003,Polina,Pageson,industrial,UB,member\n";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_uploads_previews_imports_downloads_the_rejected_rows_and_rolls_back(string provider)
    {
        var app = await fixture.For(provider);
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionA, Ct);

        var preview = await UploadAsync(officer, "mill.csv", Encoding.UTF8.GetBytes(File("P")));
        var page = await officer.GetStringAsync(preview, Ct);
        Assert.Contains("mill.csv", page);
        Assert.Contains("Pageson", page);                          // the first rows, mapped
        Assert.Contains("given_name is required", page);            // with their problems

        // A dry run first: the same counts, nothing written, the rejected rows to download from the run.
        var dryRun = await StartAsync(officer, preview, "dry-run");
        var dry = await (await FinishedRunAsync(officer, dryRun)).Content.ReadAsStringAsync(Ct);
        Assert.Matches(@"data-count=""inserted"">1<", dry);
        Assert.Matches(@"data-count=""rejected"">2<", dry);
        Assert.Contains($"{dryRun}/rejected.csv", dry);
        var dryCsv = await officer.GetAsync($"{dryRun}/rejected.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, dryCsv.StatusCode);
        var dryLines = (await dryCsv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, dryLines.Length);
        Assert.StartsWith("P-0002,,Nameless,industrial,UA-1,member,2,given_name,", dryLines[1]);
        using (var other = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionA, Ct))
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{dryRun}/rejected.csv", Ct)).StatusCode); // someone else's run
        Assert.False(await app.InScopeAsync((_, db) => db.Members.AnyAsync(m => m.MembershipNumber == "P-0001", Ct)));

        var batch = await ImportAsync(officer, preview, "import");
        // An officer of one union imports into it: the row for union B is out of reach.
        var counts = await app.InScopeAsync((_, db) => db.ImportBatches.AsNoTracking().Where(b => b.Id == batch)
            .Select(b => new { b.Read, b.Inserted, b.Rejected, Into = b.IntoOrgUnit!.Code, b.StartedBy }).SingleAsync(Ct));
        Assert.Equal((3L, 1L, 2L, OrgTree.UnionA), (counts.Read, counts.Inserted, counts.Rejected, counts.Into));
        Assert.StartsWith("officer.", counts.StartedBy); // the signed-in user, not "system"

        var batchPage = await officer.GetStringAsync($"/imports/{batch}", Ct);
        Assert.Contains($"/imports/{batch}/rejected.csv", batchPage);

        var csv = await officer.GetAsync($"/imports/{batch}/rejected.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal("membership_number,given_name,family_name,category,org_unit,status,row_number,column,reason", lines[0]);
        Assert.StartsWith("P-0002,,Nameless,industrial,UA-1,member,2,given_name,", lines[1]);
        Assert.StartsWith("P-0003,Polina,Pageson,industrial,UB,member,3,org_unit,", lines[2]);

        // Rollback wants the box ticked, then removes the import's member.
        var refused = await PostFormAsync(officer, $"/imports/{batch}", $"/imports/{batch}/rollback", []);
        Assert.Equal($"/imports/{batch}?error=confirm", Location(refused));
        var done = await PostFormAsync(officer, $"/imports/{batch}", $"/imports/{batch}/rollback", new() { ["confirm"] = "yes" });
        Assert.Equal($"/imports/{batch}?rolledBack=true", Location(done));
        Assert.False(await app.InScopeAsync((_, db) => db.Members.AnyAsync(m => m.MembershipNumber == "P-0001", Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_larger_than_the_apps_request_limit_uploads_and_a_dry_run_writes_nothing(string provider)
    {
        var app = await fixture.For(provider);
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, null, Ct);
        // 30,000 rows, about 1.3 MB: over the 1 MB every other request is held to.
        var text = new StringBuilder("membership_number,given_name,family_name,category,org_unit\n");
        for (var i = 0; i < 30_000; i++) text.Append($"D-{i:00000},Dmitry,Dryrunov{i},industrial,UB-1\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Assert.True(bytes.Length > 1024 * 1024);

        var preview = await UploadAsync(officer, "big.csv", bytes, into: OrgTree.UnionB);
        Assert.Contains("into=UB", preview);
        var run = await StartAsync(officer, preview, "dry-run");
        var summary = await FinishedRunAsync(officer, run);
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        var html = await summary.Content.ReadAsStringAsync(Ct);
        Assert.Contains("nothing was written", html);
        Assert.Matches(@"data-count=""read"">30,000<", html);
        Assert.Matches(@"data-count=""inserted"">30,000<", html);
        Assert.False(await app.InScopeAsync((_, db) => db.Members.AnyAsync(m => m.MembershipNumber == "D-00000", Ct)));
        Assert.False(await app.InScopeAsync((_, db) => db.ImportBatches.AnyAsync(b => b.FileName == "big.csv", Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_encoding_chosen_on_upload_reads_a_windows_1251_file(string provider)
    {
        var app = await fixture.For(provider);
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionA, Ct);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes(
            "membership_number,given_name,family_name,category,org_unit\nC-0001,Пётр,Щукин,industrial,UA-1\n");
        var token = PageClient.Hidden(await officer.GetStringAsync("/imports/new", Ct))["__RequestVerificationToken"];
        var upload = await officer.PostAsync("/imports/upload", Multipart(token, "cyrillic.csv", bytes, encoding: "windows-1251"), Ct);
        var preview = Location(upload)!;
        Assert.Contains("encoding=windows-1251", preview);
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync(preview, Ct));
        Assert.Contains("Пётр", page);
        Assert.Contains("Щукин", page);
        Assert.Contains("<option value=\"windows-1251\" selected", page);

        var batch = await ImportAsync(officer, preview, "import");
        Assert.Equal(("Пётр", "Щукин"), await app.InScopeAsync((_, db) => db.Members.Where(m => m.MembershipNumber == "C-0001")
            .Select(m => new ValueTuple<string, string>(m.FirstName, m.LastName)).SingleAsync(Ct)));
        Assert.Equal("windows-1251", await app.InScopeAsync((_, db) => db.ImportBatches.Where(b => b.Id == batch).Select(b => b.Encoding).SingleAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_row_that_may_be_a_member_waits_for_review_and_can_be_dismissed(string provider)
    {
        var app = await fixture.For(provider);
        var gromov = app.Org.Members["gromov"].Id;
        await app.InScopeAsync(async (_, db) =>
        {
            await db.Members.Where(m => m.Id == gromov).ExecuteUpdateAsync(s => s.SetProperty(m => m.Email, "gromov@example.org"), Ct);
            return 0;
        });
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionB, Ct);
        // A new membership number with Gromov's e-mail: maybe him, maybe not.
        var preview = await UploadAsync(officer, "maybe.csv", Encoding.UTF8.GetBytes(
            "membership_number,given_name,family_name,email,category,org_unit\nR-0001,Grisha,Gromov,gromov@example.org,unskilled,UB\n"));
        var batch = await ImportAsync(officer, preview, "import");

        var queue = await officer.GetStringAsync($"/import-reviews?batch={batch}", Ct);
        Assert.Contains("Grisha", queue);     // the row
        Assert.Contains("Grigory", queue);    // beside the candidate
        var id = long.Parse(ReviewForm().Match(queue).Groups[1].Value);

        // An officer of the other union does not see it and cannot decide it.
        using var stranger = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionA, Ct);
        Assert.DoesNotContain("Grisha", await stranger.GetStringAsync("/import-reviews", Ct));
        var refused = await PostFormAsync(stranger, "/import-reviews", $"/import-reviews/{id}/resolve", new() { ["resolution"] = "dismiss" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var decided = await PostFormAsync(officer, $"/import-reviews?batch={batch}", $"/import-reviews/{id}/resolve", new() { ["resolution"] = "dismiss", ["batch"] = batch.ToString() });
        Assert.Equal($"/import-reviews?batch={batch}&resolved=dismiss", Location(decided));
        Assert.Equal("dismiss", await app.InScopeAsync((_, db) => db.ImportReviews.Where(r => r.Id == id).Select(r => r.Resolution).SingleAsync(Ct)));
        Assert.DoesNotContain("Grisha", await officer.GetStringAsync($"/import-reviews?batch={batch}", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_wrong_callers_are_refused(string provider)
    {
        var app = await fixture.For(provider);
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionA, Ct);
        var preview = await UploadAsync(officer, "a.csv", Encoding.UTF8.GetBytes(File("W")));
        var batch = await ImportAsync(officer, preview, "import");

        // An organizer: the pages say no, the posts are forbidden.
        using var organizer = await PageClient.SignInAsync(app, Roles.Organizer, OrgTree.UnionA, Ct);
        var newPage = await organizer.GetAsync("/imports/new", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, newPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.GetAsync("/imports", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.GetAsync($"/imports/{batch}", Ct)).StatusCode);
        var upload = await organizer.PostAsync("/imports/upload", Multipart("", "a.csv", [1, 2, 3]), Ct);
        Assert.StartsWith("/forbidden", Location(upload));
        Assert.StartsWith("/forbidden", Location(await organizer.GetAsync($"/imports/{batch}/rejected.csv", Ct)));

        // An officer of the other union: the batch does not exist for them.
        using var stranger = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionB, Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/imports/{batch}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/imports/{batch}/rejected.csv", Ct)).StatusCode);
        var rollback = await PostFormAsync(stranger, "/imports/new", $"/imports/{batch}/rollback", new() { ["confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.NotFound, rollback.StatusCode);
        Assert.DoesNotContain("a.csv", await stranger.GetStringAsync("/imports", Ct));
        // Nor can they use someone else's upload.
        var theirs = Regex.Match(preview, "upload=([0-9a-f]{32})").Groups[1].Value;
        var borrowed = await PostFormAsync(stranger, "/imports/new", "/imports/start", new() { ["upload"] = theirs, ["action"] = "import" });
        Assert.Equal("/imports/new?error=expired", Location(borrowed));
        Assert.Contains("no longer available", await stranger.GetStringAsync("/imports/new?upload=" + theirs, Ct));

        // No antiforgery token: refused before anything is written.
        var forged = await officer.PostAsync("/imports/upload", Multipart("", "a.csv", Encoding.UTF8.GetBytes(File("F"))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // Not signed in, or with an API token instead of the cookie: sent to sign in.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        Assert.StartsWith("/signin", Location(await anonymous.GetAsync($"/imports/{batch}/rejected.csv", Ct)));
        Assert.StartsWith("/signin", Location(await anonymous.PostAsync("/imports/upload", Multipart("", "a.csv", [1]), Ct)));
        using var tokenOnly = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        tokenOnly.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await app.CreateUserAsync(Roles.Officer, null, ct: Ct)).Token);
        Assert.Contains("/signin", Location(await tokenOnly.GetAsync($"/imports/{batch}/rejected.csv", Ct)));
        Assert.Contains("/signin", Location(await tokenOnly.GetAsync("/members/export.csv", Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_member_list_export_link_downloads_with_the_cookie(string provider)
    {
        var app = await fixture.For(provider);
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionA, Ct);
        var list = await officer.GetStringAsync("/members?status=lapsed", Ct);
        Assert.Contains("href=\"/members/export.csv?status=lapsed\"", list);
        var csv = await officer.GetAsync("/members/export.csv?status=lapsed", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(
            "\uFEFFmembership_number,given_name,middle_name,family_name,email,phone,date_of_birth,category,trade,org_unit,workplace,status,joined_on\r\n" +
            "A-0003,Vera,,Volkova,,,,domestic,fitter,UA-1,,lapsed,\r\n",
            Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync(Ct)));

        using var organizer = await PageClient.SignInAsync(app, Roles.Organizer, null, Ct);
        Assert.DoesNotContain("export.csv", await organizer.GetStringAsync("/members", Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.GetAsync("/members/export.csv", Ct)).StatusCode);
    }

    // --- a browser, by hand -------------------------------------------------------------------

    /// <summary>Where a redirect leads, as path and query (Blazor's redirects are absolute, the endpoints' relative).</summary>
    static string? Location(HttpResponseMessage response) => PageClient.Location(response);

    static MultipartFormDataContent Multipart(string token, string fileName, byte[] file, string? into = null, string encoding = "auto")
    {
        var content = new MultipartFormDataContent();
        if (token.Length > 0) content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent(encoding), "encoding");
        content.Add(new StringContent(into ?? ""), "into");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", fileName);
        return content;
    }

    /// <summary>Uploads through the form on /imports/new; returns the preview address it redirects to.</summary>
    static async Task<string> UploadAsync(HttpClient client, string fileName, byte[] file, string? into = null)
    {
        var token = PageClient.Hidden(await client.GetStringAsync("/imports/new", Ct))["__RequestVerificationToken"];
        var response = await client.PostAsync("/imports/upload", Multipart(token, fileName, file, into), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        var location = Location(response)!;
        Assert.Matches("^/imports/new\\?upload=[0-9a-f]{32}", location);
        return location;
    }

    /// <summary>Posts a form of <paramref name="page"/> (its antiforgery token) to <paramref name="action"/>.</summary>
    static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = PageClient.Hidden(await client.GetStringAsync(page, Ct))["__RequestVerificationToken"] };
        foreach (var (k, v) in fields) form[k] = v;
        return await client.PostAsync(action, new FormUrlEncodedContent(form), Ct);
    }

    /// <summary>Presses Dry run or Import on the preview (its mapping as proposed); returns the run page's address.</summary>
    static async Task<string> StartAsync(HttpClient client, string preview, string action)
    {
        var html = await client.GetStringAsync(preview, Ct);
        var fields = PageClient.Hidden(html);
        fields["action"] = action;
        // What the browser sends besides: each select's chosen option, the text box.
        foreach (Match select in Regex.Matches(html, "<select id=\"[^\"]*\" name=\"([^\"]*)\"[^>]*>(.*?)</select>", RegexOptions.Singleline))
        {
            var chosen = Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\" selected");
            fields[select.Groups[1].Value] = chosen.Success ? chosen.Groups[1].Value : Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\"").Groups[1].Value;
        }
        var into = Regex.Match(html, "<input id=\"into\" name=\"into\"[^>]*>");
        var value = Regex.Match(into.Value, "value=\"([^\"]*)\"");
        fields["into"] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
        var response = await client.PostAsync("/imports/start", new FormUrlEncodedContent(fields), Ct);
        var location = Location(response);
        Assert.True(location?.StartsWith("/imports/runs/") == true, $"start answered {(int)response.StatusCode} {location}");
        return location!;
    }

    /// <summary>Polls the run page (as its refresh does) until it stops refreshing.</summary>
    static async Task<HttpResponseMessage> FinishedRunAsync(HttpClient client, string run)
    {
        for (var i = 0; i < 1200; i++)
        {
            var response = await client.GetAsync(run, Ct);
            if (response.StatusCode != HttpStatusCode.OK || !(await response.Content.ReadAsStringAsync(Ct)).Contains("http-equiv=\"refresh\""))
                return response;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"{run} still running after two minutes");
    }

    /// <summary>Imports through the pages and returns the batch id the run page leads to.</summary>
    static async Task<int> ImportAsync(HttpClient client, string preview, string action)
    {
        var done = await FinishedRunAsync(client, await StartAsync(client, preview, action));
        var location = Location(done);
        Assert.True(location is not null && BatchPage().IsMatch(location), $"the run ended on {(int)done.StatusCode} {location}: {await done.Content.ReadAsStringAsync(Ct)}");
        return int.Parse(BatchPage().Match(location!).Groups[1].Value);
    }


    [GeneratedRegex("^/imports/(\\d+)$")]
    private static partial Regex BatchPage();

    [GeneratedRegex("action=\"/import-reviews/(\\d+)/resolve\"")]
    private static partial Regex ReviewForm();
}
