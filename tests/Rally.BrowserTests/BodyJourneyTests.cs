using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Accounts;
using Rally.Features.Bodies;
using Rally.Features.Members;

namespace Rally.BrowserTests;

/// <summary>
/// A union officer, on a phone, sets up a body with posts, assigns a member to the first rung, is
/// refused with every unmet condition when making a newcomer a commissar, overrides with a written
/// justification, and finds it in the overrides report and on the member's page; then edits and
/// archives posts and the body itself.
/// </summary>
public sealed class BodyJourneyTests(RallyApp rally)
{
    async Task<IPage> OfficerPhoneAsync()
    {
        var email = $"officer{Guid.NewGuid():N}"[..14] + "@example.org";
        await rally.CreateUserAsync(email, Roles.Officer, rally.OwnUnion);
        var context = await rally.Browser.NewContextAsync(new()
        {
            BaseURL = rally.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        await RallyApp.SignInAsync(page, email);
        return page;
    }

    static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone's screen");
    }

    [Fact]
    public async Task Assign_be_refused_with_the_unmet_conditions_override_with_a_justification_and_see_it_in_the_report()
    {
        var page = await OfficerPhoneAsync();
        var members = await rally.NewMembersAsync(2);
        var (newcomer, housemaid) = (members[0], members[1]);
        var name = "Supply co-operative " + Guid.NewGuid().ToString("N")[..6];

        // Set up the body and its posts.
        await page.GotoAsync("/bodies");
        await AssertFitsThePhoneAsync(page);
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#kind").SelectOptionAsync(new SelectOptionValue { Label = "Co-operative" });
        await page.Locator("#orgUnit").FillAsync(rally.OwnUnion);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up body" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"/bodies/\d+\?done=saved$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        async Task AddPost(string title, string seats, string rung)
        {
            await page.Locator("#title").FillAsync(title);
            await page.Locator("#postSeats").FillAsync(seats);
            await page.Locator("#rung").SelectOptionAsync(rung);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add post" }).ClickAsync();
            await RallyApp.ArrivedAsync(page, new Regex(@"done=post$"));
        }
        await AddPost("Supply worker", "3", "1");
        await AddPost("Commissar of supply", "1", "4");
        await Assertions.Expect(page.Locator("article.post")).ToHaveCountAsync(2);
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);

        // The first rung asks nothing: the housemaid takes a supply duty.
        await page.Locator("#postId").SelectOptionAsync(new SelectOptionValue { Label = "Supply worker (rung 1)" });
        await page.Locator("#membershipNumber").FillAsync(housemaid.Number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"done=assigned$"));
        await Assertions.Expect(page.Locator("article.post").First.Locator("ul.holders")).ToContainTextAsync(housemaid.Number);

        // A newcomer as commissar: refused, with every unmet condition listed, and nothing saved.
        await page.Locator("#postId").SelectOptionAsync(new SelectOptionValue { Label = "Commissar of supply (rung 4)" });
        await page.Locator("#membershipNumber").FillAsync(newcomer.Number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        var unmet = page.Locator("#unmet li");
        await Assertions.Expect(unmet).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#unmet li[data-code=months-below]")).ToContainTextAsync("Needs 12 months on rung 3 (Control and inspection) or above; has served 0.");
        await Assertions.Expect(page.Locator("#unmet li[data-code=level]")).ToContainTextAsync("level 2 or better");
        Assert.Equal(0, await rally.QueryAsync(db => db.Assignments.CountAsync(a => a.MemberId == newcomer.Id)));
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);

        // Too short a justification is refused beside the field; the conditions stay listed.
        await page.GetByLabel("Justification for the override").FillAsync("Needed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign with override" }).ClickAsync();
        await Assertions.Expect(page.Locator("#overrideJustification-error")).ToContainTextAsync("at least 20 characters");
        await Assertions.Expect(unmet).ToHaveCountAsync(2);
        Assert.Equal(0, await rally.QueryAsync(db => db.Assignments.CountAsync(a => a.MemberId == newcomer.Id)));

        const string why = "Ran the strike kitchen for the whole quarter; the district soviet asked for her by name.";
        await page.GetByLabel("Justification for the override").FillAsync(why);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign with override" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"done=overridden$"));
        await Assertions.Expect(page.Locator("article.post").Nth(1).Locator("ul.holders")).ToContainTextAsync(newcomer.Number);
        var saved = await rally.QueryAsync(db => db.Assignments.Where(a => a.MemberId == newcomer.Id).Select(a => new { a.OverrideJustification, a.UnmetConditions }).SingleAsync());
        Assert.Equal(why, saved.OverrideJustification);
        Assert.Contains("months-below", saved.UnmetConditions);
        Assert.Equal(1, await rally.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Member" && e.EntityId == newcomer.Id.ToString() && e.Action == "assignment-override")));

        // The housemaid gives up her duty: the last day held and why.
        var housemaidRow = page.Locator("article.post").First.Locator("ul.holders > li").Filter(new() { HasText = housemaid.Number });
        await housemaidRow.Locator("summary").ClickAsync();
        await housemaidRow.GetByLabel("Reason").FillAsync("moved to another town");
        await housemaidRow.GetByRole(AriaRole.Button, new() { Name = "End", Exact = true }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"done=ended$"));
        var ended = await rally.QueryAsync(db => db.Assignments.Where(a => a.MemberId == housemaid.Id).Select(a => new { a.EndsOn, a.EndReason }).SingleAsync());
        Assert.Equal((DateOnly.FromDateTime(DateTime.UtcNow), "moved to another town"), (ended.EndsOn!.Value, ended.EndReason));

        // The overrides report says who, for whom, where, why and what was overridden.
        await page.GotoAsync("/overrides");
        var row = page.Locator("ul.overrides > li").Filter(new() { HasText = why });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(name);
        await Assertions.Expect(row).ToContainTextAsync(newcomer.Number);
        await Assertions.Expect(row.Locator("li[data-code=months-below]")).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);

        // And the member's page shows the post with the override.
        await page.GotoAsync($"/members/{newcomer.Id}");
        await Assertions.Expect(page.Locator("section.member-posts")).ToContainTextAsync("Commissar of supply");
        await Assertions.Expect(page.Locator("section.member-posts")).ToContainTextAsync(why);
    }

    [Fact]
    public async Task An_officer_edits_a_post_and_archives_it_once_nobody_holds_it()
    {
        var holder = (await rally.NewMembersAsync(2))[1];
        var (body, held, empty) = await rally.QueryAsync(async db =>
        {
            var union = await db.OrgUnits.Where(u => u.Code == rally.OwnUnion).Select(u => u.Id).SingleAsync();
            var kind = await db.BodyKinds.Where(k => k.Code == "co-operative").Select(k => k.Id).SingleAsync();
            var b = new Body { Name = "Post editing co-operative " + Guid.NewGuid().ToString("N")[..6], KindId = kind, OrgUnitId = union, CreatedAt = DateTimeOffset.UtcNow, Version = 1 };
            db.Bodies.Add(b);
            await db.SaveChangesAsync();
            var a = new Post { BodyId = b.Id, Title = "Supply worker", Seats = 3, RungId = 1, Version = 1 };
            var e = new Post { BodyId = b.Id, Title = "Bread card clerk", Seats = 2, RungId = 1, Version = 1 };
            db.Posts.AddRange(a, e);
            await db.SaveChangesAsync();
            db.Assignments.Add(new Assignment { PostId = a.Id, MemberId = holder.Id, StartsOn = DateOnly.FromDateTime(DateTime.UtcNow), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "browser-test", Version = 1 });
            await db.SaveChangesAsync();
            return (b.Id, a.Id, e.Id);
        });
        var page = await OfficerPhoneAsync();
        await page.GotoAsync($"/bodies/{body}");
        ILocator Post(int id) => page.Locator("article.post").Filter(new() { Has = page.Locator($"#seats-{id}") });

        // No seats at all is refused beside the field, and the post opens again with what was typed.
        await Post(held).Locator("details.edit-post > summary").ClickAsync();
        await Post(held).GetByLabel("Title").FillAsync("Grain supply worker");
        await Post(held).GetByLabel("Seats").FillAsync("0");
        await Post(held).GetByRole(AriaRole.Button, new() { Name = "Save post" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#seats-{held}-error")).ToBeVisibleAsync();
        await Assertions.Expect(Post(held).GetByLabel("Title")).ToHaveValueAsync("Grain supply worker");

        await Post(held).GetByLabel("Seats").FillAsync("1");
        await Post(held).GetByRole(AriaRole.Button, new() { Name = "Save post" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"done=post-saved$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Grain supply worker", Level = 3 })).ToBeVisibleAsync();
        await Assertions.Expect(Post(held)).ToContainTextAsync("1 of 1 seats held, 0 free");

        // A post someone holds is not archived; an empty one is, and leaves the list.
        await Post(held).Locator("details.edit-post > summary").ClickAsync();
        await Post(held).GetByRole(AriaRole.Button, new() { Name = "Archive this post" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("end their assignments first");
        await Post(empty).Locator("details.edit-post > summary").ClickAsync();
        await Post(empty).GetByRole(AriaRole.Button, new() { Name = "Archive this post" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"done=post-archived$"));
        await Assertions.Expect(page.Locator("article.post")).ToHaveCountAsync(1);
        Assert.NotNull(await rally.QueryAsync(db => db.Posts.Where(p => p.Id == empty).Select(p => p.ArchivedAt).SingleAsync()));
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);

        // The body itself: renamed; not archived while its post is held; archived once the holder has left.
        var renamed = "Grain co-operative " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByText("Name, kind and description").ClickAsync();
        await page.Locator("#name").FillAsync(renamed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save body" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"done=body-saved$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = renamed, Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive this body" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("end their assignments first");
        await rally.QueryAsync(db => db.Assignments.Where(a => a.PostId == held).ExecuteUpdateAsync(x => x.SetProperty(a => a.EndsOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))));
        await page.GotoAsync($"/bodies/{body}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive this body" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"done=body-archived$"));
        await Assertions.Expect(page.Locator("p.notice.held")).ToContainTextAsync("Archived on");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Archive this body" })).ToHaveCountAsync(0);
    }
}
