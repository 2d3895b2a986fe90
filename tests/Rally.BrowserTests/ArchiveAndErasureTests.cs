using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Accounts;
using Rally.Features.Members;

namespace Rally.BrowserTests;

/// <summary>
/// Archiving and restoring members and org units, erasing a member's personal data, and a union's
/// admission checklist, each as the role that may do it; a scoped organizer is offered none of them.
/// Subjects are taken from the second union (past the first few members, which other tests use).
/// </summary>
public sealed class ArchiveAndErasureTests(RallyApp rally)
{
    sealed record Subject(int Id, string MembershipNumber, string FirstName, string LastName);

    Task<Subject> OtherUnionMemberAsync(int skip) => rally.QueryAsync(db => db.Members
        .Where(m => m.ArchivedAt == null && m.ErasedAt == null && m.OrgUnit.Path.StartsWith(db.OrgUnits.Where(u => u.Code == rally.OtherUnion).Select(u => u.Path).First()))
        .OrderBy(m => m.Id).Skip(skip).Select(m => new Subject(m.Id, m.MembershipNumber, m.FirstName, m.LastName)).FirstAsync());

    [Fact]
    public async Task Officer_archives_a_member_then_restores_them_and_a_stale_page_is_refused()
    {
        var member = await OtherUnionMemberAsync(5);
        var officer = $"officer{Random.Shared.Next(100_000)}@example.org";
        await rally.CreateUserAsync(officer, Roles.Officer, rally.OtherUnion);
        var page = await rally.PageAsync(officer);
        // A second tab opened before the archiving: its Archive button carries the old version.
        var stale = await page.Context.NewPageAsync();
        await stale.GotoAsync($"/members/{member.Id}");

        await page.GotoAsync($"/members/{member.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator("main p.notice.held")).ToHaveTextAsync(new Regex(@"^Archived on \d{4}-\d{2}-\d{2}:"));
        await Assertions.Expect(page.Locator("ol.audit > li").First).ToContainTextAsync("archived");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true })).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousViolationsAsync(page);

        // Left out of the member list while archived.
        await page.GotoAsync("/members?search=" + Uri.EscapeDataString(member.MembershipNumber));
        await Assertions.Expect(page.Locator($"a[href='/members/{member.Id}']")).ToHaveCountAsync(0);

        await stale.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Assertions.Expect(stale.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed this");

        await page.GotoAsync($"/members/{member.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator("main p.notice.held")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ol.audit > li").First).ToContainTextAsync("restored");

        await page.GotoAsync("/members?search=" + Uri.EscapeDataString(member.MembershipNumber));
        await Assertions.Expect(page.Locator($"a[href='/members/{member.Id}']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Administrator_erases_a_member_after_confirming_and_the_page_keeps_only_the_record()
    {
        var member = await OtherUnionMemberAsync(6);
        var page = await rally.PageAsync();
        await page.GotoAsync($"/members/{member.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(member.LastName);

        // Without the box ticked nothing happens but a reason beside the box.
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirmErase-error")).ToContainTextAsync("cannot be undone");
        await Assertions.Expect(page.GetByLabel("I understand that this cannot be undone.")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(member.LastName);
        await Axe.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("I understand that this cannot be undone.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Member " + member.MembershipNumber);
        await Assertions.Expect(page.Locator("main p.notice.held")).ToHaveTextAsync(new Regex(@"^Personal data erased on \d{4}-\d{2}-\d{2}\."));
        await Assertions.Expect(page.Locator("p.lede")).ToContainTextAsync(member.MembershipNumber);
        // The name is gone from the page, the audit trail included; the history and the trail remain.
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(member.LastName);
        await Assertions.Expect(page.Locator("section[aria-labelledby=status-heading] table tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ol.audit > li").First).ToContainTextAsync("erased");
        // Nothing left to do to an erased record.
        foreach (var name in new[] { "Erase personal data", "Archive", "Restore", "Change status" })
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true })).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Officer_archives_an_empty_unit_but_not_one_with_members()
    {
        var parent = await rally.QueryAsync(db => db.OrgUnits.Where(u => u.Kind.Code == "branch" && u.Path.StartsWith(db.OrgUnits.Where(p => p.Code == rally.OtherUnion).Select(p => p.Path).First()))
            .OrderBy(u => u.Id).Select(u => u.Code).FirstAsync());
        var officer = $"unitofficer{Random.Shared.Next(100_000)}@example.org";
        await rally.CreateUserAsync(officer, Roles.Officer, rally.OtherUnion);
        var page = await rally.PageAsync(officer);

        // A new, empty workplace under one of the union's branches.
        await page.GotoAsync($"/org/{parent}");
        await page.GetByRole(AriaRole.Link, new() { Name = "New unit under this one" }).ClickAsync();
        var code = "EMPTY-" + Random.Shared.Next(100_000);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Closed cooperage " + code);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Code", Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Kind", Exact = true }).SelectOptionAsync("workplace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex($"/org/{code}(\\?|$)"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator("main p.notice.held")).ToHaveTextAsync(new Regex(@"^Archived on \d{4}-\d{2}-\d{2}\.$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("ol.audit > li").First).ToContainTextAsync("archived");
        // No longer listed under its branch.
        await page.GotoAsync($"/org/{parent}");
        await Assertions.Expect(page.Locator($"a[href='/org/{code}']")).ToHaveCountAsync(0);

        // The union itself still has branches and members: refused, and told why.
        await page.GotoAsync($"/org/{rally.OtherUnion}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex(@"still has [1-9]\d* active sub-units and \d+ active members"));
        await Assertions.Expect(page.Locator("main p.notice.held")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Scoped_organizer_is_offered_none_of_these_actions()
    {
        var member = await rally.QueryAsync(db => db.Members.Where(m => m.OrgUnit.Path.StartsWith(db.OrgUnits.Where(u => u.Code == rally.OwnUnion).Select(u => u.Path).First()))
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        var page = await rally.PageAsync(RallyApp.OrganizerEmail);

        await page.GotoAsync($"/members/{member}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Details" })).ToBeVisibleAsync();
        foreach (var name in new[] { "Archive", "Restore", "Erase personal data" })
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0);

        await page.GotoAsync($"/org/{rally.OwnUnion}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Details" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit admission criteria" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync($"/org/{rally.OwnUnion}/criteria");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main form")).ToHaveCountAsync(0);
    }
}

/// <summary>
/// A union's admission checklist edited through the UI. In one collection with the member journeys,
/// whose admission test picks an applicant of a checklisted union: the two must not run at once.
/// </summary>
[Collection(AdmissionChecklists.Name)]
public sealed class AdmissionCriteriaTests(RallyApp rally)
{
    [Fact]
    public async Task Union_criteria_are_edited_and_shown_on_the_unit_page_and_in_an_applicants_admission_form()
    {
        // A union that keeps no checklist yet, with an applicant.
        var union = await rally.QueryAsync(db => db.OrgUnits.Where(u => u.Kind.Code == "union" && u.Code != rally.OwnUnion && u.Code != rally.OtherUnion
                && !db.AdmissionCriteria.Any(c => c.OrgUnitId == u.Id && c.ArchivedAt == null)
                && db.Members.Any(m => m.Status == MemberRules.Applicant && m.OrgUnit.Path.StartsWith(u.Path)))
            .OrderBy(u => u.Id).Select(u => new { u.Code, u.Path }).FirstAsync());
        var applicant = await rally.QueryAsync(db => db.Members.Where(m => m.ImportBatchId == null && m.Status == MemberRules.Applicant && m.OrgUnit.Path.StartsWith(union.Path))
            .OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync());
        var page = await rally.PageAsync();

        await page.GotoAsync($"/org/{union.Code}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit admission criteria" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Admission criteria of");
        await page.GetByLabel("Label of criterion 1").FillAsync("(i)");
        await page.GetByLabel("Text of criterion 1").FillAsync("Lives by the sale of their own labour.");
        await page.GetByLabel("Text of criterion 2").FillAsync("Employs no hired labour.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        var shown = page.Locator("main dl.fields").Last;
        await Assertions.Expect(shown.Locator("dt")).ToHaveTextAsync(["(i)", "(b)"]);
        await Assertions.Expect(shown.Locator("dd")).ToHaveTextAsync(["Lives by the sale of their own labour.", "Employs no hired labour."]);
        await Assertions.Expect(page.Locator("ol.audit > li").First).ToContainTextAsync("changed admission criteria");

        // The applicant is now admitted against exactly these two.
        await page.GotoAsync($"/members/{applicant}");
        var boxes = page.Locator("form[aria-labelledby=admit-heading] fieldset label");
        await Assertions.Expect(boxes).ToHaveTextAsync(["(i) Lives by the sale of their own labour.", "(b) Employs no hired labour."]);

        // A label without a text is refused beside the row; "More rows" adds blanks without saving.
        await page.GotoAsync($"/org/{union.Code}/criteria");
        await Assertions.Expect(page.GetByLabel("Text of criterion 2")).ToHaveValueAsync("Employs no hired labour.");
        await page.GetByLabel("Label of criterion 3").FillAsync("(c)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#text-2-error")).ToContainTextAsync("Enter the criterion's text");
        await Assertions.Expect(page.GetByLabel("Text of criterion 3")).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "More rows" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.criteria tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(page.GetByLabel("Label of criterion 3")).ToHaveValueAsync("(c)");

        // Remove the second, drop the unfinished third, and save: one criterion is left.
        await page.GetByLabel("Remove criterion 2").CheckAsync();
        await page.GetByLabel("Label of criterion 3").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(shown.Locator("dd")).ToHaveTextAsync(["Lives by the sale of their own labour."]);
        await page.GotoAsync($"/members/{applicant}");
        await Assertions.Expect(boxes).ToHaveTextAsync(["(i) Lives by the sale of their own labour."]);

        // With every row removed the union keeps no checklist, and applicants are admitted by a status change.
        await page.GotoAsync($"/org/{union.Code}/criteria");
        await page.GetByLabel("Remove criterion 1").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admission criteria" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/members/{applicant}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change status" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form[aria-labelledby=admit-heading]")).ToHaveCountAsync(0);
    }
}

[CollectionDefinition(Name)]
public sealed class AdmissionChecklists
{
    public const string Name = "Admission checklists";
}
