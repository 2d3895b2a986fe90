using System.Globalization;

namespace Rally.Web;

/// <summary>Dates as the API, the forms and the files write them: yyyy-MM-dd, nothing looser.</summary>
public static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
