using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Rally.BrowserTests;

/// <summary>Every user-facing string of the pages has an English resource, so a translation can be added without touching a page.</summary>
public sealed partial class LocalizationTests
{
    [GeneratedRegex("""L\["((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex Key();

    [Fact]
    public void Every_localized_string_in_the_pages_has_an_English_resource()
    {
        var source = Source();
        var resources = XDocument.Load(Path.Combine(source, "Web", "Resources", "SharedResource.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value.Replace("\\\"", "\""))))
            .Where(k => !k.Key.EndsWith(':') && !resources.Contains(k.Key))
            .Select(k => $"{k.File}: {k.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Strings without a resource:\n" + string.Join("\n", missing));
        // Keys built at run time: every status and role has its label.
        foreach (var key in Rally.Features.Members.MemberRules.Statuses.Select(s => "status:" + s).Concat(Rally.Features.Accounts.Roles.All.Select(r => "role:" + r)))
            Assert.Contains(key, resources);
    }

    static string Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "src", "Rally", "Rally.csproj"))) return Path.Combine(dir.FullName, "src", "Rally");
        throw new DirectoryNotFoundException("src/Rally not found above " + AppContext.BaseDirectory);
    }
}
