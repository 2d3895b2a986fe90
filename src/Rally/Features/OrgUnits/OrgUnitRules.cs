namespace Rally.Features.OrgUnits;

/// <summary>Pure rules of the org tree.</summary>
public static class OrgUnitRules
{
    /// <summary>A unit may move under any unit that is not itself or one of its descendants.</summary>
    public static bool CanMoveUnder(string unitPath, string? newParentPath) =>
        newParentPath is null || !OrgPath.Contains(unitPath, newParentPath);

    public static bool IsValidCode(string? code) =>
        code is { Length: >= 1 and <= 40 } && char.IsAsciiLetterOrDigit(code[0]) && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
