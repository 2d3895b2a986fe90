using Rally.Features.Dashboard;

namespace Rally.Tests.Features.Dashboard;

/// <summary>
/// The dashboard's monthly figures against a small history worked out by hand. Units: 10 (a union) and 20 (another).
/// Categories: 1 workers, 2 town servants. Rungs: ids 1–4 at positions 1–4. Today is 10 May 1919, so May's point is 10 May.
/// </summary>
public class MonthlyFiguresTests
{
    static DateOnly D(int month, int day, int year = 1919) => new(year, month, day);
    static readonly DateOnly Today = D(5, 10);
    static readonly List<DateOnly> Months = [D(1, 1), D(2, 1), D(3, 1), D(4, 1), D(5, 1)];

    static MemberHistory Member(int id, int category, int unit) { var h = new MemberHistory { MemberId = id, CategoryId = category }; h.Units.Add((DateOnly.MinValue, unit)); return h; }
    static MemberHistory.Held Post(DateOnly from, DateOnly? to, int rung) => new(from, to, rung, rung);

    static List<MemberHistory> People()
    {
        // Anna: a member from 15 Jan; rung 1 from 20 Jan to 28 Feb, the last day of the month (inclusive); assessed 2 on 5 Feb.
        var anna = Member(1, 1, 10);
        anna.Statuses.Add((D(1, 15), true));
        anna.Posts.Add(Post(D(1, 20), D(2, 28), 1));
        anna.Assessments.Add((D(2, 5), 2));
        // Boris: a member since December; rung 2 from 1 March, the first day of the next month, ongoing; enrolled 3 Feb, completed 20 Apr.
        var boris = Member(2, 1, 10);
        boris.Statuses.Add((D(12, 1, 1918), true));
        boris.Posts.Add(Post(D(3, 1), null, 2));
        boris.Schooling.Add((D(2, 3), D(4, 20)));
        // Vera: joins 10 Feb mid-month, rung 1 from 12 Feb, leaves 20 Mar mid-month.
        var vera = Member(3, 2, 10);
        vera.Statuses.Add((D(2, 10), true));
        vera.Statuses.Add((D(3, 20), false));
        vera.Posts.Add(Post(D(2, 12), null, 1));
        // Darya: a member since 1918; rung 1 from 1 Jan to 31 Mar, then rung 3 from 1 Apr (a move up, in union 10);
        // moved to union 20 on 15 Apr.
        var darya = Member(4, 2, 10);
        darya.Units.Add((D(4, 15), 20));
        darya.Statuses.Add((D(6, 1, 1918), true));
        darya.Posts.Add(Post(D(1, 1), D(3, 31), 1));
        darya.Posts.Add(Post(D(4, 1), null, 3));
        // Evgeny: a member since 1918, lapsed 1 Feb, back 5 Apr; a post from 20 May (after today: not yet).
        var evgeny = Member(5, 1, 10);
        evgeny.Statuses.Add((D(1, 1, 1918), true));
        evgeny.Statuses.Add((D(2, 1), false));
        evgeny.Statuses.Add((D(4, 5), true));
        evgeny.Posts.Add(Post(D(5, 20), null, 1));
        return [anna, boris, vera, darya, evgeny];
    }

    static Figures Stored(Func<int, bool> inScope)
    {
        var cells = new Dictionary<CellKey, int>();
        foreach (var h in People()) MonthlyFigures.Accumulate(h, Today, _ => true, cells);
        return MonthlyFigures.FromCells(cells.Where(c => inScope(c.Key.UnitId)).GroupBy(c => (c.Key.Series, c.Key.Key, c.Key.Month))
            .Select(g => (g.Key.Series, g.Key.Key, g.Key.Month, g.Sum(c => c.Value))), Months);
    }

    public static TheoryData<string> Ways => ["direct", "stored"];

    static Figures Compute(string way, Func<int, bool> inScope) =>
        way == "direct" ? MonthlyFigures.Direct(People(), [], inScope, Months, Today) : Stored(inScope);

    static int[] Each(Figures f, string series) => Months.Select(m => f.Sum(m, series)).ToArray();
    static int[] Each(Figures f, string series, int key) => Months.Select(m => f.Get(m, series, key)).ToArray();

    [Theory, MemberData(nameof(Ways))]
    public void Union_10_month_by_month(string way)
    {
        var f = Compute(way, u => u == 10);
        // Jan 31: Anna, Boris, Darya, Evgeny (Vera not yet). Feb 28: Evgeny lapsed, Vera joined. Mar 31: Vera left.
        // Apr 30: Darya moved to 20, Evgeny back. May 10: the same.
        Assert.Equal([4, 4, 3, 3, 3], Each(f, Series.Members));
        Assert.Equal([3, 2, 2, 3, 3], Each(f, Series.Members, 1));
        Assert.Equal([1, 2, 1, 0, 0], Each(f, Series.Members, 2));
        // Jan: Anna, Darya. Feb: Anna (ends on the 28th, inclusive), Vera, Darya. Mar: Boris (from the 1st), Darya (to the 31st).
        // Apr, May: Boris (Darya is in 20; Evgeny's post starts after today).
        Assert.Equal([2, 3, 2, 1, 1], Each(f, Series.Participants));
        Assert.Equal([1, 1, 1, 1, 1], Each(f, Series.Participants, 1));
        Assert.Equal([2, 3, 1, 0, 0], Each(f, Series.Rung, 1));
        Assert.Equal([0, 0, 1, 1, 1], Each(f, Series.Rung, 2));
        // Anna assessed 2 on 5 Feb; everyone else never.
        Assert.Equal([0, 1, 1, 1, 1], Each(f, Series.Engagement, 2));
        Assert.Equal([4, 3, 2, 2, 2], Each(f, Series.Engagement, 0));
        // Boris enrolled in Feb and completed in April.
        Assert.Equal([0, 1, 1, 1, 1], Each(f, Series.Enrolled, 0));
        Assert.Equal([0, 0, 0, 1, 1], Each(f, Series.Completed, 0));
        // Darya moved up to rung 3 on 1 April, while still in union 10.
        Assert.Equal([0, 0, 0, 1, 0], Each(f, Series.MovedUp, 3));
    }

    [Theory, MemberData(nameof(Ways))]
    public void A_member_who_moves_counts_where_she_was_at_each_month_end(string way)
    {
        var f = Compute(way, u => u == 20);
        Assert.Equal([0, 0, 0, 1, 1], Each(f, Series.Members));
        Assert.Equal([0, 0, 0, 1, 1], Each(f, Series.Participants));
        Assert.Equal([0, 0, 0, 1, 1], Each(f, Series.Rung, 3));
        Assert.Equal([0, 0, 0, 0, 0], Each(f, Series.MovedUp, 3));

        var both = Compute(way, u => u is 10 or 20);
        Assert.Equal([4, 4, 3, 4, 4], Each(both, Series.Members));
        Assert.Equal([2, 3, 2, 2, 2], Each(both, Series.Participants));
    }

    [Fact]
    public void Changes_are_stored_only_in_months_where_the_point_moves()
    {
        var cells = new Dictionary<CellKey, int>();
        MonthlyFigures.Accumulate(People()[1], Today, _ => true, cells); // Boris
        // A member from Dec 1918 (+1 in Dec); a participant on rung 2 from March; enrolled in Feb, completed in April.
        Assert.Equal(1, cells[new(10, Series.Members, 1, D(12, 1, 1918))]);
        Assert.Equal(1, cells[new(10, Series.Participants, 1, D(3, 1))]);
        Assert.Equal(1, cells[new(10, Series.Rung, 2, D(3, 1))]);
        Assert.Equal(1, cells[new(10, Series.Enrolled, 0, D(2, 1))]);
        Assert.Equal(1, cells[new(10, Series.Completed, 0, D(4, 1))]);
        Assert.DoesNotContain(cells.Keys, k => k.Series == Series.Members && k.Month > D(12, 1, 1918));
    }

    [Fact]
    public void Copies_count_in_the_month_and_workplace_they_were_handed_out()
    {
        var copies = new List<(int, DateOnly, int)> { (30, D(2, 3), 100), (30, D(2, 28), 50), (31, D(3, 1), 20), (30, D(5, 11), 999) };
        var f = MonthlyFigures.Direct([], copies, u => u == 30, Months, Today);
        // 150 in Feb at workplace 30; March's 20 were at 31; 11 May is after today.
        Assert.Equal([0, 150, 0, 0, 0], Each(f, Series.Copies, 0));
        var cells = new Dictionary<CellKey, int>();
        MonthlyFigures.AccumulateCopies(copies, Today, _ => true, cells);
        Assert.Equal(150, cells[new(30, Series.Copies, 0, D(2, 1))]);
        Assert.False(cells.ContainsKey(new(30, Series.Copies, 0, D(5, 1))));
    }
}
