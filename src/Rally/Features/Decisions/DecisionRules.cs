namespace Rally.Features.Decisions;

/// <summary>
/// The maker–checker rules for specialists' decisions, as pure functions: what state a new decision
/// starts in, who may sign it, what counts as a duplicate, how old a pending one is.
/// </summary>
public static class DecisionRules
{
    public const string Pending = "pending";
    /// <summary>Needed no co-signature: in effect from the moment it was recorded.</summary>
    public const string InEffect = "in-effect";
    public const string CoSigned = "co-signed";
    public const string Rejected = "rejected";
    /// <summary>Taken back while pending, with a reason: it never took effect and nobody signs it now.</summary>
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> States = [Pending, InEffect, CoSigned, Rejected, Withdrawn];

    /// <summary>Whether the decision has effect: recorded without need of co-signature, or co-signed.</summary>
    public static bool HasEffect(string status) => status is InEffect or CoSigned;

    public static string InitialStatus(bool needsCoSignature) => needsCoSignature ? Pending : InEffect;

    /// <summary>Trimmed, runs of white space made one space, lower case: "Buy  Coal " and "buy coal" are the same subject.</summary>
    public static string TitleKey(string title) =>
        string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>A day lies in a dated span when StartsOn ≤ day and (EndsOn is null or day ≤ EndsOn): the end is the last day.</summary>
    public static bool Covers(DateOnly startsOn, DateOnly? endsOn, DateOnly day) => startsOn <= day && (endsOn is null || day <= endsOn);

    /// <summary>What the rules know about one overseer on one day.</summary>
    /// <param name="Posts">The member's assignments to posts of the placement's body (start, last day).</param>
    public sealed record OverseerFacts(DateOnly StartsOn, DateOnly? EndsOn, bool IsSpecialist, IReadOnlyList<(DateOnly StartsOn, DateOnly? EndsOn)> Posts);

    /// <summary>
    /// An overseer is active on a day when the oversight covers it, they are no specialist themselves,
    /// and they hold a post in the placement's body that day (a worker of that body).
    /// </summary>
    public static bool IsActiveOverseer(OverseerFacts o, DateOnly day) =>
        !o.IsSpecialist && Covers(o.StartsOn, o.EndsOn, day) && o.Posts.Any(p => Covers(p.StartsOn, p.EndsOn, day));

    /// <summary>A refusal to sign: the HTTP status it answers with and why.</summary>
    public sealed record Refusal(int Status, string Reason);

    /// <summary>Who is trying to co-sign or reject.</summary>
    /// <param name="UserId">The signed-in user.</param>
    /// <param name="MemberId">The member that user is, if linked.</param>
    /// <param name="IsActiveOverseer">Whether that member oversees the decision's placement today.</param>
    public sealed record Signer(string UserId, int? MemberId, bool IsActiveOverseer);

    /// <summary>The facts of the decision being signed.</summary>
    public sealed record Signed(string Status, string RecordedByUserId, int SpecialistMemberId);

    /// <summary>
    /// Null when <paramref name="signer"/> may co-sign or reject the decision now. Nobody signs their
    /// own decision (neither whoever recorded it nor the specialist); only an active overseer of the
    /// placement signs (403 both); only a pending decision can be signed (409, naming its state).
    /// </summary>
    public static Refusal? CheckSigner(Signed decision, Signer signer)
    {
        if (signer.UserId == decision.RecordedByUserId)
            return new(403, "Nobody signs their own decision: you recorded this one, so another overseer of the placement must co-sign or reject it.");
        if (signer.MemberId == decision.SpecialistMemberId)
            return new(403, "Nobody signs their own decision: this is your placement's decision; an overseer of the placement must co-sign or reject it.");
        if (!signer.IsActiveOverseer)
            return new(403, "Only an active overseer of this placement (a worker holding a post in its body) may co-sign or reject its decisions.");
        if (decision.Status != Pending)
            return new(409, $"The decision is {decision.Status}, not {Pending}: only a pending decision can be co-signed or rejected.");
        return null;
    }

    /// <summary>
    /// Null when a pending decision may be withdrawn by this caller: whoever recorded it, the placement's
    /// specialist, or an officer over the body (403 for anyone else); only a pending one (409, naming its state).
    /// </summary>
    public static Refusal? CheckWithdrawer(Signed decision, string userId, int? memberId, bool isOfficer)
    {
        if (userId != decision.RecordedByUserId && memberId != decision.SpecialistMemberId && !isOfficer)
            return new(403, "Only whoever recorded the decision, the specialist or an officer over the body may withdraw it.");
        if (decision.Status != Pending)
            return new(409, $"The decision is {decision.Status}, not {Pending}: only a pending decision can be withdrawn.");
        return null;
    }

    /// <summary>Whole days a decision has waited, from the day it was recorded (UTC) to today; never negative.</summary>
    public static int AgeInDays(DateTimeOffset recordedAt, DateOnly today) =>
        Math.Max(0, today.DayNumber - DateOnly.FromDateTime(recordedAt.UtcDateTime).DayNumber);

    /// <summary>The age bands of the pending-co-signatures report.</summary>
    public static readonly IReadOnlyList<(string Label, int From, int? To)> AgeBands =
        [("0–2 days", 0, 2), ("3–7 days", 3, 7), ("8–30 days", 8, 30), ("over 30 days", 31, null)];

    public static string AgeBand(int days) => AgeBands.First(b => days >= b.From && (b.To is null || days <= b.To)).Label;
}
