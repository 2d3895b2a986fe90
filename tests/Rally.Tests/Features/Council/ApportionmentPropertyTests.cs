using FsCheck;
using FsCheck.Fluent;
using Rally.Features.Council;

namespace Rally.Tests.Features.Council;

/// <summary>The known properties of each method, checked by FsCheck over random tables of counts.</summary>
public class ApportionmentPropertyTests
{
    public sealed record Case(string Method, int Seats, long[] Counts, int?[] Caps, int MinSeats)
    {
        public override string ToString() => $"{Method} seats={Seats} min={MinSeats} counts=[{string.Join(",", Counts)}] caps=[{string.Join(",", Caps.Select(c => c?.ToString() ?? "-"))}]";
    }

    static readonly Gen<string> Methods = Gen.Elements(ApportionmentMethods.All.ToArray());
    static readonly Gen<string> DivisorMethods = Gen.Elements(ApportionmentMethods.DHondt, ApportionmentMethods.SainteLague, ApportionmentMethods.ModifiedSainteLague, ApportionmentMethods.HuntingtonHill);

    static Gen<long[]> Counts(int min = 1, int max = 9) =>
        from n in Gen.Choose(min, max)
        from counts in Gen.ArrayOf(Gen.Choose(0, 50_000).Select(c => (long)c), n)
        where counts.Any(c => c > 0)
        select counts;

    /// <summary>A table with (perhaps) caps and a minimum that still let every seat be filled.</summary>
    static Gen<Case> Cases(Gen<string> methods, bool caps, bool minimums) =>
        from method in methods
        from counts in Counts()
        from seats in Gen.Choose(counts.Length, 80)
        from capList in Gen.ArrayOf(caps ? Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 20).Select(c => (int?)c)) : Gen.Constant<int?>(null), counts.Length)
        from min in minimums ? Gen.Choose(0, 2) : Gen.Constant(0)
        let baseline = method == ApportionmentMethods.HuntingtonHill ? Math.Max(1, min) : min
        where baseline * counts.Length <= seats
        where capList.All(c => c is null || c >= baseline)
        where capList.Sum(c => c ?? seats) >= seats
        select new Case(method, seats, counts, capList, min);

    static ApportionmentResult Run(Case c, string? tieRule = ApportionmentRequestDefaults.TieRule) =>
        Apportion.Calculate(new ApportionmentRequest(c.Method, c.Seats,
            [.. c.Counts.Select((n, i) => new Constituency($"C{i}", n))], c.MinSeats,
            Caps: [.. c.Caps.Select((cap, i) => (cap, i)).Where(x => x.cap is not null).Select(x => new SeatCap($"C{x.i}", x.cap))],
            TieRule: tieRule));

    static class ApportionmentRequestDefaults
    {
        public const string TieRule = TieRules.LargerCount;
    }

    static void Holds(Gen<Case> cases, Func<Case, bool> property) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Arb.From(cases), property));

    [Fact]
    public void Seats_always_sum_to_the_total_with_a_tie_rule() =>
        Holds(Cases(Methods, caps: true, minimums: true), c =>
        {
            var result = Run(c);
            return result.Complete && result.Allocations.Sum(a => a.Seats) == c.Seats;
        });

    [Fact]
    public void Without_a_tie_rule_the_seats_given_and_the_tied_seats_add_up_to_the_total() =>
        Holds(Cases(Methods, caps: true, minimums: true), c =>
        {
            var result = Run(c, tieRule: null);
            return result.Allocations.Sum(a => a.Seats) + result.Ties.Sum(t => t.Seats) == c.Seats
                && result.Ties.All(t => t.Constituencies.Count > t.Seats);
        });

    [Fact]
    public void Caps_are_never_exceeded_and_minimums_always_met() =>
        Holds(Cases(Methods, caps: true, minimums: true), c =>
        {
            var result = Run(c);
            var baseline = c.Method == ApportionmentMethods.HuntingtonHill ? Math.Max(1, c.MinSeats) : c.MinSeats;
            return result.Allocations.Select((a, i) => (a, cap: c.Caps[i])).All(x => (x.cap is null || x.a.Seats <= x.cap) && x.a.Seats >= baseline);
        });

    /// <summary>Hamilton stays within quota: each gets its quota rounded down or up (without caps or minimums).</summary>
    [Fact]
    public void Hamilton_satisfies_the_quota_rule() =>
        Holds(Cases(Gen.Constant(ApportionmentMethods.Hamilton), caps: false, minimums: false), c =>
        {
            var result = Run(c);
            var total = c.Counts.Sum();
            return result.Allocations.Select((a, i) => new Rational(c.Counts[i] * (long)c.Seats, total)).Zip(result.Allocations)
                .All(x => x.Second.Seats >= x.First.Floor() && x.Second.Seats <= (x.First.IsWhole ? x.First.Floor() : x.First.Floor() + 1));
        });

    /// <summary>Divisor methods are house-monotone: one more seat never costs anyone a seat.</summary>
    [Fact]
    public void Divisor_methods_are_house_monotone() =>
        Holds(Cases(DivisorMethods, caps: false, minimums: true), c =>
        {
            var before = Run(c).Allocations;
            var after = Run(c with { Seats = c.Seats + 1 }).Allocations;
            return before.Zip(after).All(x => x.Second.Seats >= x.First.Seats) && after.Sum(a => a.Seats) == c.Seats + 1;
        });

    /// <summary>D'Hondt and Sainte-Laguë do not depend on the order of the table (without a tie rule, so a tie is reported either way).</summary>
    [Fact]
    public void Dhondt_and_sainte_lague_ignore_the_order_of_the_input()
    {
        var cases =
            from method in Gen.Elements(ApportionmentMethods.DHondt, ApportionmentMethods.SainteLague)
            from counts in Counts(2, 9)
            from seats in Gen.Choose(1, 60)
            from order in Gen.Shuffle(Enumerable.Range(0, counts.Length).ToArray())
            select (method, seats, counts, order);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Arb.From(cases), x =>
        {
            Constituency[] table = [.. x.counts.Select((n, i) => new Constituency($"C{i}", n))];
            var a = Apportion.Calculate(new ApportionmentRequest(x.method, x.seats, table));
            var b = Apportion.Calculate(new ApportionmentRequest(x.method, x.seats, [.. x.order.Select(i => table[i])]));
            var seatsA = a.Allocations.ToDictionary(s => s.Name, s => s.Seats);
            var seatsB = b.Allocations.ToDictionary(s => s.Name, s => s.Seats);
            var tiesA = a.Ties.Select(t => (t.FirstSeat, t.Seats, string.Join(",", t.Constituencies.Order()))).ToList();
            var tiesB = b.Ties.Select(t => (t.FirstSeat, t.Seats, string.Join(",", t.Constituencies.Order()))).ToList();
            return seatsA.All(s => seatsB[s.Key] == s.Value) && tiesA.SequenceEqual(tiesB);
        }));
    }
}
