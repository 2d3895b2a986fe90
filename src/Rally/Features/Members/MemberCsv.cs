namespace Rally.Features.Members;

/// <summary>
/// The canonical member file: what export writes and import reads by default, so an export
/// imports back unchanged.
/// </summary>
public static class MemberCsv
{
    public const string MembershipNumber = "membership_number";
    public const string GivenName = "given_name";
    public const string MiddleName = "middle_name";
    public const string FamilyName = "family_name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string DateOfBirth = "date_of_birth";
    public const string Category = "category";
    public const string Trade = "trade";
    public const string OrgUnit = "org_unit";
    public const string Workplace = "workplace";
    public const string Status = "status";
    public const string JoinedOn = "joined_on";

    /// <summary>The columns in file order. <c>org_unit</c> and <c>workplace</c> are org-unit codes; dates are yyyy-MM-dd.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [MembershipNumber, GivenName, MiddleName, FamilyName, Email, Phone, DateOfBirth, Category, Trade, OrgUnit, Workplace, Status, JoinedOn];

    /// <summary>
    /// A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or carriage
    /// return) gets a leading apostrophe, so opening an export cannot execute anything.
    /// </summary>
    public static string Neutralise(string? value) =>
        string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') ? value ?? "" : "'" + value;
}
