using System.Globalization;

namespace Rally.Features.Labels.Pages;

/// <summary>
/// What the add and rename forms post. The order arrives as text so that a typo becomes a field
/// error beside the field rather than a binding failure.
/// </summary>
public sealed class LabelForm
{
    /// <summary>The version the page showed; only the rename form sends it.</summary>
    public int Version { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? SortOrder { get; set; }

    /// <returns>False when the order is neither blank nor a whole number.</returns>
    public bool TryRead(out LabelFields fields)
    {
        int? order = null;
        if (!string.IsNullOrWhiteSpace(SortOrder))
        {
            if (!int.TryParse(SortOrder, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                fields = new(Code, Name, null);
                return false;
            }
            order = n;
        }
        fields = new(Code, Name, order);
        return true;
    }
}
