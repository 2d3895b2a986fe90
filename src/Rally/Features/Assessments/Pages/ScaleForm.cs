using System.Globalization;

namespace Rally.Features.Assessments.Pages;

/// <summary>
/// What the scale forms post. Levels are typed one per line, best first, so a phone keyboard is
/// enough; numbers arrive as text so a typo becomes a field error beside the field.
/// </summary>
public sealed class ScaleForm
{
    public int Version { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? OrgUnit { get; set; }
    public string? StaleAfterDays { get; set; }
    public string? SortOrder { get; set; }
    public string? Levels { get; set; }

    public static ScaleForm Of(ScaleView s) => new()
    {
        Version = s.Version, Code = s.Code, Name = s.Name, OrgUnit = s.OrgUnit,
        StaleAfterDays = s.StaleAfterDays.ToString(CultureInfo.InvariantCulture), SortOrder = s.SortOrder.ToString(CultureInfo.InvariantCulture),
        Levels = string.Join("\n", s.Levels.OrderBy(l => l.Level).Select(l => l.Name)),
    };

    /// <returns>The request, or the fields whose numbers could not be read.</returns>
    public (SaveScale.Request? Request, List<string> BadNumbers) Read()
    {
        var bad = new List<string>();
        int? Number(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            bad.Add(field);
            return null;
        }
        var stale = Number("staleAfterDays", StaleAfterDays);
        var order = Number("sortOrder", SortOrder);
        var levels = (Levels ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select((name, i) => new AssessmentRules.LevelInput(i + 1, name)).ToList();
        return bad.Count > 0 ? (null, bad) : (new SaveScale.Request(Code, Name, order, string.IsNullOrWhiteSpace(OrgUnit) ? null : OrgUnit.Trim(), stale, levels), bad);
    }
}
