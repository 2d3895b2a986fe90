using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Accounts;

namespace Rally.BrowserTests;

/// <summary>An organiser at the mill gate, on a phone: records a conversation and works their follow-ups.</summary>
public sealed class OrganizingJourneyTests(RallyApp rally)
{
    /// <summary>A phone-sized browser signed in as a new organiser of the test union (their own follow-ups, no one else's).</summary>
    async Task<(IPage Page, string Email)> PhoneAsync()
    {
        var email = $"gate{Guid.NewGuid():N}"[..12] + "@example.org";
        await rally.CreateUserAsync(email, Roles.Organizer, rally.OwnUnion);
        var context = await rally.Browser.NewContextAsync(new()
        {
            BaseURL = rally.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        // The machine running the tests may be busy: waiting is not what is under test.
        page.SetDefaultTimeout(90_000);
        await RallyApp.SignInAsync(page, email);
        return (page, email);
    }

    /// <summary>A new member of the organiser's union nobody has talked to or assessed (see <see cref="RallyApp.NewMembersAsync"/>).</summary>
    async Task<int> UntouchedMemberAsync() => (await rally.NewMembersAsync(1))[0].Id;

    static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone's screen");
    }

    [Fact]
    public async Task Record_a_conversation_on_a_phone_and_see_it_on_the_timeline_and_in_my_follow_ups()
    {
        var (page, email) = await PhoneAsync();
        var member = await UntouchedMemberAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.GotoAsync($"/members/{member}");
        await Assertions.Expect(page.Locator("dd[data-scale=engagement]")).ToContainTextAsync("not assessed yet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record conversation" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, $"{rally.BaseUrl}/members/{member}/conversation");
        await Assertions.Expect(page.Locator("footer")).ToBeAttachedAsync(); // the whole page is there for the checks below
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);

        // A next step without saying what: the form comes back with the message beside the field and keeps what was entered.
        await page.GetByLabel("phone", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Fuel").CheckAsync();
        await page.GetByLabel("What you asked").FillAsync("Sign the petition for the fuel ration");
        await page.GetByLabel("By when").FillAsync(due);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save conversation" }).ClickAsync();
        await Assertions.Expect(page.Locator("[id='nextStep.action-error']")).ToContainTextAsync("required");
        await Assertions.Expect(page.GetByLabel("Fuel")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("phone", new() { Exact = true })).ToBeCheckedAsync();
        Assert.Equal(0, await rally.QueryAsync(db => db.Conversations.CountAsync(c => c.MemberId == member)));

        await page.GetByLabel("What they committed to").FillAsync("Will sign and bring two workmates");
        await page.GetByLabel("2 · supporter").CheckAsync();
        await page.GetByLabel("What to do next").FillAsync("Collect the signed petition");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save conversation" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex($"/members/{member}(\\?|$)"));

        await Assertions.Expect(page.Locator("dd[data-scale=engagement]")).ToContainTextAsync("2 · supporter");
        var entry = page.Locator("ol.timeline > li").First;
        await Assertions.Expect(entry).ToContainTextAsync("Conversation");
        await Assertions.Expect(entry).ToContainTextAsync("phone");
        await Assertions.Expect(entry.Locator(".tag")).ToHaveTextAsync(["Fuel"]);
        await Assertions.Expect(entry).ToContainTextAsync("Sign the petition for the fuel ration");
        await Assertions.Expect(entry).ToContainTextAsync("Will sign and bring two workmates");
        await Assertions.Expect(entry).ToContainTextAsync("Engagement: 2 · supporter");
        await Assertions.Expect(entry).ToContainTextAsync($"Collect the signed petition — due {due}");
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Follow-ups" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, rally.BaseUrl + "/follow-ups");
        var item = page.Locator("ul.follow-ups > li").Filter(new() { HasText = "Collect the signed petition" });
        await Assertions.Expect(item).ToContainTextAsync($"due {due}");
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);
        await item.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Marked done");
        await Assertions.Expect(page.Locator("ul.follow-ups > li").Filter(new() { HasText = "Collect the signed petition" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Show done" }).ClickAsync();
        await Assertions.Expect(page.Locator("ul.follow-ups > li").Filter(new() { HasText = "Collect the signed petition" })).ToHaveCountAsync(1);

        var recorded = await rally.QueryAsync(db => db.Conversations.Where(c => c.MemberId == member).Select(c => new { c.Channel, By = c.HeldBy.Email, c.Ask }).SingleAsync());
        Assert.Equal(("phone", email), (recorded.Channel, recorded.By));
    }

    [Fact]
    public async Task From_the_queue_the_form_returns_to_the_queue()
    {
        var (page, _) = await PhoneAsync();
        var member = await UntouchedMemberAsync();
        await page.GotoAsync($"/members/{member}/conversation?from=queue");
        await page.GetByLabel("in person").CheckAsync();
        await page.GetByLabel("Wages").CheckAsync();
        await page.GetByLabel("4 · sceptical").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save conversation" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex("/queue(\\?|$)"));
        Assert.Equal(1, await rally.QueryAsync(db => db.Conversations.CountAsync(c => c.MemberId == member)));
        Assert.Equal(4, await rally.QueryAsync(db => db.Assessments.Where(a => a.MemberId == member).Select(a => a.Level).SingleAsync()));
    }

    [Fact]
    public async Task A_viewer_sees_the_timeline_but_cannot_record()
    {
        var email = $"look{Guid.NewGuid():N}"[..12] + "@example.org";
        await rally.CreateUserAsync(email, Roles.Viewer, rally.OwnUnion);
        var page = await rally.PageAsync(email);
        var member = await UntouchedMemberAsync();
        await page.GotoAsync($"/members/{member}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Record conversation" })).ToHaveCountAsync(0);
        var response = await page.GotoAsync($"/members/{member}/conversation");
        Assert.Equal(403, response!.Status);
    }

    [Theory]
    [InlineData("/admin/scales")]
    [InlineData("/admin/scales/1")]
    [InlineData("/admin/issue-tags")]
    [InlineData("/admin/issue-tags/1")]
    [InlineData("/follow-ups")]
    public async Task Organizing_pages_have_no_serious_accessibility_violations(string path)
    {
        var page = await rally.PageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task An_administrator_adds_a_scale_with_levels_typed_one_per_line()
    {
        var page = await rally.PageAsync();
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Assessment scales" }).ClickAsync();
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("1 leader · 2 supporter · 3 undecided · 4 sceptical · 5 opposed");
        var code = "lead" + Random.Shared.Next(100_000);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Leadership");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Code", Exact = true }).FillAsync(code);
        // One level is no scale: the message stands beside the levels and the rest is kept.
        await page.GetByLabel("Levels, best first, one per line").FillAsync("leads others\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.Locator("#levels-error")).ToContainTextAsync("between 2 and 10");
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Code", Exact = true })).ToHaveValueAsync(code);
        await page.GetByLabel("Levels, best first, one per line").FillAsync("leads others\nleads self\n");
        await page.GetByLabel("Stale after (days)").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator("main table tr").Filter(new() { HasText = code })).ToContainTextAsync("1 leads others · 2 leads self");
    }
}
