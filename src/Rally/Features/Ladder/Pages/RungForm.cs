using System.Globalization;

namespace Rally.Features.Ladder.Pages;

/// <summary>What the rung forms post; numbers arrive as text so a typo becomes a field error beside the field. Programmes come as repeated checkboxes.</summary>
public sealed class RungForm
{
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? MinMonthsBelow { get; set; }
    public string? ScaleId { get; set; }
    public string? AtOrBetterLevel { get; set; }

    public static RungForm Of(RungView r) => new()
    {
        Version = r.Version, Name = r.Name, Description = r.Description, MinMonthsBelow = r.MinMonthsBelow.ToString(CultureInfo.InvariantCulture),
        ScaleId = r.ScaleId?.ToString(CultureInfo.InvariantCulture), AtOrBetterLevel = r.AtOrBetterLevel?.ToString(CultureInfo.InvariantCulture),
    };

    /// <returns>The request, or the fields whose numbers could not be read.</returns>
    public (SaveRung.Request? Request, List<string> BadNumbers) Read(IEnumerable<string?> programmeIds)
    {
        var bad = new List<string>();
        int? Number(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            bad.Add(field);
            return null;
        }
        var months = Number("minMonthsBelow", MinMonthsBelow);
        var scale = Number("scaleId", ScaleId);
        var level = Number("atOrBetterLevel", AtOrBetterLevel);
        var programmes = programmeIds.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .Where(p => p is not null).Select(p => p!.Value).ToList();
        return bad.Count > 0 ? (null, bad) : (new SaveRung.Request(Name, Description, months, scale, level, programmes), bad);
    }
}
