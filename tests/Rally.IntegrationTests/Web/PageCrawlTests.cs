using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Rally.Data.Demo;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Web;

/// <summary>
/// An administrator follows every link over the demonstration set, on both databases, and no page fails.
/// Pages once rendered half-loaded on PostgreSQL, where awaits really wait, and SQLite hid it.
/// </summary>
public partial class PageCrawlTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How many addresses of one shape (numbers and codes taken out) are visited.</summary>
    const int PerShape = 3;
    const int MaxPages = 1500;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_page_linked_from_the_home_page_renders_over_the_demo_set(string provider)
    {
        await using var app = await RallyApp.StartAsync(provider, seed: false, ct: Ct);
        Assert.Equal(0, await app.InScopeAsync((sp, db) => DemoCommand.RunAsync(db, null, sp.GetRequiredService<TimeProvider>(), new StringWriter(), new StringWriter(), Ct)));
        using var admin = await PageClient.SignInAsync(app, Roles.Administrator, null, Ct);

        var visited = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/"]);
        var failures = new List<string>();
        while (queue.Count > 0 && visited.Count < MaxPages)
        {
            var path = queue.Dequeue();
            if (!visited.Add(path)) continue;
            using var response = await admin.GetAsync(path, Ct);
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {path}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            foreach (Match link in Href().Matches(await response.Content.ReadAsStringAsync(Ct)))
            {
                var href = WebUtility.HtmlDecode(link.Groups[1].Value);
                if (!Followed(href) || visited.Contains(href)) continue;
                var shape = Shape(href);
                if (shapes.GetValueOrDefault(shape) >= PerShape) continue;
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                queue.Enqueue(href);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {visited.Count} pages failed:\n{string.Join("\n", failures)}");
        // The crawl reached the pages that used to fail, so it cannot pass by stopping early.
        var reached = visited.Select(Shape).ToHashSet();
        Assert.Subset(reached, new HashSet<string> {"/structure-tests/X", "/org/X", "/org/X/edit", "/campaigns/new", "/members/new", "/members/X", "/bodies/X", "/inspections/X" });
        Assert.True(visited.Count > 100, $"only {visited.Count} pages reached");
    }

    /// <summary>Pages of this site, not downloads, feeds, the API or signing out.</summary>
    static bool Followed(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !new[] { "/api/", "/signout", "/_framework", "/css/", "/js/", "/lib/" }.Any(p => href.StartsWith(p, StringComparison.Ordinal))
        && !new[] { ".csv", ".ics", ".atom", ".css", ".js", ".png", ".svg" }.Any(e => href.Split('?')[0].EndsWith(e, StringComparison.Ordinal));

    /// <summary>The address with ids and codes replaced by X, and the query's values dropped.</summary>
    static string Shape(string href)
    {
        var parts = href.Split('?', 2);
        var path = string.Join('/', parts[0].Split('/').Select(s => s.Any(c => char.IsDigit(c) || char.IsUpper(c)) ? "X" : s));
        return parts.Length == 1 ? path : path + "?" + string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("href=\"([^\"#]*)")]
    private static partial Regex Href();
}
