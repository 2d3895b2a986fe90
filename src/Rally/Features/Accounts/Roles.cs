namespace Rally.Features.Accounts;

/// <summary>The four roles, ordered: each can do what the ones below it can.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Organizer = "organizer";
    public const string Officer = "officer";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All = [Administrator, Officer, Organizer, Viewer];

    public static int Rank(string role) => role switch
    {
        Viewer => 1,
        Organizer => 2,
        Officer => 3,
        Administrator => 4,
        _ => 0,
    };

    public static bool IsRole(string? role) => Rank(role ?? "") > 0;
}
