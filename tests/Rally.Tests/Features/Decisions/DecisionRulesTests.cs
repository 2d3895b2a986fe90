using Rally.Features.Decisions;

namespace Rally.Tests.Features.Decisions;

public class DecisionRulesTests
{
    static readonly DateOnly Today = new(1919, 3, 1);
    const string Recorder = "user-recorder", Overseer = "user-overseer";
    const int Specialist = 10, OverseerMember = 20;

    [Fact]
    public void A_kind_that_needs_co_signature_starts_pending_without_effect()
    {
        Assert.Equal(DecisionRules.Pending, DecisionRules.InitialStatus(needsCoSignature: true));
        Assert.False(DecisionRules.HasEffect(DecisionRules.Pending));
        Assert.Equal(DecisionRules.InEffect, DecisionRules.InitialStatus(needsCoSignature: false));
        Assert.True(DecisionRules.HasEffect(DecisionRules.InEffect));
        Assert.True(DecisionRules.HasEffect(DecisionRules.CoSigned));
        Assert.False(DecisionRules.HasEffect(DecisionRules.Rejected));
    }

    static DecisionRules.Signed Pending => new(DecisionRules.Pending, Recorder, Specialist);

    [Fact]
    public void An_active_overseer_who_did_not_record_it_may_sign()
    {
        Assert.Null(DecisionRules.CheckSigner(Pending, new(Overseer, OverseerMember, IsActiveOverseer: true)));
    }

    [Fact]
    public void Whoever_recorded_it_may_not_sign_it_even_as_an_overseer()
    {
        var refusal = DecisionRules.CheckSigner(Pending, new(Recorder, OverseerMember, IsActiveOverseer: true));
        Assert.Equal(403, refusal!.Status);
        Assert.Contains("own decision", refusal.Reason);
    }

    [Fact]
    public void The_specialist_may_not_sign_his_placement_s_decision_even_when_an_officer_recorded_it()
    {
        var refusal = DecisionRules.CheckSigner(Pending, new("user-specialist", Specialist, IsActiveOverseer: true));
        Assert.Equal(403, refusal!.Status);
        Assert.Contains("own decision", refusal.Reason);
    }

    [Fact]
    public void Anyone_but_an_active_overseer_is_refused_with_403()
    {
        Assert.Equal(403, DecisionRules.CheckSigner(Pending, new(Overseer, OverseerMember, IsActiveOverseer: false))!.Status);
        Assert.Equal(403, DecisionRules.CheckSigner(Pending, new(Overseer, null, IsActiveOverseer: false))!.Status);
    }

    [Fact]
    public void The_recorder_the_specialist_or_an_officer_may_withdraw_a_pending_decision_and_nobody_else()
    {
        Assert.Null(DecisionRules.CheckWithdrawer(Pending, Recorder, null, isOfficer: false));
        Assert.Null(DecisionRules.CheckWithdrawer(Pending, "user-specialist", Specialist, isOfficer: false));
        Assert.Null(DecisionRules.CheckWithdrawer(Pending, "user-officer", null, isOfficer: true));
        // An overseer signs; withdrawing is not his to do.
        Assert.Equal(403, DecisionRules.CheckWithdrawer(Pending, Overseer, OverseerMember, isOfficer: false)!.Status);
    }

    [Theory]
    [InlineData(DecisionRules.CoSigned)]
    [InlineData(DecisionRules.Rejected)]
    [InlineData(DecisionRules.InEffect)]
    [InlineData(DecisionRules.Withdrawn)]
    public void Only_a_pending_decision_is_withdrawn_and_the_refusal_names_both_states(string status)
    {
        var refusal = DecisionRules.CheckWithdrawer(new(status, Recorder, Specialist), Recorder, null, isOfficer: true);
        Assert.Equal(409, refusal!.Status);
        Assert.Contains($"is {status}, not pending", refusal.Reason);
    }

    [Theory]
    [InlineData(DecisionRules.CoSigned)]
    [InlineData(DecisionRules.Rejected)]
    [InlineData(DecisionRules.InEffect)]
    [InlineData(DecisionRules.Withdrawn)]
    public void Only_a_pending_decision_is_signed_and_the_refusal_names_both_states(string status)
    {
        var refusal = DecisionRules.CheckSigner(new(status, Recorder, Specialist), new(Overseer, OverseerMember, IsActiveOverseer: true));
        Assert.Equal(409, refusal!.Status);
        Assert.Contains($"is {status}, not pending", refusal.Reason);
    }

    [Theory]
    [InlineData("Buy coal", "buy coal")]
    [InlineData("  Buy   COAL ", "buy coal")]
    [InlineData("Buy\tcoal\n", "buy coal")]
    public void Titles_fold_to_one_key(string title, string key) => Assert.Equal(key, DecisionRules.TitleKey(title));

    static DecisionRules.OverseerFacts Facts(string starts, string? ends, bool specialist, params (string, string?)[] posts) =>
        new(DateOnly.Parse(starts), ends is null ? null : DateOnly.Parse(ends), specialist,
            posts.Select(p => (DateOnly.Parse(p.Item1), p.Item2 is null ? (DateOnly?)null : DateOnly.Parse(p.Item2))).ToList());

    [Fact]
    public void An_overseer_is_active_while_the_oversight_runs_and_they_hold_a_post_in_the_body()
    {
        Assert.True(DecisionRules.IsActiveOverseer(Facts("1919-01-15", null, false, ("1918-12-01", null)), Today));
        // The post's last day is today: still held today (the end is inclusive).
        Assert.True(DecisionRules.IsActiveOverseer(Facts("1919-01-15", null, false, ("1918-12-01", "1919-03-01")), Today));
        // The post ended yesterday; the oversight ended yesterday; it starts tomorrow; no post at all; a specialist.
        Assert.False(DecisionRules.IsActiveOverseer(Facts("1919-01-15", null, false, ("1918-12-01", "1919-02-28")), Today));
        Assert.False(DecisionRules.IsActiveOverseer(Facts("1919-01-15", "1919-02-28", false, ("1918-12-01", null)), Today));
        Assert.False(DecisionRules.IsActiveOverseer(Facts("1919-03-02", null, false, ("1918-12-01", null)), Today));
        Assert.False(DecisionRules.IsActiveOverseer(Facts("1919-01-15", null, false), Today));
        Assert.False(DecisionRules.IsActiveOverseer(Facts("1919-01-15", null, true, ("1918-12-01", null)), Today));
        // A second stint in the body counts as well as the first.
        Assert.True(DecisionRules.IsActiveOverseer(Facts("1919-01-15", null, false, ("1918-01-01", "1918-06-30"), ("1919-02-01", null)), Today));
    }

    [Theory]
    [InlineData("1919-03-01T08:00:00Z", 0, "0–2 days")]
    [InlineData("1919-02-27T23:59:00Z", 2, "0–2 days")]
    [InlineData("1919-02-26T00:00:00Z", 3, "3–7 days")]
    [InlineData("1919-02-22T00:00:00Z", 7, "3–7 days")]
    [InlineData("1919-02-21T00:00:00Z", 8, "8–30 days")]
    [InlineData("1919-01-30T00:00:00Z", 30, "8–30 days")]
    [InlineData("1919-01-29T00:00:00Z", 31, "over 30 days")]
    [InlineData("1919-03-02T00:00:00Z", 0, "0–2 days")] // recorded "tomorrow" by a skewed clock: never negative
    public void Pending_decisions_age_in_whole_days_into_bands(string recordedAt, int days, string band)
    {
        var age = DecisionRules.AgeInDays(DateTimeOffset.Parse(recordedAt, System.Globalization.CultureInfo.InvariantCulture), Today);
        Assert.Equal(days, age);
        Assert.Equal(band, DecisionRules.AgeBand(age));
    }
}
