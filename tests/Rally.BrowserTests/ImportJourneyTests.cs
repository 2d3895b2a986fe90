using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Rally.BrowserTests;

/// <summary>An officer imports a small file with bad rows through the page, downloads the rejected rows, exports, and rolls back.</summary>
public sealed class ImportJourneyTests(RallyApp rally)
{
    [Fact]
    public async Task Import_a_file_with_bad_rows_download_them_export_the_good_ones_and_roll_back()
    {
        var dir = Directory.CreateTempSubdirectory("rally-import-").FullName;
        try
        {
            var category = await rally.QueryAsync(db => db.Categories.OrderBy(c => c.Id).Select(c => c.Code).FirstAsync());
            // Two good rows; then no given name, an unknown union, an unknown status.
            var file = Path.Combine(dir, "mill-list.csv");
            await File.WriteAllTextAsync(file,
                "membership_number,given_name,family_name,category,org_unit,status\n" +
                $"IMP-0001,Ivan,Importov,{category},{rally.OwnUnion},member\n" +
                $"IMP-0002,Pyotr,Importov,{category},{rally.OwnUnion},member\n" +
                $"IMP-0003,,Nameless,{category},{rally.OwnUnion},member\n" +
                $"IMP-0004,Olga,Importova,{category},NOWHERE,member\n" +
                $"IMP-0005,Maria,Importova,{category},{rally.OwnUnion},retired\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);

            var page = await rally.PageAsync();
            await page.GotoAsync("/imports/new");
            await page.GetByLabel("File").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
            await RallyApp.ArrivedAsync(page, new Regex(@"/imports/new\?upload=[0-9a-f]{32}"));

            // The preview proposes the canonical fields and shows the first rows with their problems.
            await Assertions.Expect(page.GetByLabel("given_name")).ToHaveValueAsync("given_name");
            await Assertions.Expect(page.GetByLabel("org_unit")).ToHaveValueAsync("org_unit");
            var preview = page.Locator("table.preview tbody tr");
            await Assertions.Expect(preview).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator("table.preview tbody tr.rejected")).ToHaveCountAsync(3);

            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            // The run page reloads itself until the batch is written, then shows the batch.
            await RallyApp.ArrivedAsync(page, new Regex(@"/imports/\d+$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("mill-list.csv");
            await Assertions.Expect(page.Locator("dd[data-count=read]")).ToHaveTextAsync("5");
            await Assertions.Expect(page.Locator("dd[data-count=inserted]")).ToHaveTextAsync("2");
            await Assertions.Expect(page.Locator("dd[data-count=rejected]")).ToHaveTextAsync("3");
            await Assertions.Expect(page.Locator("table.rejections tbody tr")).ToHaveCountAsync(3);
            var batchUrl = page.Url;

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download rejected rows" }).ClickAsync());
            // The file's own columns (to fix and import again), then where and why.
            var rejected = (await ReadAsync(download)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal(4, rejected.Length);
            Assert.Equal("membership_number,given_name,family_name,category,org_unit,status,row_number,column,reason", rejected[0]);
            Assert.StartsWith($"IMP-0003,,Nameless,{category},{rally.OwnUnion},member,3,given_name,", rejected[1]);
            Assert.StartsWith($"IMP-0004,Olga,Importova,{category},NOWHERE,member,4,org_unit,", rejected[2]);
            Assert.StartsWith($"IMP-0005,Maria,Importova,{category},{rally.OwnUnion},retired,5,status,", rejected[3]);

            // The two members are there and export with the list's filter.
            await page.GotoAsync("/members?search=importov");
            await Assertions.Expect(page.GetByText("2 members found.")).ToBeVisibleAsync();
            download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
            var exported = (await ReadAsync(download)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, exported.Length);
            Assert.Equal("membership_number,given_name,middle_name,family_name,email,phone,date_of_birth,category,trade,org_unit,workplace,status,joined_on", exported[0]);
            Assert.StartsWith("IMP-0001,Ivan,,Importov,", exported[1]);
            Assert.StartsWith("IMP-0002,Pyotr,,Importov,", exported[2]);
            Assert.Contains($",{category},,{rally.OwnUnion},,member,", exported[1]);

            // Rolled back, the import's members are gone.
            await page.GotoAsync(batchUrl);
            await page.GetByLabel("Yes, roll back import").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Roll back this import" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rolled back");
            await page.GotoAsync("/members?search=importov");
            await Assertions.Expect(page.GetByText("0 members found.")).ToBeVisibleAsync();

            await page.GotoAsync("/imports");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "mill-list.csv" })).ToBeVisibleAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_organizer_is_not_offered_imports_or_the_export()
    {
        var page = await rally.PageAsync(RallyApp.OrganizerEmail);
        var response = await page.GotoAsync("/imports/new");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByText("Only officers can import members.")).ToBeVisibleAsync();
        await page.GotoAsync("/members");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToHaveCountAsync(0);
        response = await page.GotoAsync("/members/export.csv");
        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task Import_pages_have_no_serious_accessibility_violations_and_fit_a_phone()
    {
        // A namesake of an existing member, born the same day, under a new number: it goes to review.
        var twin = await rally.QueryAsync(db => db.Members.Where(m => m.DateOfBirth != null && m.OrgUnit.Path.StartsWith(db.OrgUnits.Where(u => u.Code == rally.OwnUnion).Select(u => u.Path).First()))
            .OrderBy(m => m.Id).Select(m => new { m.FirstName, m.LastName, m.DateOfBirth, Category = m.Category.Code, Unit = m.OrgUnit.Code }).FirstAsync());
        var dir = Directory.CreateTempSubdirectory("rally-import-").FullName;
        try
        {
            var file = Path.Combine(dir, "phone.csv");
            await File.WriteAllTextAsync(file,
                "membership_number,given_name,family_name,date_of_birth,category,org_unit\n" +
                $"IMQ-0001,{twin.FirstName},{twin.LastName},{twin.DateOfBirth:yyyy-MM-dd},{twin.Category},{twin.Unit}\n" +
                $"IMQ-0002,,Nobody,,{twin.Category},{twin.Unit}\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);
            var page = await rally.PageAsync();
            await page.SetViewportSizeAsync(390, 844);
            var visited = new List<string>();
            async Task CheckAsync()
            {
                await Axe.AssertNoSeriousViolationsAsync(page);
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than a 390px screen");
                visited.Add(page.Url);
            }

            await page.GotoAsync("/imports/new");
            await CheckAsync();
            await page.GetByLabel("File").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
            await RallyApp.ArrivedAsync(page, new Regex(@"/imports/new\?upload="));
            await CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await RallyApp.ArrivedAsync(page, new Regex(@"/imports/\d+$"));
            await Assertions.Expect(page.Locator("dd[data-count=review]")).ToHaveTextAsync("1");
            await CheckAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "1 rows wait for review." }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("row 1");
            await CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss the row" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("dismissed");
            await page.GotoAsync("/imports");
            await CheckAsync();
            Assert.Equal(5, visited.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static async Task<string> ReadAsync(IDownload download)
    {
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3)); // UTF-8 with a byte order mark, for spreadsheets
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }
}
