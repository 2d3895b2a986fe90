using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Accounts;
using Rally.Features.Bodies;
using Rally.Features.Inspections;

namespace Rally.BrowserTests;

/// <summary>
/// A lightning control group on a phone: plans and runs an inspection with a photo, keeps its
/// answers through a failed submit, has a fix verified by a second member; and the public board,
/// signed out. Uses the demonstration set's control groups and findings.
/// </summary>
public sealed class InspectionJourneyTests(RallyApp rally)
{
    static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    /// <summary>A phone-sized browser signed in as a new user with <paramref name="role"/> on <paramref name="unit"/> whose account belongs to <paramref name="memberId"/>.</summary>
    async Task<IPage> PhoneAsync(string role, string? unit, int? memberId)
    {
        var email = $"cg{Guid.NewGuid():N}"[..12] + "@example.org";
        var userId = await rally.CreateUserAsync(email, role, unit);
        if (memberId is { } m)
            await rally.QueryAsync(async db =>
            {
                // Setting up who the account belongs to (there is no page for it yet), not asserting anything.
                var user = await db.Users.SingleAsync(u => u.Id == userId);
                user.MemberId = m;
                return await db.SaveChangesAsync();
            });
        var context = await rally.Browser.NewContextAsync(new() { BaseURL = rally.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        await RallyApp.SignInAsync(page, email);
        return page;
    }

    /// <summary>The members of a demo control group (by the start of its name) and the code of the group's union.</summary>
    Task<(int[] Members, string Union)> GroupAsync(string name) => rally.QueryAsync(async db =>
    {
        var group = await db.Bodies.Where(b => b.Kind.Code == BodyKind.ControlGroup && b.Name.StartsWith(name)).Select(b => new { b.Id, b.OrgUnit.Code }).FirstAsync();
        var members = await db.Assignments.Where(a => a.Post.BodyId == group.Id).OrderBy(a => a.MemberId).Select(a => a.MemberId).ToArrayAsync();
        return (members, group.Code);
    });

    [Fact]
    public async Task A_group_plans_and_runs_an_inspection_on_a_phone_with_a_photo_and_a_failed_submit_loses_no_answers()
    {
        var (members, union) = await GroupAsync("Lightning control group, Petrograd");
        Assert.True(members.Length >= 2, "the demo set staffs the Petrograd control group");

        // An officer plans a surprise inspection of the Vyborg grain store for tomorrow.
        var officer = await PhoneAsync(Roles.Officer, union, null);
        await officer.GotoAsync("/inspections");
        await officer.GetByLabel("Target").SelectOptionAsync(new SelectOptionValue { Label = "Vyborg side grain store No. 3" });
        await officer.GetByLabel("Control group").SelectOptionAsync(new SelectOptionValue { Label = "Lightning control group, Petrograd food" });
        await officer.GetByLabel("Checklist").SelectOptionAsync(new SelectOptionValue { Label = "Grain collection and distribution point" });
        await officer.GetByLabel("Planned for").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));
        await officer.GetByRole(AriaRole.Button, new() { Name = "Plan inspection" }).ClickAsync();
        await RallyApp.ArrivedAsync(officer, new Regex(@"/inspections/\d+\?planned=true$"));
        var id = int.Parse(Regex.Match(officer.Url, @"/inspections/(\d+)").Groups[1].Value);

        // On site, a group member answers on the phone; the first submit fails (the connection drops).
        var page = await PhoneAsync(Roles.Organizer, union, members[0]);
        await page.GotoAsync($"/inspections/{id}");
        var items = page.Locator("ol.items > li");
        Assert.Equal(5, await items.CountAsync());
        await items.Nth(0).GetByLabel("no", new() { Exact = true }).CheckAsync();
        await items.Nth(0).GetByLabel("Note").FillAsync("Rye on the wet floor by the door");
        await items.Nth(1).GetByLabel("yes", new() { Exact = true }).CheckAsync();
        await page.RouteAsync($"**/inspections/{id}/answers", route => route.AbortAsync("internetdisconnected"));
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Save answers" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.EndsWith($"/inspections/{id}", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit, Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            // Some builds stay on the page after an aborted post: the answers must be kept either way.
        }
        await page.UnrouteAsync($"**/inspections/{id}/answers");

        // Back on the page: nothing was saved on the server, but the phone kept the answers.
        await page.GotoAsync($"/inspections/{id}");
        await Assertions.Expect(page.Locator("#kept-note")).ToBeVisibleAsync();
        items = page.Locator("ol.items > li");
        Assert.True(await items.Nth(0).GetByLabel("no", new() { Exact = true }).IsCheckedAsync());
        Assert.Equal("Rye on the wet floor by the door", await items.Nth(0).GetByLabel("Note").InputValueAsync());
        Assert.True(await items.Nth(1).GetByLabel("yes", new() { Exact = true }).IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save answers" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Answers saved.")).ToBeVisibleAsync();
        Assert.Equal("null", await page.EvaluateAsync<string>($"() => String(localStorage.getItem('rally:inspection:{id}:answers'))"));
        Assert.True(await page.Locator("ol.items > li").Nth(0).GetByLabel("no", new() { Exact = true }).IsCheckedAsync()); // now from the server

        // A critical finding with a photo.
        await page.GetByLabel("Checklist item").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("What was found").FillAsync("Rye stored on a wet floor by the door");
        await page.GetByLabel("Photo or PDF (evidence)").SetInputFilesAsync(new FilePayload { Name = "floor.png", MimeType = "image/png", Buffer = Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record finding" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Finding recorded.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".alert").CountAsync());

        // The rest answered, and the inspection completed.
        for (var i = 2; i < 5; i++) await page.Locator("ol.items > li").Nth(i).GetByLabel("n/a", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and complete" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Inspection completed.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Critical · Rye stored on a wet floor by the door" }).ClickAsync();
        await Assertions.Expect(page.Locator("#finding-state")).ToHaveTextAsync("Open");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "floor.png" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the finding page is {overflow}px wider than a 390px screen");
    }

    [Fact]
    public async Task A_fix_is_verified_by_a_second_group_member_and_the_one_who_reported_it_cannot()
    {
        var (members, union) = await GroupAsync("Lightning control group, Moscow");
        // The demo's Presnya yard delivery book: reported fixed by the group's second member.
        var finding = await rally.QueryAsync(db => db.Findings.Where(f => f.State.Code == FindingState.ReportedFixed && f.ReportedFixedByMemberId != null)
            .Select(f => new { f.Id, Reporter = f.ReportedFixedByMemberId!.Value }).FirstAsync());
        var second = members.First(m => m != finding.Reporter);

        var reporter = await PhoneAsync(Roles.Organizer, union, finding.Reporter);
        await reporter.GotoAsync($"/findings/{finding.Id}");
        await reporter.GetByLabel("New status").SelectOptionAsync(new SelectOptionValue { Label = "Verified fixed" });
        await reporter.GetByLabel("Note").FillAsync("Looks right to me");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Assertions.Expect(reporter.Locator(".alert")).ToContainTextAsync("different group member");
        await Assertions.Expect(reporter.Locator("#finding-state")).ToHaveTextAsync("Reported fixed");

        var checker = await PhoneAsync(Roles.Organizer, union, second);
        await checker.GotoAsync($"/findings/{finding.Id}");
        await checker.GetByLabel("New status").SelectOptionAsync(new SelectOptionValue { Label = "Verified fixed" });
        await checker.GetByLabel("Note").FillAsync("Counted the stacks: the book agrees with the yard.");
        await checker.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Assertions.Expect(checker.Locator("#finding-state")).ToHaveTextAsync("Verified fixed");
        await Assertions.Expect(checker.GetByText("Counted the stacks: the book agrees with the yard.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_public_board_is_seen_signed_out_with_no_planned_inspection_and_no_names()
    {
        var context = await rally.Browser.NewContextAsync(new() { BaseURL = rally.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync("/status");
        Assert.EndsWith("/status", page.Url); // not sent to sign in
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inspection status board", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Presnya coal and firewood yard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Sign out")).ToHaveCountAsync(0);
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Fix rate", text);
        var names = await rally.QueryAsync(async db => await db.Members.Where(m => db.Assignments.Any(a => a.MemberId == m.Id))
            .Select(m => new[] { m.FirstName, m.LastName }).ToListAsync());
        foreach (var name in names.SelectMany(n => n).Distinct())
            Assert.DoesNotContain(name, text, StringComparison.Ordinal);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the board is {overflow}px wider than a 390px screen");
    }

    [Theory]
    [InlineData("/inspections")]
    [InlineData("/inspections/{inspection}")]
    [InlineData("/findings")]
    [InlineData("/findings/{finding}")]
    [InlineData("/status")]
    public async Task Inspection_pages_have_no_serious_accessibility_violations(string path)
    {
        var (inspection, finding) = await rally.QueryAsync(async db => (
            await db.Inspections.Where(i => i.Stage == InspectionStages.Completed).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(),
            await db.Findings.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync()));
        var page = await rally.PageAsync();
        var response = await page.GotoAsync(path.Replace("{inspection}", inspection.ToString()).Replace("{finding}", finding.ToString()));
        Assert.Equal(200, response!.Status);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }
}
