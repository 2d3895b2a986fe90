using Rally.Features.Campaigns;
using static Rally.Features.Campaigns.CampaignProgress;

namespace Rally.Tests.Features.Campaigns;

/// <summary>Campaign progress against cases worked out by hand (see the comments for the arithmetic).</summary>
public class CampaignProgressTests
{
    static DateOnly March(int day) => new(1919, 3, day);
    static DateTimeOffset At(int month, int day, int hour = 12) => new(1919, month, day, hour, 0, 0, TimeSpan.Zero);

    // Anna (1) and Boris (2) at workplace 10, Vera (3) at 20, Darya (4) with no workplace.
    static readonly Target[] Four = [new(1, 10), new(2, 10), new(3, 20), new(4, null)];

    static readonly Mark[] History =
    [
        new(1, At(2, 20), 4), new(1, At(3, 2), 2), new(1, At(3, 3), 3), // Anna: 4 → 2 → 3
        new(1, At(3, 6), 1),                                             // after "today": not yet
        new(2, At(2, 25), 1),                                            // Boris: a leader since before the start
        new(3, At(3, 3, 15), 2), new(3, At(3, 3, 9), 3),                 // Vera: 3 then 2 the same day (listed out of order): 2 counts
        new(99, At(3, 1), 1),                                            // not a target
    ];

    [Fact]
    public void Level_share_follows_each_targets_latest_level_day_by_day()
    {
        // Goal: half the targets at "supporter" (2) or better. Start 1 March, deadline 5 March, today 4 March.
        var result = Compute(new Goal(GoalKinds.LevelShare, Level: 2, Share: 0.5m), March(1), March(5), March(4), Four, History, []);

        // 1 Mar: Boris only = 1/4; 2 Mar: Anna (2) + Boris = 2/4; 3 Mar: Anna fell to 3, Vera rose to 2 → Boris + Vera = 2/4; 4 Mar: the same.
        Assert.Equal([March(1), March(2), March(3), March(4)], result.Series.Select(p => p.Date));
        Assert.Equal([1, 2, 2, 2], result.Series.Select(p => p.Achieved));
        Assert.Equal([0.25m, 0.5m, 0.5m, 0.5m], result.Series.Select(p => p.Value));
        // Now: 2 of 4 = 0.5, which is all of the goal of 0.5.
        Assert.Equal(new Now(0.5m, 1m, 4, 2), result.Now);

        var w10 = result.ByWorkplace.Single(w => w.WorkplaceId == 10);
        // Anna and Boris: 1, 2, 1, 1 of 2.
        Assert.Equal([0.5m, 1m, 0.5m, 0.5m], w10.Series.Select(p => p.Value));
        Assert.Equal(new Now(0.5m, 1m, 2, 1), w10.Now);
        var w20 = result.ByWorkplace.Single(w => w.WorkplaceId == 20);
        Assert.Equal([0, 0, 1, 1], w20.Series.Select(p => p.Achieved));
        Assert.Equal(new Now(1m, 2m, 1, 1), w20.Now);
        var none = result.ByWorkplace.Single(w => w.WorkplaceId is null);
        Assert.Equal(new Now(0m, 0m, 1, 0), none.Now);
    }

    [Fact]
    public void A_member_going_4_then_2_then_3_counts_only_on_the_day_at_2()
    {
        var result = Compute(new Goal(GoalKinds.LevelShare, Level: 2, Share: 1m), March(1), March(31), March(4), [new(1, 10)], History, []);
        Assert.Equal([0, 1, 0, 0], result.Series.Select(p => p.Achieved));
        Assert.Equal(0m, result.Now.Value);
    }

    [Fact]
    public void Conversations_count_from_the_start_the_series_stops_at_the_deadline_and_now_is_today()
    {
        Event[] talks =
        [
            new(1, new(1919, 2, 28)), // before the start
            new(1, March(1)), new(2, March(1)), new(1, March(3)),
            new(2, March(5)),         // after the deadline, before today
            new(99, March(2)),        // not a target
        ];
        var result = Compute(new Goal(GoalKinds.Conversations, Count: 4), March(1), March(3), March(10), [new(1, 10), new(2, 20)], [], talks);

        // 1 Mar: 2; 2 Mar: 2; 3 Mar: 3. Today (10 Mar): 4, which is the whole goal of 4.
        Assert.Equal([2m, 2m, 3m], result.Series.Select(p => p.Value));
        Assert.Equal(new Now(4m, 1m, 2, 4), result.Now);
        // Anna's two since the start (1 and 3 March); her 28 February one is before it.
        Assert.Equal(2, result.ByWorkplace.Single(w => w.WorkplaceId == 10).Now.Achieved);
    }

    [Fact]
    public void Structure_test_share_counts_each_participant_once_from_their_earliest_participation()
    {
        Event[] taking =
        [
            new(1, new(1919, 2, 27)), new(1, March(1)), // Anna, before the start (counts) and again
            new(2, March(2)),                            // Boris
            new(3, March(5)),                            // Vera, after today
        ];
        var result = Compute(new Goal(GoalKinds.StructureTestShare, Share: 0.5m), March(1), March(31), March(2), Four, [], taking);

        // 1 Mar: Anna = 1/4; 2 Mar: Anna, Boris = 2/4 = the goal.
        Assert.Equal([0.25m, 0.5m], result.Series.Select(p => p.Value));
        Assert.Equal(new Now(0.5m, 1m, 4, 2), result.Now);
    }

    [Fact]
    public void Before_the_start_the_series_is_empty_and_now_is_the_state_today()
    {
        // 25 Feb: Anna at 4 (20 Feb), Boris at 1 (25 Feb): 1 of 4 at 2 or better.
        var result = Compute(new Goal(GoalKinds.LevelShare, Level: 2, Share: 0.5m), March(1), March(31), new(1919, 2, 25), Four, History, []);
        Assert.Empty(result.Series);
        Assert.Equal(new Now(0.25m, 0.5m, 4, 1), result.Now);
    }

    [Fact]
    public void No_targets_is_nothing_achieved_not_a_division_by_zero()
    {
        var result = Compute(new Goal(GoalKinds.LevelShare, Level: 2, Share: 0.5m), March(1), March(3), March(2), [], History, []);
        Assert.Equal(new Now(0m, 0m, 0, 0), result.Now);
        Assert.Equal([0m, 0m], result.Series.Select(p => p.Value));
        Assert.Empty(result.ByWorkplace);
    }

    [Fact]
    public void Level_share_deltas_are_the_days_achieved_flips_at_the_targets_workplace()
    {
        var deltas = Deltas(new Goal(GoalKinds.LevelShare, Level: 2, Share: 0.5m), March(1), Four, History, []);

        // Anna (10): 4 on 20 Feb is no change; 2 on 2 Mar +1; 3 on 3 Mar −1; 1 on 6 Mar +1. Boris (10): 1 on 25 Feb +1.
        // Vera (20): 3 then 2 on 3 Mar is one +1 (3 achieves nothing). Darya: nothing. Member 99 is not a target.
        Assert.Equal(
            [(new DateOnly(1919, 2, 25), 10, 1), (March(2), 10, 1), (March(3), 10, -1), (March(3), 20, 1), (March(6), 10, 1)],
            deltas.Select(d => (d.On, d.WorkplaceId, d.Change)).OrderBy(d => d.On).ThenBy(d => d.WorkplaceId));
    }

    [Fact]
    public void The_sweep_over_summed_deltas_gives_what_the_raw_history_gives()
    {
        // The deltas above as the database sums them per day and workplace, with the targets counted per workplace.
        Delta[] deltas = [new(new(1919, 2, 25), 10, 1), new(March(2), 10, 1), new(March(3), 10, -1), new(March(3), 20, 1), new(March(6), 10, 1)];
        WorkplaceTargets[] workplaces = [new(10, 2), new(20, 1), new(null, 1)];
        var result = Compute(new Goal(GoalKinds.LevelShare, Level: 2, Share: 0.5m), March(1), March(5), March(4), workplaces, deltas);

        // 25 Feb folds into 1 Mar: 1; 2 Mar: 2; 3 Mar: −1 +1 = 2; 4 Mar: 2. 6 Mar is after the last day (5 Mar): ignored.
        Assert.Equal([1, 2, 2, 2], result.Series.Select(p => p.Achieved));
        Assert.Equal(new Now(0.5m, 1m, 4, 2), result.Now);
        Assert.Equal([1, 2, 1, 1], result.ByWorkplace.Single(w => w.WorkplaceId == 10).Series.Select(p => p.Achieved));
        Assert.Equal(new Now(0m, 0m, 1, 0), result.ByWorkplace.Single(w => w.WorkplaceId is null).Now);
        // The same figures as from the raw history (Level_share_follows_each_targets_latest_level_day_by_day).
        var raw = Compute(new Goal(GoalKinds.LevelShare, Level: 2, Share: 0.5m), March(1), March(5), March(4), Four, History, []);
        Assert.Equal(raw.Series, result.Series);
        Assert.Equal(raw.Now, result.Now);
    }

    [Fact]
    public void Two_assessments_at_the_same_instant_count_the_worse_level_last()
    {
        // As the index reads them (AssessedAt, then Level): 2 then 3 at noon on 2 March → +1 −1, not achieved.
        Mark[] tie = [new(1, At(3, 2), 3), new(1, At(3, 2), 2)];
        var result = Compute(new Goal(GoalKinds.LevelShare, Level: 2, Share: 1m), March(1), March(3), March(3), [new(1, 10)], tie, []);
        Assert.Equal([0, 0, 0], result.Series.Select(p => p.Achieved));
        Assert.Equal([1, -1], Deltas(new Goal(GoalKinds.LevelShare, Level: 2), March(1), [new(1, 10)], tie, []).Select(d => d.Change));
    }

    [Fact]
    public void Turf_by_workplace_gives_the_largest_workplaces_first_to_whoever_has_least()
    {
        // 10 (5) → first [5,0]; 20 (3) → second [5,3]; 30 (3) → second [5,6]; no workplace (2) → first [7,6].
        var plan = TurfRules.ByWorkplace([(20, 3), (null, 2), (10, 5), (30, 3)], 2);
        Assert.Equal([(10, 0), (20, 1), (30, 1), (null, 0)], plan.Select(p => (p.WorkplaceId, p.Organiser)));
    }
}
