using System.Text.RegularExpressions;

namespace Rally.Web;

/// <summary>Codes of configurable lists (categories, org-unit kinds): short lower-case slugs used in URLs and filters.</summary>
public static partial class Codes
{
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,39}\z")] // \z, not $: $ would let a final newline through
    private static partial Regex Slug();

    public static bool IsValid(string? code) => code is not null && Slug().IsMatch(code);

    public static void Validate(FieldErrors errors, string field, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) errors.Add(field, $"{field} is required.");
        else if (!IsValid(code)) errors.Add(field, $"{field} must be 1 to 40 lower-case letters, digits or hyphens, starting with a letter or digit.");
    }
}
