using Microsoft.Playwright;

namespace Rally.BrowserTests;

/// <summary>The council's secretary apportions the seats on a phone: counts at a date, a cap that binds, the proof, and the save.</summary>
public sealed class CouncilJourneyTests(RallyApp rally)
{
    [Fact]
    public async Task Compute_and_save_a_council_apportionment_with_a_cap_that_binds()
    {
        var page = await rally.PageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Council" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Council", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Count on").FillAsync("1919-03-01");
        await page.GetByLabel("Seats", new() { Exact = true }).FillAsync("40");
        await page.GetByLabel("Method").SelectOptionAsync("dhondt");
        await page.GetByLabel("Minimum seats each").FillAsync("1");
        // The textile workers, the largest union, may hold a tenth of the seats (4 of 40); the section a quarter.
        await page.GetByLabel("Cap as a share of the seats for Textile workers").FillAsync("1/10");
        await page.GetByLabel("Cap as a share of the seats for Poor Peasants' Section").FillAsync("1/4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();

        var textile = page.Locator("#result tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Textile workers", Exact = true }) });
        await Assertions.Expect(textile.Locator("td").Nth(1)).ToHaveTextAsync("4");
        await Assertions.Expect(textile.Locator("td").Nth(2)).ToHaveTextAsync("held at its cap of 4");
        await Assertions.Expect(page.Locator("#result tfoot td").Nth(1)).ToHaveTextAsync("40");
        await Assertions.Expect(page.Locator("#steps li[data-kind='cap-bound']").First).ToContainTextAsync("Textile workers has the highest quotient");
        await Assertions.Expect(page.Locator("#steps li[data-kind='minimum']")).ToHaveCountAsync(await page.Locator("#result tbody tr").CountAsync());
        await Assertions.Expect(page.Locator("#seat-chart rect")).ToHaveCountAsync(await page.Locator("#result tbody tr").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Save apportionment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved-notice")).ToContainTextAsync("the council's posts now follow it");
        await Assertions.Expect(page.Locator("#saved tbody tr").First).ToContainTextAsync("1919-03-01");
        // The saved page carries the same options and shows the same result.
        await Assertions.Expect(textile.Locator("td").Nth(2)).ToHaveTextAsync("held at its cap of 4");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the council page is {overflow}px wider than a phone");
        await Axe.AssertNoSeriousViolationsAsync(page);
    }
}
