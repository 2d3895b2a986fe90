namespace Rally.Features.Inspections;

/// <summary>
/// The pure rules of findings: deadlines, overdue, escalation up the bodies, and whether a
/// workflow step may be taken. No database, no clock: "today" is passed in.
/// </summary>
public static class FindingRules
{
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The last day to fix: <paramref name="from"/> plus the severity's days (found on the 1st, critical 3 → the 4th).</summary>
    public static DateOnly Deadline(DateOnly from, int deadlineDays) => from.AddDays(deadlineDays);

    /// <summary>Overdue while the body still owes a fix and the deadline day has passed.</summary>
    public static bool IsOverdue(bool awaitsFix, DateOnly deadline, DateOnly today) => awaitsFix && today > deadline;

    public static int DaysOverdue(bool awaitsFix, DateOnly deadline, DateOnly today) =>
        IsOverdue(awaitsFix, deadline, today) ? today.DayNumber - deadline.DayNumber : 0;

    public sealed record BodyRef(int Id, string Name);

    public sealed record Escalation(int Level, int BodyId, string BodyName, DateOnly Since);

    /// <summary>
    /// Where an overdue finding has climbed. The day after the deadline it goes to the responsible
    /// body's parent; each further period of the severity's days without a fix takes it one body
    /// higher, as far as the chain goes. <paramref name="ancestors"/> starts with the parent.
    /// Computed on read from the clock, so it never depends on a sweep having run.
    /// </summary>
    public static IReadOnlyList<Escalation> Escalations(IReadOnlyList<BodyRef> ancestors, bool awaitsFix, DateOnly deadline, int deadlineDays, DateOnly today)
    {
        if (!IsOverdue(awaitsFix, deadline, today) || ancestors.Count == 0) return [];
        var period = Math.Max(1, deadlineDays);
        var result = new List<Escalation>();
        for (var level = 1; level <= ancestors.Count; level++)
        {
            var since = deadline.AddDays(1 + (level - 1) * period);
            if (since > today) break;
            result.Add(new(level, ancestors[level - 1].Id, ancestors[level - 1].Name, since));
        }
        return result;
    }

    /// <summary>The facts a step is judged on.</summary>
    public sealed record StepRequest(
        string FromCode, string FromName, string ToCode, string ToName,
        bool Allowed, string? Rule,
        string UserId, int? MemberId, bool IsGroupMember,
        string? ReportedFixedByUserId, int? ReportedFixedByMemberId,
        string? Note, DateOnly? ReinspectedOn, DateOnly ReportedFixedOn, DateOnly Today);

    public enum Verdict { Ok, Conflict, Forbidden, Invalid }

    public sealed record Judgement(Verdict Verdict, string? Field = null, string? Message = null);

    /// <summary>
    /// Whether the step may be taken: it must be one of the transitions (else a conflict naming both
    /// states), and meet its rule. Verification is by a member of the control group who did not
    /// report the fix, after a re-inspection no earlier than the report and not in the future.
    /// </summary>
    public static Judgement Judge(StepRequest r)
    {
        if (!r.Allowed)
            return new(Verdict.Conflict, Message: $"A finding that is '{r.FromName}' ({r.FromCode}) cannot be moved to '{r.ToName}' ({r.ToCode}).");
        switch (r.Rule)
        {
            case TransitionRules.Reason when string.IsNullOrWhiteSpace(r.Note):
                return new(Verdict.Invalid, "note", $"Moving a finding to '{r.ToName}' needs a note saying why.");
            case TransitionRules.Verify:
                if (!r.IsGroupMember || r.MemberId is null)
                    return new(Verdict.Forbidden, Message: "Only a member of the control group that raised the finding may verify a fix, after re-inspecting it.");
                if (r.MemberId == r.ReportedFixedByMemberId || r.UserId == r.ReportedFixedByUserId)
                    return new(Verdict.Forbidden, Message: "The fix must be verified by a different group member from the one who reported it fixed.");
                if (r.ReinspectedOn is not { } on)
                    return new(Verdict.Invalid, "reinspectedOn", "reinspectedOn is required: the day the fix was re-inspected (yyyy-MM-dd).");
                if (on > r.Today)
                    return new(Verdict.Invalid, "reinspectedOn", "reinspectedOn cannot be in the future.");
                if (on < r.ReportedFixedOn)
                    return new(Verdict.Invalid, "reinspectedOn", $"reinspectedOn cannot be before the fix was reported ({r.ReportedFixedOn:yyyy-MM-dd}).");
                if (string.IsNullOrWhiteSpace(r.Note))
                    return new(Verdict.Invalid, "note", "Say what the re-inspection found.");
                break;
        }
        return new(Verdict.Ok);
    }
}
