using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Bodies;

namespace Rally.BrowserTests;

/// <summary>An organiser opens the ladder's readiness lists on a phone and sees who is ready for the next rung, and why.</summary>
public sealed class LadderJourneyTests(RallyApp rally)
{
    [Fact]
    public async Task The_ladder_page_shows_a_ready_member_with_the_evidence()
    {
        var email = $"ladder{Guid.NewGuid():N}"[..14] + "@example.org";
        await rally.CreateUserAsync(email, Roles.Organizer, rally.OwnUnion);
        // Setup, not assertion: a member of the organiser's union on rung 3 for fourteen months, assessed a leader — ready for rung 4.
        // (Posts and assignments have their own pages in another slice; the ladder only reads them.)
        var member = await rally.QueryAsync(async db =>
        {
            var union = await db.OrgUnits.Where(u => u.Code == rally.OwnUnion).Select(u => new { u.Id, u.Path }).FirstAsync();
            var m = await db.Members.Where(m => m.OrgUnit.Path.StartsWith(union.Path) && m.Status == Rally.Features.Members.MemberRules.Active
                    && m.ErasedAt == null && m.ArchivedAt == null && !db.Assignments.Any(a => a.MemberId == m.Id)
                    // In a unit where nobody else holds a post: the demo's posts held since 1918 would fill the lists first.
                    && !db.Members.Any(o => o.OrgUnitId == m.OrgUnitId && db.Assignments.Any(a => a.MemberId == o.Id)))
                .OrderByDescending(m => m.Id).Select(m => new { m.Id, m.FirstName, m.LastName, Unit = m.OrgUnit.Code }).FirstAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var body = new Body { Name = "Ladder journey control group " + email, KindId = 4, OrgUnitId = union.Id, CreatedAt = DateTimeOffset.UtcNow, Version = 1 };
            db.Bodies.Add(body);
            await db.SaveChangesAsync();
            var rung3 = await db.Rungs.Where(r => r.Position == 3).Select(r => r.Id).FirstAsync();
            var post = new Post { BodyId = body.Id, Title = "Inspector", Seats = 1, RungId = rung3, Version = 1 };
            db.Posts.Add(post);
            await db.SaveChangesAsync();
            db.Assignments.Add(new Assignment { PostId = post.Id, MemberId = m.Id, StartsOn = today.AddMonths(-14), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test", Version = 1 });
            db.Assessments.Add(new Assessment
            {
                MemberId = m.Id, ScaleId = AssessmentScale.EngagementId, Level = 1, AssessedAt = DateTimeOffset.UtcNow.AddDays(-1), AssessedBy = "test", RecordedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return m;
        });

        var context = await rally.Browser.NewContextAsync(new()
        {
            BaseURL = rally.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000); // a busy test machine is not what is under test
        await RallyApp.SignInAsync(page, email);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ladder", Exact = true }).ClickAsync();
        await RallyApp.ArrivedAsync(page, rally.BaseUrl + "/ladder");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ladder readiness", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ready to advance" })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByLabel("Union or unit (code)").FillAsync(member.Unit);
        await page.GetByLabel("Union or unit (code)").PressAsync("Enter");
        await RallyApp.ArrivedAsync(page, new Regex(Regex.Escape("unit=" + member.Unit)));

        // Her card says which rung she is ready for and shows the evidence for each condition.
        var card = page.Locator("ol.readiness > li").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(Regex.Escape(member.LastName) + " " + Regex.Escape(member.FirstName)) }) });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card).ToContainTextAsync("Ready for rung 4: Administrative post");
        await Assertions.Expect(card.Locator("ul.evidence > li")).ToHaveCountAsync(2);
        await Assertions.Expect(card.Locator("ul.evidence > li").Nth(0)).ToHaveTextAsync(new Regex(@"^Served 1[45] months on rung 3 \(Control and inspection\) or above \(needs 12\)\.$"));
        await Assertions.Expect(card.Locator("ul.evidence > li").Nth(1)).ToHaveTextAsync("Current Engagement level is 1 (needs 2 or better).");
        await Assertions.Expect(card).ToContainTextAsync("3 · Control and inspection");
        await AssertFitsThePhoneAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);

        // The stalled tab: on rung 3 for fourteen months, over the default twelve.
        await page.GetByRole(AriaRole.Link, new() { Name = "Stalled" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"/ladder\?list=stalled&unit="));
        var stalled = page.Locator("ol.readiness > li").Filter(new() { HasText = member.LastName + " " + member.FirstName });
        await Assertions.Expect(stalled).ToContainTextAsync(new Regex(@"On rung 3 since \d{4}-\d{2}-\d{2} \(1[45] months\)"));
        await AssertFitsThePhoneAsync(page);
    }

    static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone's screen");
    }
}
