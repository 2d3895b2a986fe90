using System.Globalization;
using Microsoft.Extensions.Localization;
using Rally.Web;

namespace Rally.Features.StructureTests.Pages;

/// <summary>What the structure-test forms post; the share and dates arrive as text so a typo becomes a field error beside the field.</summary>
public sealed class StructureTestForm
{
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? OrgUnit { get; set; }
    public string? TargetShare { get; set; }
    public string? StartsOn { get; set; }
    public string? Deadline { get; set; }
    public string? Description { get; set; }

    public static StructureTestForm Of(StructureTestResponse t) => new()
    {
        Version = t.Version, Name = t.Name, Kind = t.Kind, OrgUnit = t.OrgUnit, Description = t.Description,
        TargetShare = t.TargetShare.ToString("0.####", CultureInfo.InvariantCulture),
        StartsOn = t.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Deadline = t.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <returns>The request, or the errors of the fields whose share or dates could not be read.</returns>
    public (SaveStructureTest.Request? Request, IDictionary<string, string[]>? Errors) Read(IStringLocalizer l)
    {
        var errors = new FieldErrors();
        decimal? share = null;
        if (!string.IsNullOrWhiteSpace(TargetShare))
        {
            if (decimal.TryParse(TargetShare.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var s)) share = s;
            else errors.Add("targetShare", l["Enter a number between 0 and 1, e.g. 0.5."]);
        }
        DateOnly? Date(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (IsoDate.TryParse(text, out var d)) return d;
            errors.Add(field, l["Enter the date as year-month-day, e.g. 1890-04-23."]);
            return null;
        }
        var (startsOn, deadline) = (Date("startsOn", StartsOn), Date("deadline", Deadline));
        return errors.Any ? (null, errors.ToDictionary()) : (new SaveStructureTest.Request(Name, Kind, Description, OrgUnit, share, startsOn, deadline), null);
    }
}
