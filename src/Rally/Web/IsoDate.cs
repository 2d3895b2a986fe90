using System.Globalization;

namespace Rally.Web;

/// <summary>
/// Dates as the API, the forms and the files write them: yyyy-MM-dd, nothing looser, in the years
/// 1000–8999, so that arithmetic on them (a period's default length, a deadline) cannot run off the calendar.
/// </summary>
public static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && InRange(date);

    public static bool InRange(DateOnly date) => date.Year is >= 1000 and <= 8999;

    /// <summary>For dates bound by the framework rather than parsed here: one outside the years Rally reckons with is named.</summary>
    public static void Check(FieldErrors errors, string field, DateOnly? date)
    {
        if (date is { } d && !InRange(d)) errors.Add(field, $"{field} must be a date between 1000-01-01 and 8999-12-31.");
    }
}
