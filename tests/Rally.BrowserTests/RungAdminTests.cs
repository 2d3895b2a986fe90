using Microsoft.Playwright;

namespace Rally.BrowserTests;

/// <summary>A federation administrator reads the ladder and changes a rung's description; a bad number is refused beside its field.</summary>
public sealed class RungAdminTests(RallyApp rally)
{
    [Fact]
    public async Task An_administrator_edits_a_rung_of_the_ladder()
    {
        var page = await rally.PageAsync();
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ladder rungs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ladder rungs", Level = 1 })).ToBeVisibleAsync();
        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Co-operative work");
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("Administrative post");
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("Engagement 2 or better");

        await page.GetByRole(AriaRole.Link, new() { Name = "Co-operative work" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rung 1: Co-operative work" })).ToBeVisibleAsync();
        // A level without a scale is refused, naming the field.
        await page.GetByLabel("At or better than level").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#scaleId-error")).ToContainTextAsync("scaleId and atOrBetterLevel go together");

        await page.GetByLabel("At or better than level").FillAsync("");
        var description = "Supplying provisions, co-operative duties, house committees " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Description").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, rally.BaseUrl + "/admin/rungs?saved=true");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Co-operative work" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Description")).ToHaveValueAsync(description);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }
}
