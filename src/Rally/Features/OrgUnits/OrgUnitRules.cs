namespace Rally.Features.OrgUnits;

/// <summary>Pure rules of the org tree.</summary>
public static class OrgUnitRules
{
    /// <summary>A unit may move under any unit that is not itself or one of its descendants.</summary>
    public static bool CanMoveUnder(string unitPath, string? newParentPath) =>
        newParentPath is null || !OrgPath.Contains(unitPath, newParentPath);

    /// <summary>The path a descendant gets when its subtree root moves from <paramref name="oldRoot"/> to <paramref name="newRoot"/>.</summary>
    public static string Rebase(string path, string oldRoot, string newRoot) => newRoot + path[oldRoot.Length..];

    public static int DepthOf(string path) => path.Count(c => c == '/') - 2;

    public static bool IsValidCode(string? code) =>
        code is { Length: >= 1 and <= 40 } && char.IsAsciiLetterOrDigit(code[0]) && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
