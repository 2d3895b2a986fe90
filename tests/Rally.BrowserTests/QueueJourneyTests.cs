using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Accounts;
using Rally.Features.Campaigns;

namespace Rally.BrowserTests;

/// <summary>An organiser at the mill gate opens their queue on a phone and records a conversation from it.</summary>
public sealed class QueueJourneyTests(RallyApp rally)
{
    [Fact]
    public async Task Record_a_conversation_from_the_queue_on_a_phone_sized_viewport()
    {
        var email = $"queue{Guid.NewGuid():N}"[..13] + "@example.org";
        var organiser = await rally.CreateUserAsync(email, Roles.Organizer, rally.OwnUnion);
        // Setup, not assertion: a running campaign of the organiser's union with three members nobody has
        // talked to in their turf (the campaign pages are another slice; the queue only reads the turf).
        var targets = await rally.QueryAsync(async db =>
        {
            var union = await db.OrgUnits.Where(u => u.Code == rally.OwnUnion).Select(u => new { u.Id, u.Path }).FirstAsync();
            // Not from the union's largest workplace, whose progress the campaign journey counts while this test may be saving.
            var largest = await db.Members.Where(m => m.WorkplaceId != null && m.OrgUnit.Path.StartsWith(union.Path))
                .GroupBy(m => m.WorkplaceId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            var ids = await db.Members.Where(m => m.OrgUnit.Path.StartsWith(union.Path) && m.Phone != null && m.ErasedAt == null && m.ArchivedAt == null
                    && m.WorkplaceId != largest && !db.Conversations.Any(c => c.MemberId == m.Id))
                .OrderBy(m => m.Id).Take(3).Select(m => m.Id).ToListAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var campaign = new Campaign
            {
                Name = "Queue journey " + email, OrgUnitId = union.Id, Segment = "{}", GoalKind = GoalKinds.Conversations, GoalCount = 3,
                StartsOn = today.AddDays(-7), Deadline = today.AddDays(30), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
            };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            foreach (var id in ids)
                db.CampaignTargets.Add(new CampaignTarget { CampaignId = campaign.Id, MemberId = id, OrganiserId = organiser, AddedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return ids;
        });
        Assert.Equal(3, targets.Count);

        var context = await rally.Browser.NewContextAsync(new()
        {
            BaseURL = rally.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000); // a busy test machine is not what is under test
        await RallyApp.SignInAsync(page, email);

        // The nav leads to the queue: one card per member, each saying why, with a phone link and the form's link.
        await page.GetByRole(AriaRole.Link, new() { Name = "Queue", Exact = true }).ClickAsync();
        await RallyApp.ArrivedAsync(page, rally.BaseUrl + "/queue");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who next", Level = 1 })).ToBeVisibleAsync();
        var cards = page.Locator("ol.queue > li");
        await Assertions.Expect(cards).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByText("3 members to approach, most urgent first.")).ToBeVisibleAsync();
        for (var i = 0; i < 3; i++)
            await Assertions.Expect(cards.Nth(i)).ToContainTextAsync("Never contacted: never contacted");
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);

        var first = cards.First;
        var name = (await first.Locator("h2").InnerTextAsync()).Trim();
        var href = await first.GetByRole(AriaRole.Link, new() { Name = "Record conversation" }).GetAttributeAsync("href");
        var match = Regex.Match(href ?? "", @"^/members/(\d+)/conversation\?from=queue$");
        Assert.True(match.Success, $"unexpected link {href}");
        var member = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(member, targets);
        var tel = await first.Locator("a[href^='tel:']").GetAttributeAsync("href");
        Assert.Matches(@"^tel:\+?\d+$", tel);

        // Record the conversation: in person, food supply, an ask, now a supporter; back to the queue, where they are gone.
        await first.GetByRole(AriaRole.Link, new() { Name = "Record conversation" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, $"{rally.BaseUrl}/members/{member}/conversation?from=queue");
        await AssertFitsThePhoneAsync(page);
        await page.GetByLabel("in person", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Food supply").CheckAsync();
        await page.GetByLabel("What you asked").FillAsync("Sign the petition on the bread ration");
        await page.GetByLabel("2 · supporter").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save conversation" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex("/queue\\?saved=true$"));

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("ol.queue h2", new() { HasText = name })).ToHaveCountAsync(0);
        await AssertFitsThePhoneAsync(page);
    }

    static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone's screen");
    }
}
