using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Accounts;
using Rally.Features.Placements;

namespace Rally.BrowserTests;

/// <summary>
/// On a phone: an engineer placed in an economic council records a procurement decision and a worker
/// overseeing him co-signs it; an officer who is also an overseer records one for the engineer and is
/// refused when he tries to co-sign it himself.
/// </summary>
public sealed class DecisionJourneyTests(RallyApp rally)
{
    sealed record Watched(int Placement, int Specialist, int Overseer, string UnitCode);

    /// <summary>Setup, not assertion: the demo's placements with an overseer active today, by placement id.</summary>
    Task<List<Watched>> WatchedPlacementsAsync() => rally.QueryAsync(async db =>
    {
        var today = Oversight.Today(TimeProvider.System);
        var rows = await (from o in Oversight.Active(db, today)
                          join p in db.Placements on o.PlacementId equals p.Id
                          orderby p.Id, o.MemberId
                          select new { p.Id, p.MemberId, Overseer = o.MemberId, p.Body.OrgUnit.Code, Depth = p.Body.OrgUnit.Depth }).ToListAsync();
        return rows.GroupBy(r => r.Id).Select(g => g.First()).Select(r => new Watched(r.Id, r.MemberId, r.Overseer, r.Depth == 0 ? "" : r.Code)).ToList();
    });

    async Task<string> LinkedUserAsync(string role, string? scope, int member)
    {
        var email = $"{role}{Guid.NewGuid():N}"[..16] + "@example.org";
        var id = await rally.CreateUserAsync(email, role, scope);
        await rally.QueryAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MemberId, member)));
        return email;
    }

    async Task<IPage> PhoneAsync(string email)
    {
        var context = await rally.Browser.NewContextAsync(new() { BaseURL = rally.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000); // a busy test machine is not what is under test
        await RallyApp.SignInAsync(page, email);
        return page;
    }

    static async Task RecordAsync(IPage page, int placement, string kind, string title)
    {
        await page.GotoAsync("/decisions");
        await page.GetByLabel("Placement").SelectOptionAsync(placement.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Kind").SelectOptionAsync(kind);
        await page.GetByLabel("Subject").FillAsync(title);
        await page.GetByLabel("Details").FillAsync("Delivery by rail within the month.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new System.Text.RegularExpressions.Regex("/decisions\\?done=recorded$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Decision recorded.");
    }

    [Fact]
    public async Task An_administrator_links_an_account_to_its_member_on_the_user_page_once()
    {
        var specialist = await rally.QueryAsync(db => db.Members.Where(m => m.Category.Code == Placement.SpecialistCategory && !db.Users.Any(u => u.MemberId == m.Id))
            .OrderByDescending(m => m.Id).Select(m => new { m.Id, m.MembershipNumber, Name = m.FirstName + " " + m.LastName }).FirstAsync());
        var account = await rally.CreateUserAsync($"engineer{Guid.NewGuid():N}"[..16] + "@example.org", Roles.Viewer, rally.OwnUnion);
        var another = await rally.CreateUserAsync($"engineer{Guid.NewGuid():N}"[..16] + "@example.org", Roles.Viewer, rally.OwnUnion);
        var admin = await rally.PageAsync();
        var linked = admin.Locator("#member-heading + p");
        async Task LinkAsync(string user, string number)
        {
            await admin.GotoAsync($"/admin/users/{user}");
            await admin.GetByLabel("Membership number").FillAsync(number);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save the link" }).ClickAsync();
        }

        await LinkAsync(account, "NO-SUCH-NUMBER");
        await Assertions.Expect(admin.Locator("#membershipNumber-error")).ToContainTextAsync("NO-SUCH-NUMBER");
        await Assertions.Expect(linked).ToContainTextAsync("Not linked");

        await LinkAsync(account, specialist.MembershipNumber);
        await RallyApp.ArrivedAsync(admin, new System.Text.RegularExpressions.Regex(@"\?saved=true$"));
        await Assertions.Expect(linked).ToContainTextAsync(specialist.Name);
        Assert.Equal(specialist.Id, await rally.QueryAsync(db => db.Users.Where(u => u.Id == account).Select(u => u.MemberId).SingleAsync()));
        await Axe.AssertNoSeriousViolationsAsync(admin);

        // One account per member; an empty number unlinks.
        await LinkAsync(another, specialist.MembershipNumber);
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("already linked");
        await LinkAsync(account, "");
        await RallyApp.ArrivedAsync(admin, new System.Text.RegularExpressions.Regex(@"\?saved=true$"));
        await Assertions.Expect(linked).ToContainTextAsync("Not linked");
        Assert.Null(await rally.QueryAsync(db => db.Users.Where(u => u.Id == account).Select(u => u.MemberId).SingleAsync()));
    }

    [Fact]
    public async Task An_officer_ends_a_placement_after_a_date_before_its_start_is_refused_beside_the_field()
    {
        // The last watched placement: the other journeys here use the first.
        var watched = await WatchedPlacementsAsync();
        Assert.True(watched.Count > 1, "the demo needs two watched placements");
        var placement = watched[^1].Placement;
        var page = await rally.PageAsync();
        await page.GotoAsync("/placements");
        var item = page.Locator("ul.placements > li").Filter(new() { Has = page.Locator($"#endsOn-{placement}") });
        await item.GetByText("End this placement").ClickAsync();
        await item.GetByLabel("Last day").FillAsync("1900-01-01");
        await item.GetByRole(AriaRole.Button, new() { Name = "End", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator($"#endsOn-{placement}-error")).ToContainTextAsync("cannot be before the placement started");

        var today = Oversight.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        item = page.Locator("ul.placements > li").Filter(new() { Has = page.Locator($"#endsOn-{placement}") });
        await item.GetByLabel("Last day").FillAsync(today);
        await item.GetByRole(AriaRole.Button, new() { Name = "End", Exact = true }).ClickAsync();
        await RallyApp.ArrivedAsync(page, new System.Text.RegularExpressions.Regex("/placements\\?ended=true$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Placement ended.");
        // Its last day is today, so it is still listed as under way, now with its end.
        await Assertions.Expect(page.Locator("ul.placements > li").Filter(new() { Has = page.Locator($"#endsOn-{placement}") })).ToContainTextAsync($"to {today}");
    }

    [Fact]
    public async Task An_engineer_records_a_procurement_decision_and_his_overseer_co_signs_it()
    {
        var watched = (await WatchedPlacementsAsync()).First();
        var engineer = await PhoneAsync(await LinkedUserAsync(Roles.Viewer, rally.OtherUnion, watched.Specialist));
        var title = "Buy coal for the boiler house " + Guid.NewGuid().ToString("N")[..6];

        await engineer.GetByRole(AriaRole.Link, new() { Name = "Decisions", Exact = true }).ClickAsync();
        await Assertions.Expect(engineer.GetByRole(AriaRole.Heading, new() { Name = "Specialists' decisions", Level = 1 })).ToBeVisibleAsync();
        await RecordAsync(engineer, watched.Placement, "procurement", title);
        // It waits: the engineer sees it among the pending ones, without a co-sign button of his own.
        await Assertions.Expect(engineer.GetByRole(AriaRole.Button, new() { Name = $"Co-sign: {title}" })).ToHaveCountAsync(0);

        var overseer = await PhoneAsync(await LinkedUserAsync(Roles.Viewer, rally.OtherUnion, watched.Overseer));
        await overseer.GotoAsync("/decisions");
        var cosign = overseer.GetByRole(AriaRole.Button, new() { Name = $"Co-sign: {title}" });
        await Assertions.Expect(cosign).ToBeVisibleAsync();
        await cosign.ClickAsync();
        await RallyApp.ArrivedAsync(overseer, new System.Text.RegularExpressions.Regex("/decisions\\?done=co-signed$"));
        await Assertions.Expect(overseer.GetByRole(AriaRole.Status)).ToHaveTextAsync("Co-signed: the decision is in effect.");
        await Assertions.Expect(overseer.GetByRole(AriaRole.Button, new() { Name = $"Co-sign: {title}" })).ToHaveCountAsync(0);
        await engineer.Context.CloseAsync();
        await overseer.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_who_oversees_cannot_co_sign_the_decision_he_recorded()
    {
        // A placement of a regional council (its body sits on a union), not the one the other journey uses.
        var all = await WatchedPlacementsAsync();
        var watched = all.Where(w => w.UnitCode != "" && w.Placement != all[0].Placement).Last();
        var officer = await PhoneAsync(await LinkedUserAsync(Roles.Officer, watched.UnitCode, watched.Overseer));
        var title = "Hire two fitters for the repair shop " + Guid.NewGuid().ToString("N")[..6];

        await RecordAsync(officer, watched.Placement, "hiring", title);
        // He oversees the placement, so it is listed for him; the write path, not the list, refuses him.
        var cosign = officer.GetByRole(AriaRole.Button, new() { Name = $"Co-sign: {title}" });
        await Assertions.Expect(cosign).ToBeVisibleAsync();
        await cosign.ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nobody signs their own decision");
        await officer.GotoAsync("/decisions");
        await Assertions.Expect(officer.GetByRole(AriaRole.Button, new() { Name = $"Co-sign: {title}" })).ToBeVisibleAsync();
        await officer.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/decisions")]
    [InlineData("/placements")]
    [InlineData("/placements?state=uncovered")]
    public async Task The_pages_are_accessible_and_fit_a_narrow_phone(string path)
    {
        var page = await rally.PageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.SetViewportSizeAsync(360, 740);
        await page.ReloadAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var culprits = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.scroll'))
              .slice(0, 5).map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px').join(', ')
            """);
        Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 360px screen: {culprits}");
    }

    [Fact]
    public async Task The_coverage_report_flags_the_demo_placement_whose_overseers_left_the_council()
    {
        var page = await rally.PageAsync();
        await page.GotoAsync("/placements?state=uncovered");
        await Assertions.Expect(page.Locator("ul.placements > li").First).ToContainTextAsync("no active overseer");
    }
}
