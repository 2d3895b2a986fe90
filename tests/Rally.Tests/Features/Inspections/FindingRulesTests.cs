using Rally.Features.Inspections;

namespace Rally.Tests.Features.Inspections;

public class FindingRulesTests
{
    sealed class FakeClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    static readonly FakeClock Clock = new(new DateTimeOffset(1919, 3, 1, 10, 0, 0, TimeSpan.Zero));
    static DateOnly D(int month, int day) => new(1919, month, day);

    [Fact]
    public void Today_is_the_utc_date_of_the_clock()
    {
        // 01:30 on 2 March in Moscow (+03:00) is 22:30 UTC on 1 March.
        Assert.Equal(D(3, 1), FindingRules.Today(new FakeClock(new DateTimeOffset(1919, 3, 2, 1, 30, 0, TimeSpan.FromHours(3)))));
        Assert.Equal(D(3, 1), FindingRules.Today(Clock));
    }

    [Theory]
    [InlineData(3, 4)]   // critical: found on the 1st, fixed by the 4th
    [InlineData(7, 8)]   // major
    [InlineData(30, 31)] // minor: 1 March + 30 days = 31 March
    public void The_deadline_is_the_day_found_plus_the_severity_days(int days, int deadlineDay)
    {
        Assert.Equal(D(3, deadlineDay), FindingRules.Deadline(FindingRules.Today(Clock), days));
    }

    [Fact]
    public void Overdue_only_after_the_deadline_day_and_only_while_a_fix_is_owed()
    {
        var clock = new FakeClock(new DateTimeOffset(1919, 3, 4, 23, 59, 0, TimeSpan.Zero));
        var deadline = D(3, 4);
        Assert.False(FindingRules.IsOverdue(true, deadline, FindingRules.Today(clock))); // the deadline day itself is still in time
        clock.Now = new DateTimeOffset(1919, 3, 5, 0, 0, 0, TimeSpan.Zero);
        Assert.True(FindingRules.IsOverdue(true, deadline, FindingRules.Today(clock)));
        Assert.Equal(1, FindingRules.DaysOverdue(true, deadline, FindingRules.Today(clock)));
        // Reported fixed, verified or closed: nothing is owed, so never overdue.
        Assert.False(FindingRules.IsOverdue(false, deadline, FindingRules.Today(clock)));
        Assert.Equal(0, FindingRules.DaysOverdue(false, deadline, FindingRules.Today(clock)));
    }

    static readonly IReadOnlyList<FindingRules.BodyRef> Chain = [new(20, "Petrograd Food Committee"), new(30, "People's Commissariat of Food")];

    [Fact]
    public void An_overdue_finding_escalates_to_the_parent_body_the_day_after_the_deadline_and_a_level_higher_each_further_period()
    {
        var deadline = D(3, 4); // critical, 3 days
        var clock = new FakeClock(new DateTimeOffset(1919, 3, 4, 12, 0, 0, TimeSpan.Zero));
        Assert.Empty(FindingRules.Escalations(Chain, true, deadline, 3, FindingRules.Today(clock)));

        clock.Now = new DateTimeOffset(1919, 3, 5, 12, 0, 0, TimeSpan.Zero);
        var first = FindingRules.Escalations(Chain, true, deadline, 3, FindingRules.Today(clock));
        Assert.Equal([new FindingRules.Escalation(1, 20, "Petrograd Food Committee", D(3, 5))], first);

        // Three more days (the severity's period) without a fix: up to the commissariat on the 8th.
        clock.Now = new DateTimeOffset(1919, 3, 7, 12, 0, 0, TimeSpan.Zero);
        Assert.Single(FindingRules.Escalations(Chain, true, deadline, 3, FindingRules.Today(clock)));
        clock.Now = new DateTimeOffset(1919, 3, 8, 12, 0, 0, TimeSpan.Zero);
        var second = FindingRules.Escalations(Chain, true, deadline, 3, FindingRules.Today(clock));
        Assert.Equal([(1, 20, D(3, 5)), (2, 30, D(3, 8))], second.Select(e => (e.Level, e.BodyId, e.Since)));

        // The chain ends at the top body, however late.
        clock.Now = new DateTimeOffset(1919, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, FindingRules.Escalations(Chain, true, deadline, 3, FindingRules.Today(clock)).Count);
        // No parent, or nothing owed: no escalation.
        Assert.Empty(FindingRules.Escalations([], true, deadline, 3, FindingRules.Today(clock)));
        Assert.Empty(FindingRules.Escalations(Chain, false, deadline, 3, FindingRules.Today(clock)));
    }

    static FindingRules.StepRequest Step(string from, string to, string? rule = null, bool allowed = true, int? member = 7, bool groupMember = true,
        string user = "u-verifier", string? reporterUser = "u-reporter", int? reporterMember = 5, string? note = "Saw the new lock fitted.",
        DateOnly? reinspectedOn = null) =>
        new(from, from, to, to, allowed, rule, user, member, groupMember, reporterUser, reporterMember, note,
            reinspectedOn ?? D(3, 1), D(2, 27), FindingRules.Today(Clock));

    [Fact]
    public void A_step_not_in_the_workflow_is_a_conflict_naming_both_states()
    {
        var judgement = FindingRules.Judge(new("open", "Open", "verified-fixed", "Verified fixed", false, null, "u", 1, true, null, null, null, null, D(3, 1), D(3, 1)));
        Assert.Equal(FindingRules.Verdict.Conflict, judgement.Verdict);
        Assert.Contains("'Open' (open)", judgement.Message);
        Assert.Contains("'Verified fixed' (verified-fixed)", judgement.Message);
    }

    [Fact]
    public void A_fix_is_verified_only_by_a_group_member_other_than_the_reporter_after_a_reinspection()
    {
        Assert.Equal(FindingRules.Verdict.Ok, FindingRules.Judge(Step("reported-fixed", "verified-fixed", TransitionRules.Verify)).Verdict);
        // Not a member of the group, or no member linked to the account.
        Assert.Equal(FindingRules.Verdict.Forbidden, FindingRules.Judge(Step("reported-fixed", "verified-fixed", TransitionRules.Verify, groupMember: false)).Verdict);
        Assert.Equal(FindingRules.Verdict.Forbidden, FindingRules.Judge(Step("reported-fixed", "verified-fixed", TransitionRules.Verify, member: null)).Verdict);
        // The same member, or the same account, that reported the fix.
        Assert.Equal(FindingRules.Verdict.Forbidden, FindingRules.Judge(Step("reported-fixed", "verified-fixed", TransitionRules.Verify, member: 5)).Verdict);
        Assert.Equal(FindingRules.Verdict.Forbidden, FindingRules.Judge(Step("reported-fixed", "verified-fixed", TransitionRules.Verify, user: "u-reporter")).Verdict);
        // The re-inspection: dated, not in the future, not before the report, and described.
        var future = FindingRules.Judge(Step("reported-fixed", "verified-fixed", TransitionRules.Verify, reinspectedOn: D(3, 2)));
        Assert.Equal((FindingRules.Verdict.Invalid, "reinspectedOn"), (future.Verdict, future.Field));
        var early = FindingRules.Judge(Step("reported-fixed", "verified-fixed", TransitionRules.Verify, reinspectedOn: D(2, 26)));
        Assert.Equal((FindingRules.Verdict.Invalid, "reinspectedOn"), (early.Verdict, early.Field));
        var silent = FindingRules.Judge(Step("reported-fixed", "verified-fixed", TransitionRules.Verify, note: " "));
        Assert.Equal((FindingRules.Verdict.Invalid, "note"), (silent.Verdict, silent.Field));
    }

    [Fact]
    public void Closing_not_fixed_and_reopening_need_a_reason()
    {
        var judgement = FindingRules.Judge(Step("open", "closed-not-fixed", TransitionRules.Reason, note: null));
        Assert.Equal((FindingRules.Verdict.Invalid, "note"), (judgement.Verdict, judgement.Field));
        Assert.Equal(FindingRules.Verdict.Ok, FindingRules.Judge(Step("open", "closed-not-fixed", TransitionRules.Reason, note: "The depot was closed down.")).Verdict);
        Assert.Equal(FindingRules.Verdict.Ok, FindingRules.Judge(Step("open", "acknowledged", note: null)).Verdict);
    }

    [Fact]
    public void The_seeded_workflow_reaches_verified_fixed_only_from_reported_fixed_and_never_counts_closed_not_fixed_as_a_fix()
    {
        var into = FindingTransition.Defaults.Where(t => t.To == FindingState.VerifiedFixed).ToList();
        Assert.Equal([(FindingState.ReportedFixed, TransitionRules.Verify)], into.Select(t => (t.From, t.Rule)));
        var states = FindingState.Defaults.ToDictionary(s => s.Code);
        Assert.Equal([FindingState.VerifiedFixed], states.Values.Where(s => s.IsVerifiedFix).Select(s => s.Code));
        Assert.True(states[FindingState.ClosedNotFixed].IsClosed);
        Assert.False(states[FindingState.ClosedNotFixed].IsVerifiedFix);
        // Every state but the closed ones has a way on; both closed ones can be reopened.
        foreach (var s in states.Values)
            Assert.Contains(FindingTransition.Defaults, t => t.From == s.Code);
        Assert.Single(states.Values, s => s.IsInitial);
    }
}
