using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rally.Features.Bodies;
using Rally.Features.Members;

namespace Rally.BrowserTests;

/// <summary>An officer reads the participation dashboard on a phone and exports a series.</summary>
public sealed class DashboardJourneyTests(RallyApp rally)
{
    [Fact]
    public async Task Read_the_dashboard_and_export_the_participation_series()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        // Two members in good standing of a union take a co-operative post: one since last month, one from today. Not the
        // union the other journeys assign members in while this one runs, or the count below could change under it.
        var (unionCode, unionName, expected, members) = await rally.QueryAsync(async db =>
        {
            var union = await db.OrgUnits.Where(u => u.Kind.Code == "union" && u.Code != rally.OwnUnion && u.Code != rally.OtherUnion)
                .Where(u => db.Members.Count(m => m.Status == MemberRules.Active && m.OrgUnit.Path.StartsWith(u.Path) && db.MemberStatusChanges.Any(s => s.MemberId == m.Id)) >= 2)
                .OrderByDescending(u => u.Id).Select(u => new { u.Id, u.Code, u.Name, u.Path }).FirstAsync();
            var picked = await db.Members.Where(m => m.Status == MemberRules.Active && m.OrgUnit.Path.StartsWith(union.Path))
                .Where(m => db.MemberStatusChanges.Any(s => s.MemberId == m.Id)).OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync();
            var kind = await db.BodyKinds.Where(k => k.Code == "co-operative").Select(k => k.Id).SingleAsync();
            var body = new Body { Name = "Dashboard test co-operative", KindId = kind, OrgUnitId = union.Id, CreatedAt = DateTimeOffset.UtcNow };
            db.Bodies.Add(body);
            await db.SaveChangesAsync();
            var post = new Post { BodyId = body.Id, Title = "Supply duty", Seats = 5, RungId = 1 };
            db.Posts.Add(post);
            await db.SaveChangesAsync();
            db.Assignments.Add(new Assignment { PostId = post.Id, MemberId = picked[0], StartsOn = today.AddMonths(-1), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "browser-test" });
            db.Assignments.Add(new Assignment { PostId = post.Id, MemberId = picked[1], StartsOn = today, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "browser-test" });
            await db.SaveChangesAsync();
            // Members holding a post today in the union, counted here independently: in good standing by their latest status change.
            var holders = await db.Assignments.Where(a => a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today)).Select(a => a.MemberId).Distinct().ToListAsync();
            var latest = await db.MemberStatusChanges.Where(s => holders.Contains(s.MemberId) && s.EffectiveOn <= today).ToListAsync();
            var inUnion = await db.Members.Where(m => holders.Contains(m.Id) && m.OrgUnit.Path.StartsWith(union.Path)).Select(m => m.Id).ToListAsync();
            var count = inUnion.Count(id => latest.Where(s => s.MemberId == id).OrderBy(s => s.EffectiveOn).ThenBy(s => s.Id).LastOrDefault()?.ToStatus == MemberRules.Active);
            var all = await db.Members.CountAsync(m => m.OrgUnit.Path.StartsWith(union.Path) && m.Status == MemberRules.Active);
            return (union.Code, union.Name, count, all);
        });
        Assert.True(expected >= 2);

        var page = await rally.PageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Participation in administration", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure#share svg, figure svg").First).ToBeVisibleAsync();

        await page.GetByLabel("Unit", new() { Exact = true }).SelectOptionAsync(unionCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator(".lede")).ToContainTextAsync(unionName);
        // The share chart's table: this month's row has the holders counted above.
        var table = page.Locator("figure").First.Locator("table");
        var row = table.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = month, Exact = true }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(expected.ToString("N0", CultureInfo.CurrentCulture));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).First.ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("month,members,participants,share,target", lines[0]);
        Assert.Equal(25, lines.Length); // the 24 months up to this one
        var last = lines[^1].Split(',');
        Assert.Equal(month, last[0]);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), last[2]);
        Assert.True(int.Parse(last[1], CultureInfo.InvariantCulture) <= members);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the dashboard is {overflow}px wider than a phone");
        await Axe.AssertNoSeriousViolationsAsync(page);
    }
}
