using Microsoft.EntityFrameworkCore;

namespace Rally.BrowserTests;

/// <summary>axe-core on every main page: no serious or critical violation, as the administrator sees them.</summary>
public sealed class AccessibilityTests(RallyApp rally)
{
    public static TheoryData<string> Pages() =>
    [
        "/", "/org", "/org/{union}", "/members", "/members?search=a&sort=-lastName", "/members/{member}", "/members/{member}/edit", "/members/new", "/org/{union}/edit", "/org/{union}/criteria", "/org/new",
        "/admin", "/admin/users", "/admin/users/{admin}", "/admin/categories", "/admin/categories/1", "/admin/kinds", "/admin/kinds/1", "/members/999999",
        "/council", "/council?date=1919-03-01&seats=30&method=hamilton&minSeats=1&tieRule=larger-count",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_serious_accessibility_violations(string path)
    {
        var member = await rally.QueryAsync(db => db.Members.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        var admin = await rally.QueryAsync(db => db.Users.Where(u => u.Email == RallyApp.AdminEmail).Select(u => u.Id).FirstAsync());
        var page = await rally.PageAsync();
        var response = await page.GotoAsync(path.Replace("{admin}", admin).Replace("{union}", rally.OwnUnion).Replace("{member}", member.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(path.Contains("999999", StringComparison.Ordinal) ? 404 : 200, response!.Status);
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Sign_in_page_has_no_serious_accessibility_violations()
    {
        var page = await rally.PageAsync(email: null);
        await page.GotoAsync("/signin");
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Stylesheet_is_served_to_a_browser_that_asks_for_gzip()
    {
        var page = await rally.PageAsync();
        var header = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header.top')).backgroundColor");
        Assert.Equal("rgb(155, 28, 28)", header);
    }

    [Fact]
    public async Task Narrow_phone_screen_does_not_scroll_sideways()
    {
        var page = await rally.PageAsync();
        await page.SetViewportSizeAsync(360, 740);
        foreach (var path in new[] { "/", "/members", "/org" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            var culprits = await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.scroll'))
                  .slice(0, 5).map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px in ' + e.parentElement.tagName.toLowerCase() + ' ' + Math.round(e.parentElement.getBoundingClientRect().width) + 'px ' + getComputedStyle(e).width).join(', ')
                """);
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 360px screen: {culprits}");
        }
    }
}
