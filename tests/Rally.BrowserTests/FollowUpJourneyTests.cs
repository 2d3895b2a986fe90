using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Conversations;

namespace Rally.BrowserTests;

/// <summary>An officer finds an overdue follow-up on the member's timeline and hands it, rescheduled, to someone else.</summary>
public sealed class FollowUpJourneyTests(RallyApp rally)
{
    [Fact]
    public async Task An_officer_reschedules_and_reassigns_a_follow_up_from_the_member_page()
    {
        var member = (await rally.NewMembersAsync(1))[0];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var action = $"Bring the petition {Guid.NewGuid():N}"[..28];
        await rally.QueryAsync(async db =>
        {
            var organizer = await db.Users.Where(u => u.Email == RallyApp.OrganizerEmail).Select(u => u.Id).SingleAsync();
            db.FollowUps.Add(new FollowUp
            {
                MemberId = member.Id, AssigneeId = organizer, DueOn = today.AddDays(-3), Action = action,
                CreatedAt = DateTimeOffset.UtcNow, CreatedBy = RallyApp.OrganizerEmail, Version = 1,
            });
            return await db.SaveChangesAsync();
        });
        var later = today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await rally.PageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/members/{member.Id}");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new(System.Text.RegularExpressions.Regex.Escape(action)) }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Follow-up: {action}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".badge.overdue")).ToBeVisibleAsync();

        // A date that is no date is named beside the field; nothing changes.
        await page.GetByLabel("By when").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save follow-up" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dueOn-error")).ToBeVisibleAsync();

        await page.GetByLabel("By when").FillAsync(later);
        await page.GetByLabel("Assigned to").SelectOptionAsync(new SelectOptionValue { Label = "Ada Admin" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save follow-up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        var details = page.Locator("dl.fields");
        await Assertions.Expect(details).ToContainTextAsync(later);
        await Assertions.Expect(details).ToContainTextAsync("Ada Admin");
        await Assertions.Expect(page.Locator(".badge.overdue")).ToHaveCountAsync(0);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the follow-up page is {overflow}px wider than a phone");
        await Axe.AssertNoSeriousViolationsAsync(page);
    }
}
