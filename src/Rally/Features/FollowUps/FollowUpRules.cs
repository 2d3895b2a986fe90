using Rally.Web;

namespace Rally.Features.FollowUps;

/// <summary>Pure rules of follow-ups: overdue is computed from the clock, never stored.</summary>
public static class FollowUpRules
{
    public const string Open = "open", Overdue = "overdue", Done = "done", All = "all";
    public static readonly IReadOnlyList<string> States = [Open, Overdue, Done, All];

    /// <summary>"Today" is the UTC date of the clock, as everywhere in Rally.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>Overdue while not done and the due date has passed; due today is not yet overdue.</summary>
    public static bool IsOverdue(DateOnly dueOn, DateTimeOffset? doneAt, DateOnly today) => doneAt is null && dueOn < today;

    /// <summary>Due dates are written yyyy-MM-dd; anything else (including impossible dates such as 1919-02-30) is refused.</summary>
    public static bool TryParseDue(string? text, out DateOnly due) =>
        IsoDate.TryParse(text, out due);
}
