using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Conversations;
using Rally.Features.Members;

namespace Rally.BrowserTests;

/// <summary>An officer runs a structure test from the browser; the issues map shows what conversations raised.</summary>
public sealed class StructureTestJourneyTests(RallyApp rally)
{
    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Create_a_structure_test_record_bulk_participation_see_the_results_by_workplace_then_edit_and_archive_it()
    {
        // Subjects: a few active members of one union or branch who work at the same workplace.
        var group = await rally.QueryAsync(async db =>
        {
            var first = await db.Members.Where(m => m.WorkplaceId != null && m.Status == MemberRules.Active && m.ArchivedAt == null)
                .OrderBy(m => m.Id).Select(m => new { m.OrgUnitId, m.WorkplaceId, Unit = m.OrgUnit.Code, Workplace = m.Workplace!.Name }).FirstAsync();
            var numbers = await db.Members.Where(m => m.OrgUnitId == first.OrgUnitId && m.WorkplaceId == first.WorkplaceId && m.Status == MemberRules.Active && m.ArchivedAt == null)
                .OrderBy(m => m.Id).Select(m => m.MembershipNumber).Take(3).ToListAsync();
            return (first.Unit, first.Workplace, Numbers: numbers);
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var name = $"Badge day {Guid.NewGuid():N}"[..20];

        var page = await rally.PageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Structure tests" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Kind").SelectOptionAsync("badge-day");
        await page.GetByLabel("Unit (code)").FillAsync(group.Unit);
        await page.GetByLabel("Target share of each workplace").FillAsync("0.5");
        await page.GetByLabel("Starts on").FillAsync(Day(today.AddDays(-7)));
        await page.GetByLabel("Deadline").FillAsync(Day(today.AddDays(7)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create structure test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        Assert.Matches(@"/structure-tests/\d+$", page.Url);

        await page.GetByLabel("Membership numbers, one per line").FillAsync(string.Join("\n", group.Numbers.Append("NO-SUCH-NUMBER")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record all" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-result")).ToContainTextAsync($"Recorded {group.Numbers.Count}; already recorded 0; rejected 1.");
        await Assertions.Expect(page.Locator("#bulk-result")).ToContainTextAsync("NO-SUCH-NUMBER: no such member within your reach");

        // The workplace's row: its members, and the ones just recorded as taking part.
        var row = page.Locator("#by-workplace tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = group.Workplace, Exact = true }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(group.Numbers.Count.ToString(CultureInfo.InvariantCulture));

        // The same list again records nothing twice.
        await page.GetByLabel("Membership numbers, one per line").FillAsync(string.Join("\n", group.Numbers));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record all" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-result")).ToContainTextAsync($"Recorded 0; already recorded {group.Numbers.Count}; rejected 0.");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(group.Numbers.Count.ToString(CultureInfo.InvariantCulture));

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the test's page is {overflow}px wider than a phone");
        await Axe.AssertNoSeriousViolationsAsync(page);

        // Raise the target on the test's own page, then archive it: the results stay, recording stops.
        await page.GetByText("Name, unit, target and dates").ClickAsync();
        await page.GetByLabel("Target share of each workplace").FillAsync("0.75");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(page.Locator("dl.fields")).ToContainTextAsync("75");
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive this test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Archived: the test takes no more participation; its results stay.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record all" })).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(group.Numbers.Count.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_issues_map_shows_a_conversation_inserted_for_a_period_and_links_to_a_campaign()
    {
        // A conversation in June 1850, a month no other data uses, at a member's workplace, raising fuel.
        var (workplace, workplaceName) = await rally.QueryAsync(async db =>
        {
            var member = await db.Members.Where(m => m.WorkplaceId != null).OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.WorkplaceId, Code = m.Workplace!.Code, Name = m.Workplace.Name }).FirstAsync();
            var admin = await db.Users.Where(u => u.Email == RallyApp.AdminEmail).Select(u => u.Id).FirstAsync();
            var fuel = await db.IssueTags.Where(t => t.Code == "fuel").Select(t => t.Id).FirstAsync();
            var at = new DateTimeOffset(1850, 6, 15, 10, 0, 0, TimeSpan.Zero);
            db.Conversations.Add(new Conversation
            {
                MemberId = member.Id, WorkplaceId = member.WorkplaceId, HeldAt = at, HeldById = admin, Channel = Channels.InPerson,
                RecordedAt = at, RecordedBy = "browser-test", Issues = [new ConversationIssue { IssueTagId = fuel }],
            });
            await db.SaveChangesAsync();
            return (member.Code, member.Name);
        });

        var page = await rally.PageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Issues map" }).ClickAsync();
        await page.GetByLabel("From").FillAsync("1850-06-01");
        await page.GetByLabel("To").FillAsync("1850-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Conversations from 1850-06-01 to 1850-06-30: 1.")).ToBeVisibleAsync();

        var row = page.Locator("#issues-map tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = workplaceName, Exact = true }) });
        var cell = row.Locator("td[data-issue=fuel]");
        await Assertions.Expect(cell.Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(cell.Locator(".share")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^100\s?%$"));
        Assert.Equal($"/campaigns/new?workplace={Uri.EscapeDataString(workplace)}&raisedIssue=fuel", await cell.Locator("a").GetAttributeAsync("href"));
        await Assertions.Expect(row.Locator("td[data-issue=wages] .count")).ToHaveTextAsync("0");
        await Axe.AssertNoSeriousViolationsAsync(page);
    }
}
