using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Members;

namespace Rally.BrowserTests;

[Collection(AdmissionChecklists.Name)]
public sealed class MemberJourneyTests(RallyApp rally)
{
    [Fact]
    public async Task Signed_out_visitor_is_sent_to_sign_in_and_back()
    {
        var page = await rally.PageAsync(email: null);
        await page.GotoAsync("/members?search=ab");
        Assert.StartsWith(rally.BaseUrl + "/signin", page.Url);
        await page.GetByLabel("E-mail address").FillAsync(RallyApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(RallyApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, rally.BaseUrl + "/members?search=ab");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        // Its own account: a failed attempt makes the next success write the account (resetting the
        // failure count), which would race with the other tests' sign-ins as the administrator.
        var email = $"forgetful{Random.Shared.Next(100_000)}@example.org";
        await rally.CreateUserAsync(email, Rally.Features.Accounts.Roles.Viewer, rally.OwnUnion);
        var page = await rally.PageAsync(email: null);
        await page.GotoAsync("/signin");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong");
        Assert.StartsWith(rally.BaseUrl + "/signin", page.Url);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var page = await rally.PageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, rally.BaseUrl + "/signin");
        await page.GotoAsync("/members");
        Assert.StartsWith(rally.BaseUrl + "/signin", page.Url);
    }

    [Fact]
    public async Task Find_a_member_by_surname_edit_them_and_see_the_change_in_the_audit_trail()
    {
        // The first member of the organizer's union: some surname the search must find.
        var member = await rally.QueryAsync(db => db.Members.Where(m => m.OrgUnit.Code == rally.OwnUnion || m.OrgUnit.Parent!.Code == rally.OwnUnion)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.LastName, m.FirstName, m.Phone }).FirstAsync());
        var page = await rally.PageAsync();

        await page.GotoAsync("/members");
        // Surname and given name: a bare surname can have more namesakes than one page holds.
        await page.GetByLabel("Name or membership number").FillAsync(member.LastName + " " + member.FirstName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Contains("search=" + Uri.EscapeDataString(member.LastName).Replace("%20", "+"), page.Url);
        // Namesakes are common in the demo set: pick this member's row by its link.
        var link = page.Locator($"main table a[href='/members/{member.Id}']");
        await Assertions.Expect(link).ToContainTextAsync(member.LastName + ", " + member.FirstName);
        await link.ClickAsync();
        await RallyApp.ArrivedAsync(page, rally.BaseUrl + "/members/" + member.Id);

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        var phone = "+7 " + Random.Shared.Next(100_000, 999_999);
        await page.GetByLabel("Phone").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new Regex("/members/" + member.Id + @"(\?|$)"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        var trail = page.Locator("section[aria-labelledby=audit-heading] ol.audit > li").First;
        await Assertions.Expect(trail).ToContainTextAsync(RallyApp.AdminEmail);
        await Assertions.Expect(trail).ToContainTextAsync("Phone:");
        await Assertions.Expect(trail.Locator("ins")).ToHaveTextAsync(phone);
        if (member.Phone is not null)
            await Assertions.Expect(trail.Locator("del")).ToHaveTextAsync(member.Phone);
    }

    [Fact]
    public async Task Status_change_is_dated_in_the_history_and_the_audit_trail()
    {
        // Its own member: not one the import journey inserts and rolls back, nor one another journey writes to meanwhile.
        var id = (await rally.NewMembersAsync(1))[0].Id;
        var page = await rally.PageAsync();
        await page.GotoAsync($"/members/{id}");
        await page.GetByLabel("New status").SelectOptionAsync(MemberRules.Lapsed);
        await page.GetByLabel("Reason").FillAsync("dues unpaid for three months");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator("p.lede .status")).ToHaveTextAsync("lapsed");
        var latest = page.Locator("section[aria-labelledby=status-heading] table tbody tr").First;
        await Assertions.Expect(latest).ToContainTextAsync("dues unpaid for three months");
        await Assertions.Expect(latest.Locator("td").Nth(1)).ToHaveTextAsync("lapsed");
        // One save writes two entries (the dated change and the member's status field); both are at the top.
        var top = page.Locator("ol.audit > li");
        await Assertions.Expect(top.Nth(0).Or(top.Nth(1)).Filter(new() { HasText = "changed status" })).ToHaveCountAsync(1);
        await Assertions.Expect(top.Nth(0).Or(top.Nth(1)).Filter(new() { HasText = "Status:" })).ToContainTextAsync("lapsed");
    }

    [Fact]
    public async Task An_applicant_is_admitted_against_every_criterion_of_their_union()
    {
        var applicant = await rally.QueryAsync(db => db.Members
            .Where(m => m.Status == MemberRules.Applicant && db.AdmissionCriteria.Any(c => c.ArchivedAt == null && m.OrgUnit.Path.StartsWith(db.OrgUnits.Where(u => u.Id == c.OrgUnitId).Select(u => u.Path).First())))
            .OrderBy(m => m.Id).Select(m => new { m.Id }).FirstAsync());
        var page = await rally.PageAsync();
        await page.GotoAsync($"/members/{applicant.Id}");
        await Axe.AssertNoSeriousViolationsAsync(page);
        var boxes = page.Locator("form[aria-labelledby=admit-heading] input[type=checkbox]");
        var count = await boxes.CountAsync();
        Assert.True(count >= 2, "the admitting union should have a checklist");

        // One criterion left unticked: refused, with the reason beside the checklist.
        for (var i = 0; i < count - 1; i++) await boxes.Nth(i).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Admit", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#affirmedCriteria-error")).ToContainTextAsync("not affirmed");
        await Assertions.Expect(page.Locator("p.lede .status")).ToHaveTextAsync("applicant");

        for (var i = 0; i < count; i++) await boxes.Nth(i).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Admit", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator("p.lede .status")).ToHaveTextAsync("member");
        await Assertions.Expect(page.Locator("section[aria-labelledby=status-heading]")).ToContainTextAsync("by " + RallyApp.AdminEmail);
        await Assertions.Expect(page.Locator("section[aria-labelledby=status-heading] ul li")).ToHaveCountAsync(count);
    }

    [Fact]
    public async Task Org_unit_is_renamed_and_the_change_shows_in_its_audit_trail()
    {
        var code = await rally.QueryAsync(db => db.OrgUnits.Where(u => u.Kind.Code == "workplace").OrderByDescending(u => u.Id).Select(u => u.Code).FirstAsync());
        var page = await rally.PageAsync();
        await page.GotoAsync($"/org/{code}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        var name = "Red Dawn Works " + Random.Shared.Next(1000);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        var entry = page.Locator("ol.audit > li").First;
        await Assertions.Expect(entry).ToContainTextAsync("Name:");
        await Assertions.Expect(entry.Locator("ins")).ToHaveTextAsync(name);

        // A parent that would make a cycle is refused beside the field.
        var parent = await rally.QueryAsync(db => db.OrgUnits.Where(u => u.Code == code).Select(u => u.Parent!.Code).FirstAsync());
        await page.GotoAsync($"/org/{parent}/edit");
        await page.GetByLabel("Parent (code)").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#parent-error")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Filters_and_paging_travel_in_the_address()
    {
        var page = await rally.PageAsync();
        await page.GotoAsync("/members");
        await page.GetByText("Filters and sorting").ClickAsync();
        await page.GetByLabel("Union or branch (code)").FillAsync(rally.OwnUnion);
        await page.GetByLabel("Status").SelectOptionAsync("member");
        await page.GetByLabel("Sort by").SelectOptionAsync("membershipNumber");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Contains("orgUnit=" + rally.OwnUnion, page.Url);
        Assert.Contains("status=member", page.Url);

        var statuses = await page.Locator("main table tbody .status").AllTextContentsAsync();
        Assert.Equal(50, statuses.Count);
        Assert.All(statuses, s => Assert.Equal("member", s));
        var numbers = await page.Locator("main table tbody td:nth-child(2)").AllTextContentsAsync();
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);

        await page.GetByRole(AriaRole.Link, new() { Name = "Next ›" }).ClickAsync();
        Assert.Contains("page=2", page.Url);
        Assert.Contains("status=member", page.Url);
        var second = await page.Locator("main table tbody td:nth-child(2)").AllTextContentsAsync();
        Assert.True(string.CompareOrdinal(numbers[^1], second[0]) < 0, "page 2 follows page 1");
    }

    [Fact]
    public async Task Member_list_screenshot()
    {
        // For the README: the first page of the demo set's member list at 1280x800.
        var page = await rally.PageAsync();
        await page.GotoAsync("/members");
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(50);
        var target = Environment.GetEnvironmentVariable("RALLY_SCREENSHOT") is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "screenshot-members.png");
        await page.ScreenshotAsync(new() { Path = target });
        Assert.True(new FileInfo(target).Length > 10_000);

        // The other main pages, beside the test binaries, for a look by eye.
        foreach (var (url, name) in new[] { ("/", "overview"), ("/org", "org"), ($"/org/{rally.OwnUnion}", "orgunit"), ("/members/1", "member"), ("/members/1/edit", "edit"), ($"/org/{rally.OwnUnion}/criteria", "criteria") })
        {
            await page.GotoAsync(url);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, $"screenshot-{name}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/members");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshot-members-phone.png") });
    }

    [Fact]
    public async Task Edit_form_shows_inline_errors_and_refuses_a_stale_version()
    {
        var id = (await rally.NewMembersAsync(1))[0].Id;
        var page = await rally.PageAsync();
        await page.GotoAsync($"/members/{id}/edit");
        await page.GetByLabel("Surname").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var surname = page.GetByLabel("Surname");
        await Assertions.Expect(surname).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#lastName-error")).ToBeVisibleAsync();

        // Someone else saves first (another browser); this form's version is now stale.
        var other = await rally.PageAsync();
        await other.GotoAsync($"/members/{id}/edit");
        await other.GetByLabel("Trade").FillAsync("compositor " + Random.Shared.Next(1000));
        await other.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        await page.GetByLabel("Surname").FillAsync("Stale");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("changed");
        var lastName = await rally.QueryAsync(db => db.Members.Where(m => m.Id == id).Select(m => m.LastName).FirstAsync());
        Assert.NotEqual("Stale", lastName);
    }

    [Fact]
    public async Task A_scoped_organizer_cannot_reach_another_unions_member()
    {
        var outsider = await rally.QueryAsync(db => db.Members.Where(m => m.OrgUnit.Path.StartsWith(db.OrgUnits.Where(u => u.Code == rally.OtherUnion).Select(u => u.Path).First()))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.LastName, m.FirstName, m.MembershipNumber }).FirstAsync());
        var page = await rally.PageAsync(RallyApp.OrganizerEmail);

        var response = await page.GotoAsync($"/members/{outsider.Id}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(outsider.LastName);

        response = await page.GotoAsync($"/members/{outsider.Id}/edit");
        Assert.Equal(404, response!.Status);

        await page.GotoAsync("/members?search=" + Uri.EscapeDataString(outsider.MembershipNumber));
        await Assertions.Expect(page.Locator("main p[aria-live]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[href='/members/{outsider.Id}']")).ToHaveCountAsync(0);
        await page.GotoAsync("/members?search=" + Uri.EscapeDataString(outsider.LastName + " " + outsider.FirstName));
        await Assertions.Expect(page.Locator("main p[aria-live]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[href='/members/{outsider.Id}']")).ToHaveCountAsync(0);
        // Nor their union: not in the tree, and its page is "not found".
        await page.GotoAsync("/org");
        await Assertions.Expect(page.Locator($"a[href='/org/{rally.OwnUnion}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"a[href='/org/{rally.OtherUnion}']")).ToHaveCountAsync(0);
        response = await page.GotoAsync($"/org/{rally.OtherUnion}");
        Assert.Equal(404, response!.Status);

        // The same search as the administrator does find them, so the absence above is the scope at work.
        var admin = await rally.PageAsync();
        await admin.GotoAsync("/members?search=" + Uri.EscapeDataString(outsider.LastName + " " + outsider.FirstName));
        await Assertions.Expect(admin.Locator($"a[href='/members/{outsider.Id}']")).ToHaveCountAsync(1);
    }
}

public sealed class AdministrationTests(RallyApp rally)
{
    [Fact]
    public async Task Non_administrator_gets_403_on_administration_pages()
    {
        var page = await rally.PageAsync(RallyApp.OrganizerEmail);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/admin", "/admin/users", "/admin/categories", "/admin/kinds" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Administrator_creates_a_scoped_user_who_can_then_sign_in()
    {
        var email = $"viewer{Random.Shared.Next(100_000)}@example.org";
        var page = await rally.PageAsync();
        await page.GotoAsync("/admin/users");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Vera Viewer");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("viewer");
        await page.GetByLabel("On org unit (code)").FillAsync(rally.OwnUnion);
        await page.GetByLabel("Password").FillAsync(RallyApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vera Viewer" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main table tbody tr")).ToContainTextAsync(rally.OwnUnion);

        var viewer = await rally.PageAsync(email);
        await viewer.GotoAsync("/members");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Creating_a_user_with_a_bad_address_shows_the_error_beside_the_field()
    {
        var page = await rally.PageAsync();
        await page.GotoAsync("/admin/users");
        await page.GetByLabel("E-mail address").FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Nobody");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("E-mail address")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#email-error")).ToContainTextAsync("e-mail");
    }

    [Fact]
    public async Task Administrator_grants_and_revokes_a_role_and_disables_the_account()
    {
        var email = $"granted{Random.Shared.Next(100_000)}@example.org";
        var page = await rally.PageAsync();
        await page.GotoAsync("/admin/users");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Gleb Granted");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("viewer");
        await page.GetByLabel("On org unit (code)").FillAsync(rally.OwnUnion);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gleb Granted" })).ToBeVisibleAsync();

        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("organizer");
        await page.GetByLabel("On org unit (code)").FillAsync(rally.OtherUnion);
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        var grants = page.Locator("main table tbody tr");
        await Assertions.Expect(grants).ToHaveCountAsync(2);
        await Assertions.Expect(grants.Filter(new() { HasText = rally.OtherUnion })).ToContainTextAsync("organizer");

        await grants.Filter(new() { HasText = rally.OtherUnion }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("main table tbody")).Not.ToContainTextAsync(rally.OtherUnion);

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable this account" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.lede")).ToContainTextAsync("disabled");
        await Assertions.Expect(page.Locator("ol.audit")).ToContainTextAsync("revoked a role");
    }

    [Fact]
    public async Task Administrator_adds_renames_and_archives_a_category()
    {
        var code = "cat" + Random.Shared.Next(100_000);
        var page = await rally.PageAsync();
        await page.GotoAsync("/admin/categories");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Ship's cooks");
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ship's cooks" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Ship's cooks and stewards");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync("Ship's cooks and stewards");
        await Assertions.Expect(row).ToContainTextAsync("in use");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ship's cooks and stewards" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = code })).ToContainTextAsync("archived");

        // An archived category is no longer offered for new members.
        await page.GotoAsync("/members/new");
        await Assertions.Expect(page.Locator($"#category option[value='{code}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session()
    {
        var email = $"leaving{Random.Shared.Next(100_000)}@example.org";
        var id = await rally.CreateUserAsync(email, Rally.Features.Accounts.Roles.Viewer, rally.OwnUnion);
        var theirs = await rally.PageAsync(email);
        await theirs.GotoAsync("/members");
        await Assertions.Expect(theirs.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();

        var admin = await rally.PageAsync();
        await admin.GotoAsync($"/admin/users/{id}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Disable this account" }).ClickAsync();
        await Assertions.Expect(admin.Locator("p.lede")).ToContainTextAsync("disabled");

        await theirs.GotoAsync("/members");
        Assert.StartsWith(rally.BaseUrl + "/signin", theirs.Url);
        await theirs.GetByLabel("E-mail address").FillAsync(email);
        await theirs.GetByLabel("Password").FillAsync(RallyApp.Password);
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(theirs.GetByRole(AriaRole.Alert)).ToContainTextAsync("disabled");
    }
}
