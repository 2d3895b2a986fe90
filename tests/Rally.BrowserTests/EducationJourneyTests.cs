using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Members;

namespace Rally.BrowserTests;

/// <summary>An officer runs a programme from a phone: creates it, adds a session, enrols members and ticks who came.</summary>
public sealed class EducationJourneyTests(RallyApp rally)
{
    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Create_a_programme_enrol_members_tick_attendance_on_a_phone_and_see_completion()
    {
        var group = await rally.QueryAsync(async db =>
        {
            var first = await db.Members.Where(m => m.WorkplaceId != null && m.Status == MemberRules.Active && m.ArchivedAt == null)
                .OrderBy(m => m.Id).Select(m => new { m.OrgUnitId, Unit = m.OrgUnit.Code }).FirstAsync();
            var members = await db.Members.Where(m => m.OrgUnitId == first.OrgUnitId && m.Status == MemberRules.Active && m.ArchivedAt == null)
                .OrderBy(m => m.Id).Select(m => new { m.MembershipNumber, Name = m.LastName + ", " + m.FirstName }).Take(3).ToListAsync();
            return (first.Unit, Members: members);
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var name = $"Lectures {Guid.NewGuid():N}"[..20];

        var page = await rally.PageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Education" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Kind").SelectOptionAsync("lecture-series");
        await page.GetByLabel("Unit (code)").FillAsync(group.Unit);
        await page.GetByLabel("Completion share").FillAsync("0.5");
        await page.GetByLabel("Starts on").FillAsync(Day(today.AddDays(-7)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create programme" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        Assert.Matches(@"/education/\d+$", page.Url);

        await page.GetByText("Add a session").ClickAsync();
        await page.GetByLabel("Date").FillAsync(Day(today));
        await page.Locator("#topic").FillAsync("Factory committees and the unions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("Session added.");

        await page.GetByLabel("Membership numbers, one per line", new() { Exact = true }).FillAsync(string.Join("\n", group.Members.Select(m => m.MembershipNumber).Append("NO-SUCH-NUMBER")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync($"Enrolled {group.Members.Count}; already enrolled 0; rejected 1.");
        await Assertions.Expect(page.Locator("#rejections")).ToContainTextAsync("NO-SUCH-NUMBER: no such member within your reach");

        // The checklist: tick the first two, save.
        foreach (var m in group.Members.Take(2))
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"{m.Name} {m.MembershipNumber}" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("Attendance saved: 2 present.");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = $"{group.Members[0].Name} {group.Members[0].MembershipNumber}" })).ToBeCheckedAsync();

        // One session at 0.5: one attended completes, on the session's day.
        var completed = page.Locator("#enrolments tbody tr").Filter(new() { HasText = group.Members[0].Name });
        await Assertions.Expect(completed.Locator("td").Last).ToHaveTextAsync(Day(today));
        var notYet = page.Locator("#enrolments tbody tr").Filter(new() { HasText = group.Members[2].Name });
        await Assertions.Expect(notYet.Locator("td").Last).ToHaveTextAsync("—");
        await Assertions.Expect(page.Locator("#effect-sentence")).ToContainTextAsync("it does not show the programme caused the difference");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the programme's page is {overflow}px wider than a phone");
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task The_demo_programmes_are_listed_with_their_completions_and_distribution()
    {
        var page = await rally.PageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/education");
        await page.GetByRole(AriaRole.Link, new() { Name = "Practical training in workshop management" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("#effect-table")).ToBeVisibleAsync();
        await page.GotoAsync("/education");
        await page.GetByRole(AriaRole.Link, new() { Name = "Professionalny Vestnik: distribution on the railways" }).ClickAsync();
        await Assertions.Expect(page.Locator("#distribution-table tbody tr").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the programme's page is {overflow}px wider than a phone");
        await Axe.AssertNoSeriousViolationsAsync(page);
    }
}
