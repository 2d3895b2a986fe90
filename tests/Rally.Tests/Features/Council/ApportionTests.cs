using Rally.Features.Council;

namespace Rally.Tests.Features.Council;

/// <summary>Small tables worked out by hand: caps, ties, thresholds, minimums and refusals.</summary>
public class ApportionTests
{
    static ApportionmentResult Run(string method, int seats, (string, long)[] rows, SeatCap[]? caps = null, int min = 0, string? tieRule = null, bool quota = false, string? percent = null) =>
        Apportion.Calculate(new ApportionmentRequest(method, seats, [.. rows.Select(r => new Constituency(r.Item1, r.Item2))], min,
            percent is null ? null : (Rational.TryParse(percent, out var p) ? p : throw new FormatException()), quota, caps, tieRule));

    static int[] Seats(ApportionmentResult r) => [.. r.Allocations.Select(a => a.Seats)];

    static readonly (string, long)[] Council = [("Metal", 610), ("Textile", 290), ("Poor Peasants", 500)];

    // D'Hondt quotients — Metal 610, 305, 203.3, 152.5, 122; Textile 290, 145; Poor Peasants 500, 250, 166.7, 125.
    // Uncapped the 8 seats go 610 M, 500 P, 305 M, 290 T, 250 P, 203.3 M, 166.7 P, 152.5 M: 4, 1, 3.
    [Fact]
    public void Dhondt_without_a_cap() => Assert.Equal([4, 1, 3], Seats(Run(ApportionmentMethods.DHondt, 8, Council)));

    // A quarter of 8 is 2: seat 7 (P's 166.7) goes to Metal's 152.5, seat 8 to Textile's 145 (P still blocked, Metal at 122).
    [Fact]
    public void Dhondt_cap_as_a_share_passes_the_freed_seats_on_by_the_same_method()
    {
        var result = Run(ApportionmentMethods.DHondt, 8, Council, [new SeatCap("Poor Peasants", MaxShare: new Rational(1, 4))]);
        Assert.Equal([4, 2, 2], Seats(result));
        Assert.True(result.Allocations[2].CapBound);
        Assert.Equal(2, result.Allocations[2].Cap);
        var bound = result.Steps.Where(s => s.Kind == "cap-bound").ToList();
        Assert.Equal([7, 8], bound.Select(s => s.Seat!.Value));
        Assert.All(bound, s => Assert.Equal("Poor Peasants", s.Constituency));
        Assert.Equal("500/3", bound[0].Value);
        var seat7 = result.Steps.Single(s => s.Kind == "seat" && s.Seat == 7);
        Assert.Equal(("Metal", "305/2"), (seat7.Constituency, seat7.Value));
        Assert.Contains("holds its cap of 2 seats; the seat goes on to Metal", bound[0].Text);
        var seat8 = result.Steps.Single(s => s.Kind == "seat" && s.Seat == 8);
        Assert.Equal(("Textile", "145"), (seat8.Constituency, seat8.Value));
    }

    // Hamilton: quotas 3.4857, 1.6571, 2.8571; whole 3, 1, 2; remainders to P (.857) and T (.657): 3, 2, 3.
    // Capped at 2, P keeps 2 and 6 seats are shared by 610 and 290: quotas 4.0667 and 1.9333, the remainder to Textile: 4, 2.
    [Fact]
    public void Hamilton_with_and_without_a_cap()
    {
        Assert.Equal([3, 2, 3], Seats(Run(ApportionmentMethods.Hamilton, 8, Council)));
        var capped = Run(ApportionmentMethods.Hamilton, 8, Council, [new SeatCap("Poor Peasants", MaxSeats: 2)]);
        Assert.Equal([4, 2, 2], Seats(capped));
        Assert.Contains(capped.Steps, s => s.Kind == "cap-fixed" && s.Constituency == "Poor Peasants");
        Assert.Contains(capped.Steps, s => s.Kind == "quota" && s.Value == "150" && s.Seats == 6); // 900 ÷ 6
    }

    // 3000 and 1200, 2 seats. Sainte-Laguë: 3000, then 1200 beats 3000/3 = 1000. Modified: 1200/1.4 = 857.1 loses to 1000.
    [Fact]
    public void Modified_sainte_lague_first_divisor_is_one_point_four()
    {
        (string, long)[] rows = [("A", 3000), ("B", 1200)];
        Assert.Equal([1, 1], Seats(Run(ApportionmentMethods.SainteLague, 2, rows)));
        var modified = Run(ApportionmentMethods.ModifiedSainteLague, 2, rows);
        Assert.Equal([2, 0], Seats(modified));
        Assert.Equal("15000/7", modified.Steps.Single(s => s.Seat == 1).Value); // 3000 ÷ 1.4
    }

    [Fact]
    public void A_tie_for_the_last_seat_is_reported_not_broken()
    {
        // D'Hondt, 2 seats: A 200 takes seat 1; then A 200/2 = 100 and B 100 are tied for seat 2.
        var result = Run(ApportionmentMethods.DHondt, 2, [("A", 200), ("B", 100)]);
        Assert.False(result.Complete);
        var tie = Assert.Single(result.Ties);
        Assert.Equal((2, 1, "100"), (tie.FirstSeat, tie.Seats, tie.Value));
        Assert.Equal(["A", "B"], tie.Constituencies);
        Assert.Equal([1, 0], Seats(result));
        Assert.Contains(result.Steps, s => s.Kind == "tie" && s.Text.Contains("not assigned"));
    }

    [Fact]
    public void A_tie_rule_gives_the_seat_to_the_larger_count_then_the_first_listed()
    {
        Assert.Equal([2, 0], Seats(Run(ApportionmentMethods.DHondt, 2, [("A", 200), ("B", 100)], tieRule: TieRules.LargerCount)));
        Assert.Equal([0, 2], Seats(Run(ApportionmentMethods.DHondt, 2, [("B", 100), ("A", 200)], tieRule: TieRules.LargerCount)));
        Assert.Equal([1, 0], Seats(Run(ApportionmentMethods.Hamilton, 1, [("A", 5), ("B", 5)], tieRule: TieRules.LargerCount)));
    }

    [Fact]
    public void Equal_claims_that_all_fit_are_no_tie()
    {
        // A and B are tied for seat 1, but both get a seat: nothing is decided by the tie.
        var result = Run(ApportionmentMethods.DHondt, 2, [("A", 100), ("B", 100)]);
        Assert.True(result.Complete);
        Assert.Equal([1, 1], Seats(result));
    }

    [Fact]
    public void Hamilton_reports_equal_remainders_straddling_the_last_seat()
    {
        // 3 seats, 1:1:1:1 — quota 0.75 each, no whole seat, 3 remainder seats among 4 equal remainders.
        var result = Run(ApportionmentMethods.Hamilton, 3, [("A", 1), ("B", 1), ("C", 1), ("D", 1)]);
        var tie = Assert.Single(result.Ties);
        Assert.Equal((1, 3, "3/4"), (tie.FirstSeat, tie.Seats, tie.Value));
        Assert.Equal(4, tie.Constituencies.Count);
    }

    [Fact]
    public void Threshold_quota_excludes_below_one_full_hare_quota()
    {
        // Total 99, 10 seats: quota 9.9. C with 9 is excluded; 10 of 100 would not be.
        var result = Run(ApportionmentMethods.DHondt, 10, [("A", 60), ("B", 30), ("C", 9)], quota: true);
        Assert.Equal(AllocationStatus.BelowThreshold, result.Allocations[2].Status);
        Assert.Equal(0, result.Allocations[2].Seats);
        Assert.Equal(AllocationStatus.Allocated, Run(ApportionmentMethods.DHondt, 10, [("A", 60), ("B", 30), ("C", 10)], quota: true).Allocations[2].Status);
    }

    [Fact]
    public void Threshold_percent_is_exact_at_the_boundary()
    {
        // 5 of 100 is exactly 5%: kept. 4999 of 100000 is 4.999%: excluded.
        Assert.Equal(AllocationStatus.Allocated, Run(ApportionmentMethods.SainteLague, 5, [("A", 95), ("B", 5)], percent: "5").Allocations[1].Status);
        Assert.Equal(AllocationStatus.BelowThreshold, Run(ApportionmentMethods.SainteLague, 5, [("A", 95001), ("B", 4999)], percent: "5").Allocations[1].Status);
    }

    [Fact]
    public void Minimum_seats_come_first()
    {
        // D'Hondt 5 seats, 1000/10/10 with a minimum of 1: each takes 1, then 1000 takes the other 2... and 1000/2 = 500 beats 10/2.
        var result = Run(ApportionmentMethods.DHondt, 5, [("Big", 1000), ("S1", 10), ("S2", 10)], min: 1);
        Assert.Equal([3, 1, 1], Seats(result));
        Assert.Equal(3, result.Steps.Count(s => s.Kind == "minimum"));
        // Hamilton: Big's quota 4.95 would leave S1 and S2 nothing; they get their 1, Big the other 3.
        Assert.Equal([3, 1, 1], Seats(Run(ApportionmentMethods.Hamilton, 5, [("Big", 1000), ("S1", 10), ("S2", 10)], min: 1)));
    }

    [Fact]
    public void Huntington_hill_gives_everyone_a_first_seat_and_compares_squares()
    {
        // 4 seats, 1000 and 10: one each, then priorities 1000/√2 and 10/√2 — Big takes both.
        var result = Run(ApportionmentMethods.HuntingtonHill, 4, [("Big", 1000), ("Small", 10)]);
        Assert.Equal([3, 1], Seats(result));
        Assert.Equal("500000", result.Steps.Single(s => s.Seat == 3).Value); // 1000² ÷ (1×2)
        Assert.Equal("707.1068", result.Steps.Single(s => s.Seat == 3).Approx);
    }

    [Theory]
    [InlineData("dhondt", 3, 0, null, "constituencies", "appears twice", true)]
    [InlineData("dhondt", 3, 2, null, "minSeats", "more than the 3 seats", false)]
    [InlineData("dhondt", 3, 0, "Nobody=1", "caps", "not one of the constituencies", false)]
    [InlineData("dhondt", 3, 0, "A=1;B=1", "caps", "room for only 2 of the 3 seats", false)]
    [InlineData("borda", 3, 0, null, "method", "method must be one of", false)]
    [InlineData("dhondt", 0, 0, null, "seats", "at least 1", false)]
    [InlineData("dhondt", 100_001, 0, null, "seats", "at most 100000", false)]
    [InlineData("huntington-hill", 1, 0, null, "minSeats", "first seat", false)]
    public void Bad_input_names_its_field(string method, int seats, int min, string? caps, string field, string message, bool duplicate)
    {
        Constituency[] rows = duplicate ? [new("A", 5), new("a", 6)] : [new("A", 5), new("B", 6)];
        SeatCap[] capList = caps is null ? [] : [.. caps.Split(';').Select(c => c.Split('=')).Select(c => new SeatCap(c[0], int.Parse(c[1])))];
        var e = Assert.Throws<ApportionmentInputException>(() => Apportion.Calculate(new ApportionmentRequest(method, seats, rows, min, Caps: capList)));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Rational_is_normalised_and_parses_fractions_and_decimals_exactly()
    {
        Assert.Equal(new Rational(1, 4), new Rational(-3, -12));
        Assert.Equal("1/4", new Rational(2, 8).ToString());
        Assert.True(Rational.TryParse("1/4", out var a) && Rational.TryParse("0.25", out var b) && a == b);
        Assert.False(Rational.TryParse("1/0", out _));
        Assert.False(Rational.TryParse("a quarter", out _));
        Assert.True(new Rational(1, 3) > new Rational(333_333_333, 1_000_000_000));
        Assert.Equal(2, new Rational(7, 3).Floor());
        Assert.Equal(-3, new Rational(-7, 3).Floor());
        Assert.Equal("2.3333", new Rational(7, 3).ToDecimalString(4));
    }
}
