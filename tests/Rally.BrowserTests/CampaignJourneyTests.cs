using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Accounts;
using Rally.Features.Assessments;

namespace Rally.BrowserTests;

/// <summary>An officer starts a campaign through the form, splits its turf and sees its progress, in numbers and as a chart.</summary>
public sealed class CampaignJourneyTests(RallyApp rally)
{
    [Fact]
    public async Task Start_a_campaign_split_the_turf_and_see_its_progress()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The workplace in the organizer's union with the most members, and two of them assessed as supporters yesterday.
        var workplace = await rally.QueryAsync(db => db.Members.Where(m => m.Workplace != null && m.OrgUnit.Path.StartsWith(db.OrgUnits.First(u => u.Code == rally.OwnUnion).Path))
            .GroupBy(m => m.Workplace!.Code).OrderByDescending(g => g.Count()).Select(g => new { Code = g.Key, Count = g.Count() }).FirstAsync());
        var officer = $"officer{Random.Shared.Next(100_000)}@example.org";
        await rally.CreateUserAsync(officer, Roles.Officer, rally.OwnUnion);
        var expected = await rally.QueryAsync(async db =>
        {
            var members = await db.Members.Where(m => m.Workplace!.Code == workplace.Code && m.ArchivedAt == null && m.OrgUnit.Path.StartsWith(db.OrgUnits.First(u => u.Code == rally.OwnUnion).Path))
                .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
            var yesterday = new DateTimeOffset(today.AddDays(-1).ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);
            // At level 2 or better by a moment: the demo set assesses members too (in 1918–1919), and other tests may record some today.
            Task<int> AtOrBetterThan2(DateTimeOffset until) => db.Members.Where(m => members.Contains(m.Id)).CountAsync(m =>
                db.Assessments.Where(a => a.MemberId == m.Id && a.ScaleId == AssessmentScale.EngagementId && a.AssessedAt < until)
                    .OrderByDescending(a => a.AssessedAt).Select(a => (int?)a.Level).FirstOrDefault() <= 2);
            var before = await AtOrBetterThan2(yesterday);
            db.Assessments.AddRange(members.Take(2).Select(id => new Assessment
            {
                MemberId = id, ScaleId = AssessmentScale.EngagementId, Level = 1, AssessedAt = yesterday, AssessedBy = "test", RecordedAt = yesterday,
            }));
            await db.SaveChangesAsync();
            // Targets at level 2 or better now: the latest engagement assessment of each (the two above, unless the demo set assesses others too).
            var achieved = await db.Members.Where(m => members.Contains(m.Id)).CountAsync(m =>
                db.Assessments.Where(a => a.MemberId == m.Id && a.ScaleId == AssessmentScale.EngagementId).OrderByDescending(a => a.AssessedAt).Select(a => (int?)a.Level).FirstOrDefault() <= 2);
            var endOfYesterday = await AtOrBetterThan2(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            return (Targets: members.Count, Achieved: achieved, Before: before, Yesterday: endOfYesterday);
        });

        var page = await rally.PageAsync(officer);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campaigns", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page);

        // As from a cell of the issues map: the workplace comes filled in.
        await page.GotoAsync($"/campaigns/new?workplace={Uri.EscapeDataString(workplace.Code)}");
        await Assertions.Expect(page.GetByLabel("Workplace (code)")).ToHaveValueAsync(workplace.Code);
        await Assertions.Expect(page.GetByLabel("Unit running the campaign (code)")).ToHaveValueAsync(rally.OwnUnion);
        await Axe.AssertNoSeriousViolationsAsync(page);
        var name = "Supporters at " + workplace.Code;
        await page.GetByLabel("Name").First.FillAsync(name);
        await page.GetByLabel("Kind of goal").SelectOptionAsync("level-share");
        await page.GetByLabel("Engagement level to reach").SelectOptionAsync("2");
        await page.GetByLabel("Share of targets (%)").FillAsync("50");
        await page.GetByLabel("Starts on").FillAsync(today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Deadline").FillAsync(today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Organisers (e-mail addresses, one per line)").FillAsync(RallyApp.OrganizerEmail + "\n" + officer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"/campaigns/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();

        // Split by workplace: one workplace, so one organiser holds every target and nobody is uncovered.
        await page.GetByLabel("Split the targets among the organisers").SelectOptionAsync("workplace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Split the turf" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The turf has been updated.");
        var turf = page.Locator("#turf tbody");
        await Assertions.Expect(turf.Locator("tr", new() { HasText = "Not covered by anyone" }).Locator("td")).ToHaveTextAsync("0");
        var held = await turf.Locator("td.num").AllInnerTextsAsync();
        Assert.Contains(workplace.Count.ToString("N0", CultureInfo.InvariantCulture), held);

        // Progress now, in words and numbers: the two supporters of the workplace's members.
        var share = (decimal)expected.Achieved / expected.Targets;
        var en = CultureInfo.GetCultureInfo("en");
        await Assertions.Expect(page.Locator("#progress-now")).ToContainTextAsync(
            $"{expected.Achieved} of {expected.Targets.ToString("N0", CultureInfo.InvariantCulture)} targets ({Math.Round(share, 4).ToString("P1", en)})");
        // The chart: three days (the day before yesterday, yesterday, today), each a point with its title, and the goal line.
        var chart = page.Locator("figure.line-chart svg");
        await Assertions.Expect(chart.Locator("circle")).ToHaveCountAsync(3);
        await Assertions.Expect(chart.Locator("circle title").Nth(1)).ToHaveTextAsync(new Regex(Regex.Escape(today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + ": "));
        await Assertions.Expect(chart.Locator("g.goal title")).ToHaveTextAsync("Goal: 50.0%");
        // The same numbers in the table: those the demo set already counts on the first day, the supporters from yesterday.
        await page.GetByText("The numbers, day by day").ClickAsync();
        var achievedColumn = await page.Locator("figure.line-chart table tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.Equal([expected.Before.ToString(CultureInfo.InvariantCulture), expected.Yesterday.ToString(CultureInfo.InvariantCulture), expected.Achieved.ToString(CultureInfo.InvariantCulture)], achievedColumn);
        await Axe.AssertNoSeriousViolationsAsync(page);

        // The walk list: the organiser's heading, then the workplace's targets.
        var campaignUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Print walk list" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex(@"/walk-list$"));
        await Assertions.Expect(page.Locator(".walk-list tbody tr")).ToHaveCountAsync(Math.Min(workplace.Count, 2000));
        await Axe.AssertNoSeriousViolationsAsync(page);

        // On a phone: the list (with its progress now), the form and the campaign page do not scroll sideways.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/campaigns");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        foreach (var path in new[] { "/campaigns", "/campaigns/new", campaignUrl })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a phone");
        }
    }
}
