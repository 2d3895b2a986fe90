using Rally.Features.Queue;
using static Rally.Features.Queue.WhoNext;

namespace Rally.Tests.Features.Queue;

/// <summary>The queue order against a turf worked out by hand; today is 1 March 1919, quiet after 60 days, stale after 90.</summary>
public class WhoNextTests
{
    static readonly DateOnly Today = new(1919, 3, 1);
    static readonly Dictionary<int, string> Levels = new() { [1] = "leader", [2] = "supporter", [3] = "undecided", [4] = "sceptical", [5] = "opposed" };
    static readonly Settings Rules = new(Today, QuietDays: 60, StaleAfterDays: 90, Levels);

    static DateOnly D(int y, int m, int d) => new(y, m, d);

    static Target T(int id, string last, int? level = null, DateOnly? assessed = null, DateOnly? contact = null, string first = "Ivan") =>
        new(id, last, first, level, assessed, contact);

    static OpenFollowUp F(long id, int member, string last, DateOnly due, string action = "bring the petition") =>
        new(id, member, last, "Ivan", action, due);

    [Fact]
    public void A_turf_worked_out_by_hand()
    {
        var recent = D(1919, 2, 15);
        Target[] turf =
        [
            T(10, "Petrov", contact: null),                                  // never contacted, but has an overdue follow-up: placed there once
            T(20, "Ivanov"),                                                 // never contacted
            T(21, "Abramov"),                                                // never contacted, sorts before Ivanov
            T(12, "Kuznetsov", 5, D(1918, 12, 1), D(1919, 1, 1)),            // opposed but quiet only 59 days; assessment 90 days old: not stale yet
            T(30, "Orlov", 4, recent, D(1918, 12, 31)),                      // sceptical, quiet exactly 60 days
            T(31, "Sokolov", 5, recent, D(1918, 11, 1)),                     // opposed, quiet 120 days
            T(32, "Morozov", 3, D(1918, 6, 1), D(1918, 6, 1)),               // undecided: not least engaged; assessment 273 days old
            T(33, "Zaitsev", null, null, D(1919, 2, 1)),                     // talked to, never assessed
            T(34, "Lebedev", 2, D(1918, 11, 30), D(1919, 2, 20)),            // assessment 91 days old
            T(35, "Egorov", 4, D(1918, 10, 1), D(1919, 2, 28)),              // sceptical but talked to yesterday; assessment 151 days old
            T(36, "Frolov", 1, recent, recent),                              // nothing to do
        ];
        OpenFollowUp[] followUps =
        [
            F(1, 10, "Petrov", D(1919, 2, 26)),
            F(2, 11, "Volkov", D(1919, 2, 12), "ask about the fuel ration"), // not on the turf: own follow-ups count anyway
            F(3, 10, "Petrov", D(1919, 2, 20)),                              // Petrov's older one places him
            F(4, 12, "Kuznetsov", Today),                                    // due today: not overdue
            F(5, 13, "Pavlov", D(1919, 3, 5)),
        ];

        var queue = Order(turf, followUps, Rules);

        Assert.Equal([11, 10, 21, 20, 31, 30, 33, 32, 35, 34], queue.Select(e => e.MemberId));
        Assert.Equal(
        [
            (11, Reasons.OverdueFollowUp, "follow-up 'ask about the fuel ration' due 12 Feb 1919, 17 days overdue", (long?)2),
            (10, Reasons.OverdueFollowUp, "follow-up 'bring the petition' due 20 Feb 1919, 9 days overdue", 3),
            (21, Reasons.NeverContacted, "never contacted", null),
            (20, Reasons.NeverContacted, "never contacted", null),
            (31, Reasons.LeastEngaged, "opposed (5), last contact 120 days ago", null),
            (30, Reasons.LeastEngaged, "sceptical (4), last contact 60 days ago", null),
            (33, Reasons.StaleAssessment, "never assessed", null),
            (32, Reasons.StaleAssessment, "assessment 273 days old", null),
            (35, Reasons.StaleAssessment, "assessment 151 days old", null),
            (34, Reasons.StaleAssessment, "assessment 91 days old", null),
        ], queue.Select(e => (e.MemberId, e.Reason, e.Text, e.FollowUpId)));
    }

    [Fact]
    public void The_quiet_days_are_a_setting()
    {
        // Kuznetsov (opposed, quiet 59 days) enters the queue when 30 days of silence are enough; Orlov, quiet 60 days, comes first.
        Target[] turf = [T(12, "Kuznetsov", 5, D(1919, 2, 15), D(1919, 1, 1)), T(30, "Orlov", 4, D(1919, 2, 15), D(1918, 12, 31))];
        Assert.Empty(Order(turf, [], Rules with { QuietDays = 61 }));
        var queue = Order(turf, [], Rules with { QuietDays = 30 });
        Assert.Equal([(30, "sceptical (4), last contact 60 days ago"), (12, "opposed (5), last contact 59 days ago")], queue.Select(e => (e.MemberId, e.Text)));
    }

    [Fact]
    public void Ties_fall_back_to_surname_given_name_and_id_and_a_member_appears_once()
    {
        Target[] turf =
        [
            T(7, "Smirnov", first: "Pavel"),
            T(5, "Smirnov", first: "Pavel"),
            T(9, "Smirnov", first: "Anna"),
            T(5, "Smirnov", first: "Pavel"), // the same member in a second campaign's turf
        ];
        Assert.Equal([9, 5, 7], Order(turf, [], Rules).Select(e => e.MemberId));
        // The input order does not matter.
        Assert.Equal([9, 5, 7], Order(turf.Reverse(), [], Rules).Select(e => e.MemberId));
    }

    [Fact]
    public void One_day_is_singular()
    {
        var queue = Order([], [F(1, 1, "Petrov", Today.AddDays(-1))], Rules);
        Assert.Equal("follow-up 'bring the petition' due 28 Feb 1919, 1 day overdue", Assert.Single(queue).Text);
    }

    [Fact]
    public void An_empty_turf_is_an_empty_queue() => Assert.Empty(Order([], [], Rules));
}
