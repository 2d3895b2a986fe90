using System.Text.Json;
using Microsoft.Playwright;

namespace Rally.BrowserTests;

/// <summary>Injects axe-core (the npm package beside this project) and fails on serious or critical violations.</summary>
static class Axe
{
    static readonly Lazy<string> ScriptPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Rally.BrowserTests", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("axe-core is not installed: run `npm ci` in tests/Rally.BrowserTests (test.sh does).");
    });

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = ScriptPath.Value });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        var list = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(list.Count == 0, $"axe found {list.Count} serious or critical violation(s) on {page.Url}:\n" + string.Join("\n", list));
    }
}
