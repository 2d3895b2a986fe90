using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Members;

namespace Rally.IntegrationTests.Members;

/// <summary>
/// GET /api/v1/members/export over the seeded federation (read only): the file worked out by hand,
/// the list's filters, the officer's scope, the refusals, and the audit entry of each export.
/// </summary>
public class MemberExportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const string Header = "membership_number,given_name,middle_name,family_name,email,phone,date_of_birth,category,trade,org_unit,workplace,status,joined_on";

    // The seed, in id order: no middle names, e-mails, phones, birth dates or status history.
    const string Alekseeva = "A-0001,Anna,,Alekseeva,,,,industrial,fitter,UA,,member,";
    const string Belov = "A-0002,Boris,,Belov,,,,industrial,fitter,UA-1,UA-W,member,";
    const string Volkova = "A-0003,Vera,,Volkova,,,,domestic,fitter,UA-1,,lapsed,";
    const string Gromov = "B-0001,Grigory,,Gromov,,,,unskilled,fitter,UB,,member,";
    const string Denisova = "B-0002,Darya,,Denisova,,,,domestic,fitter,UB-1,,applicant,";

    /// <summary>The lines of a CSV response after checking it is one (UTF-8 with a byte order mark, CRLF line ends).</summary>
    public static async Task<string[]> CsvLinesAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);
        return text[..^2].Split("\r\n");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_federation_officer_gets_every_member_in_id_order_in_the_canonical_columns(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", null, Ct);
        var response = await client.GetAsync("/api/v1/members/export", Ct);
        Assert.Equal([Header, Alekseeva, Belov, Volkova, Gromov, Denisova], await CsvLinesAsync(response, Ct));
        Assert.Equal("members.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(Header, string.Join(",", MemberCsv.Columns));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_list_filters_select_the_same_members(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", null, Ct);
        async Task<string[]> Rows(string query) => (await CsvLinesAsync(await client.GetAsync("/api/v1/members/export?" + query, Ct), Ct)).Skip(1).ToArray();

        Assert.Equal([Alekseeva, Belov], await Rows($"orgUnit={OrgTree.UnionA}&status=member"));
        Assert.Equal([Volkova, Denisova], await Rows("category=domestic"));
        Assert.Equal([Volkova, Denisova], await Rows("status=lapsed,applicant"));
        Assert.Equal([Belov], await Rows($"workplace={OrgTree.WorkplaceA}"));
        Assert.Equal([Gromov, Denisova], await Rows("search=b-00"));       // membership number prefix
        Assert.Equal([Belov], await Rows("search=boris%20bel"));           // every word narrows
        Assert.Equal([Volkova], await Rows("search=vol&orgUnit=UA-1"));
        Assert.Empty(await Rows("search=nobody"));

        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members/export?category=nobility", Ct), Ct, "category");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members/export?status=retired", Ct), Ct, "status");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members/export?orgUnit=NOWHERE", Ct), Ct, "orgUnit");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_of_one_union_exports_only_that_union(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        Assert.Equal([Header, Alekseeva, Belov, Volkova], await CsvLinesAsync(await client.GetAsync("/api/v1/members/export", Ct), Ct));
        // Filtering on the other union is an empty intersection, not a way round the scope.
        Assert.Equal([Header], await CsvLinesAsync(await client.GetAsync($"/api/v1/members/export?orgUnit={OrgTree.UnionB}", Ct), Ct));
        Assert.Equal([Header], await CsvLinesAsync(await client.GetAsync("/api/v1/members/export?search=gromov", Ct), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Viewers_organizers_and_strangers_are_refused(string provider)
    {
        var app = await fixture.For(provider);
        foreach (var role in new[] { "viewer", "organizer" })
        {
            var client = await app.ClientAsAsync(role, null, Ct);
            var response = await client.GetAsync("/api/v1/members/export", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        // An organizer of union A who is officer nowhere is refused even for union A.
        var organizer = await app.ClientAsAsync("organizer", OrgTree.UnionA, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.GetAsync($"/api/v1/members/export?orgUnit={OrgTree.UnionA}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/members/export", Ct)).StatusCode);
        // The page route wants the sign-in cookie, not a token.
        var officer = await app.ClientAsAsync("officer", null, Ct);
        var page = await officer.GetAsync("/members/export.csv", Ct);
        Assert.NotEqual("text/csv", page.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_export_leaves_one_audit_entry_with_who_the_filters_and_the_row_count(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.CreateUserAsync("officer", OrgTree.UnionA, ct: Ct);
        var client = app.Client(officer.Token);
        await CsvLinesAsync(await client.GetAsync("/api/v1/members/export?status=member", Ct), Ct);
        await CsvLinesAsync(await client.GetAsync($"/api/v1/members/export?orgUnit={OrgTree.BranchA}&search=v", Ct), Ct);
        // A refused export is not an export.
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members/export?status=retired", Ct), Ct, "status");

        var entries = await app.InScopeAsync((_, db) => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserId == officer.Id).OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("export", "MemberExport", officer.Email), (e.Action, e.EntityType, e.UserName)));

        using var first = JsonDocument.Parse(entries[0].Changes);
        Assert.Equal("member", first.RootElement.GetProperty("status").GetProperty("after").GetString());
        Assert.Equal(2, first.RootElement.GetProperty("rows").GetProperty("after").GetInt64()); // Alekseeva, Belov
        Assert.False(first.RootElement.TryGetProperty("orgUnit", out _));
        Assert.Equal(app.Org.Units[OrgTree.UnionA].Path, entries[0].ScopePath); // the officer's one unit

        using var second = JsonDocument.Parse(entries[1].Changes);
        Assert.Equal(OrgTree.BranchA, second.RootElement.GetProperty("orgUnit").GetProperty("after").GetString());
        Assert.Equal("v", second.RootElement.GetProperty("search").GetProperty("after").GetString());
        Assert.Equal(1, second.RootElement.GetProperty("rows").GetProperty("after").GetInt64()); // Volkova
        Assert.Equal(app.Org.Units[OrgTree.BranchA].Path, entries[1].ScopePath);
    }
}

/// <summary>
/// Exports of members whose fields a spreadsheet would run as formulas, or that need quoting, and
/// of a status history (its own app: it adds members).
/// </summary>
public class MemberExportContentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Formula_cells_are_neutralised_quotes_and_line_breaks_quoted_and_joined_on_is_the_first_admission(string provider)
    {
        var app = await fixture.For(provider);
        await app.InScopeAsync(async (sp, db) =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var formula = new Member
            {
                MembershipNumber = "Z-0001", FirstName = "=1+1", Patronymic = "-x", LastName = "Zzformula", Phone = "+7 812 555",
                DateOfBirth = new DateOnly(1890, 4, 5), Trade = "@cmd", CategoryId = app.Org.Categories["industrial"],
                OrgUnitId = app.Org.Units[OrgTree.UnionA].Id, Status = MemberRules.Active, StatusSince = new DateOnly(1918, 3, 1), CreatedAt = now, UpdatedAt = now,
            };
            var quoted = new Member
            {
                MembershipNumber = "Z-0002", FirstName = "\tTab", LastName = "Zzquote", Email = "=HYPERLINK(\"x\")", Trade = "He said \"hi\", then\nleft",
                CategoryId = app.Org.Categories["domestic"], OrgUnitId = app.Org.Units[OrgTree.BranchB].Id, WorkplaceId = null,
                Status = MemberRules.Applicant, StatusSince = new DateOnly(1919, 1, 2), CreatedAt = now, UpdatedAt = now,
            };
            MemberRules.SetKeys(formula);
            MemberRules.SetKeys(quoted);
            db.Members.AddRange(formula, quoted);
            await db.SaveChangesAsync(Ct);
            // Applicant, member, lapsed, member again: joined on the first time they became a member.
            MemberStatusChange Change(Member m, string? from, string to, DateOnly on) =>
                new() { MemberId = m.Id, FromStatus = from, ToStatus = to, EffectiveOn = on, RecordedAt = now };
            db.MemberStatusChanges.AddRange(
                Change(formula, null, MemberRules.Applicant, new(1917, 5, 1)),
                Change(formula, MemberRules.Applicant, MemberRules.Active, new(1917, 6, 15)),
                Change(formula, MemberRules.Active, MemberRules.Lapsed, new(1918, 1, 1)),
                Change(formula, MemberRules.Lapsed, MemberRules.Active, new(1918, 3, 1)),
                Change(quoted, null, MemberRules.Applicant, new(1919, 1, 2)));
            await db.SaveChangesAsync(Ct);
            return 0;
        });

        var client = await app.ClientAsAsync("officer", null, Ct);
        var lines = await MemberExportTests.CsvLinesAsync(await client.GetAsync("/api/v1/members/export?search=zz", Ct), Ct);
        Assert.Equal(
        [
            MemberExportTests.Header,
            "Z-0001,'=1+1,'-x,Zzformula,,'+7 812 555,1890-04-05,industrial,'@cmd,UA,,member,1917-06-15",
            "Z-0002,'\tTab,,Zzquote,\"'=HYPERLINK(\"\"x\"\")\",,,domestic,\"He said \"\"hi\"\", then\nleft\",UB-1,,applicant,",
        ], lines);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_command_line_exports_the_whole_federation_to_standard_output_or_a_file(string provider)
    {
        var app = await fixture.For(provider);
        var database = new[] { "--database", app.Database.Settings.Provider, "--connection", app.Database.Settings.ConnectionString };

        var run = await Cli.RallyCli.RunAsync(["export", "members", "--org-unit", OrgTree.UnionB, "--status", "member", .. database], Ct);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(MemberExportTests.Header + "\r\nB-0001,Grigory,,Gromov,,,,unskilled,fitter,UB,,member,\r\n", run.Stdout);

        var dir = Directory.CreateTempSubdirectory("rally-export-").FullName;
        try
        {
            var file = Path.Combine(dir, "a.csv");
            run = await Cli.RallyCli.RunAsync(["export", "members", "--workplace", OrgTree.WorkplaceA, "--output", file, .. database], Ct);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Equal(MemberExportTests.Header + "\r\nA-0002,Boris,,Belov,,,,industrial,fitter,UA-1,UA-W,member,\r\n", await File.ReadAllTextAsync(file, Ct));
            Assert.Contains("Exported 1 members", run.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        run = await Cli.RallyCli.RunAsync(["export", "members", "--category", "nobility", .. database], Ct);
        Assert.Equal(1, run.ExitCode);
        Cli.RallyCli.AssertOneClearLine(run);
        Assert.Equal("", run.Stdout);
    }
}
