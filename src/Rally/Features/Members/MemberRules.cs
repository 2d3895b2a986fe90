namespace Rally.Features.Members;

/// <summary>Pure rules about members: statuses and the transitions between them, and search keys.</summary>
public static class MemberRules
{
    public const string Applicant = "applicant";
    public const string Active = "member";
    public const string Lapsed = "lapsed";
    public const string Left = "left";
    public const string Expelled = "expelled";

    public static readonly IReadOnlyList<string> Statuses = [Applicant, Active, Lapsed, Left, Expelled];

    static readonly Dictionary<string, string[]> Transitions = new()
    {
        [Applicant] = [Active, Left],
        [Active] = [Lapsed, Left, Expelled],
        [Lapsed] = [Active, Left, Expelled],
        [Left] = [Applicant, Active],
        [Expelled] = [Applicant],
    };

    public static bool IsStatus(string? status) => status is not null && Transitions.ContainsKey(status);

    /// <summary>The statuses a member may move to from <paramref name="from"/>.</summary>
    public static IReadOnlyList<string> NextStatuses(string from) => Transitions.TryGetValue(from, out var next) ? next : [];

    public static bool CanMove(string from, string to) => NextStatuses(from).Contains(to);

    /// <summary>The case-folded form of a name used for prefix search and sorting.</summary>
    public static string Key(string? name) => (name ?? "").Trim().ToLowerInvariant();

    public static void SetKeys(Member m)
    {
        m.LastNameKey = Key(m.LastName);
        m.FirstNameKey = Key(m.FirstName);
    }
}
