using System.Globalization;
using System.Numerics;

namespace Rally.Features.Council;

public static class ApportionmentMethods
{
    public const string Hamilton = "hamilton";
    public const string DHondt = "dhondt";
    public const string SainteLague = "sainte-lague";
    public const string ModifiedSainteLague = "modified-sainte-lague";
    public const string HuntingtonHill = "huntington-hill";
    public static readonly IReadOnlyList<string> All = [Hamilton, DHondt, SainteLague, ModifiedSainteLague, HuntingtonHill];
}

public static class TieRules
{
    /// <summary>The larger count wins a tied seat; between equal counts, the one listed first.</summary>
    public const string LargerCount = "larger-count";
    public static readonly IReadOnlyList<string> All = [LargerCount];
}

public sealed record Constituency(string Name, long Count, bool Eligible = true);

/// <summary>A ceiling on one constituency's seats: a number, a share of all the seats (rounded down), or both (the lower binds).</summary>
public sealed record SeatCap(string Name, int? MaxSeats = null, Rational? MaxShare = null);

public sealed record ApportionmentRequest(
    string Method, int Seats, IReadOnlyList<Constituency> Constituencies,
    int MinSeats = 0, Rational? ThresholdPercent = null, bool ThresholdQuota = false,
    IReadOnlyList<SeatCap>? Caps = null, string? TieRule = null);

public static class AllocationStatus
{
    public const string Allocated = "allocated";
    public const string Ineligible = "ineligible";
    public const string BelowThreshold = "below-threshold";
}

/// <summary>One constituency's outcome, in input order. <see cref="CapBound"/>: the cap took a seat it would otherwise have won.</summary>
public sealed record Allocation(string Name, long Count, int Seats, string Status, int? Cap, bool CapBound);

/// <summary>Seats <see cref="FirstSeat"/> onwards (<see cref="Seats"/> of them) that the tied constituencies have equal claim to; left unassigned.</summary>
public sealed record SeatTie(int FirstSeat, int Seats, IReadOnlyList<string> Constituencies, string Value);

/// <summary>
/// One line of the proof: what happened (<see cref="Kind"/>), to whom, for which seat, with the
/// exact value that decided it (a fraction as text), a decimal for reading, and the sentence.
/// </summary>
public sealed record ApportionmentStep(int Number, string Kind, string? Constituency, int? Seat, int? Seats, string? Value, string? Approx, string Text);

public sealed record ApportionmentResult(string Method, int Seats, IReadOnlyList<Allocation> Allocations, IReadOnlyList<SeatTie> Ties, IReadOnlyList<ApportionmentStep> Steps)
{
    public bool Complete => Ties.Count == 0;
}

/// <summary>Input the engine refuses, naming the request field it is about.</summary>
public sealed class ApportionmentInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Seat apportionment over exact fractions. Divisor methods (D'Hondt, Sainte-Laguë, modified
/// Sainte-Laguë, Huntington–Hill) give seats one at a time to the highest quotient or priority;
/// Hamilton gives each its whole Hare quotas and the rest by largest remainder. Minimums come
/// first; caps stop a constituency and the seats it can no longer take go on to the others by
/// the same method. A tie that decides a seat is reported, not broken, unless a tie rule is chosen.
/// Huntington–Hill gives every eligible constituency one seat before any priority is compared
/// (its priority n/√(s(s+1)) is infinite at s = 0), as in the apportionment of the US House.
/// </summary>
public static class Apportion
{
    public const int MaxSeats = 100_000, MaxConstituencies = 10_000;

    public static ApportionmentResult Calculate(ApportionmentRequest r)
    {
        var method = Validate(r);
        var list = r.Constituencies;
        var n = list.Count;
        var log = new Log(method);
        var total = list.Aggregate(BigInteger.Zero, (a, c) => a + c.Count);

        var status = new string[n];
        for (var i = 0; i < n; i++)
        {
            status[i] = AllocationStatus.Allocated;
            if (!list[i].Eligible)
            {
                status[i] = AllocationStatus.Ineligible;
                log.Add("ineligible", list[i].Name, text: $"{list[i].Name} is marked ineligible and takes no seats.");
            }
        }
        if (r.ThresholdPercent is { } percent)
            for (var i = 0; i < n; i++)
            {
                if (status[i] != AllocationStatus.Allocated || total.IsZero) continue;
                var share = new Rational(list[i].Count * 100, total);
                if (share < percent)
                {
                    status[i] = AllocationStatus.BelowThreshold;
                    log.Add("threshold-percent", list[i].Name, value: share,
                        text: $"{list[i].Name} has {share.ToDecimalString(4)}% of the total count ({total}), below the threshold of {percent.ToDecimalString(4)}%: excluded.");
                }
            }
        if (r.ThresholdQuota)
        {
            var quota = new Rational(total, r.Seats);
            for (var i = 0; i < n; i++)
            {
                if (status[i] != AllocationStatus.Allocated || list[i].Count >= quota) continue;
                status[i] = AllocationStatus.BelowThreshold;
                log.Add("threshold-quota", list[i].Name, value: quota,
                    text: $"{list[i].Name} has {list[i].Count}, less than one full quota ({total} ÷ {r.Seats} = {quota.ToDecimalString(4)}): excluded.");
            }
        }

        var active = Enumerable.Range(0, n).Where(i => status[i] == AllocationStatus.Allocated).ToList();
        if (active.Count == 0)
            throw new ApportionmentInputException("constituencies", "No constituency is eligible for a seat (all are ineligible or below the threshold).");
        if (active.All(i => list[i].Count == 0))
            throw new ApportionmentInputException("constituencies", "The eligible constituencies' counts add up to zero: there is nothing to apportion by.");

        var baseline = method == ApportionmentMethods.HuntingtonHill ? Math.Max(1, r.MinSeats) : r.MinSeats;
        if ((long)baseline * active.Count > r.Seats)
            throw new ApportionmentInputException("minSeats", method == ApportionmentMethods.HuntingtonHill && r.MinSeats <= 1
                ? $"Huntington–Hill gives each of the {active.Count} eligible constituencies a first seat, more than the {r.Seats} seats."
                : $"A minimum of {baseline} seat{(baseline == 1 ? "" : "s")} for each of the {active.Count} eligible constituencies needs {(long)baseline * active.Count} seats, more than the {r.Seats} seat{(r.Seats == 1 ? "" : "s")}.");

        var caps = Caps(r, list);
        foreach (var i in active)
            if (caps[i] is { } cap && cap < baseline)
                throw new ApportionmentInputException("caps", $"The cap of {cap} seats for '{list[i].Name}' is below the minimum of {baseline} seats.");
        var room = active.Sum(i => (long)(caps[i] ?? r.Seats));
        if (room < r.Seats)
            throw new ApportionmentInputException("caps", $"The caps leave room for only {room} of the {r.Seats} seats: the seats cannot all be filled.");

        var seats = new int[n];
        var capBound = new bool[n];
        var ties = new List<SeatTie>();
        if (method == ApportionmentMethods.Hamilton)
            Hamilton(r, active, baseline, caps, seats, capBound, ties, log);
        else
            Divisor(r, method, active, baseline, caps, seats, capBound, ties, log);

        var allocations = Enumerable.Range(0, n).Select(i => new Allocation(list[i].Name, list[i].Count, seats[i], status[i], caps[i], capBound[i])).ToList();
        return new ApportionmentResult(method, r.Seats, allocations, ties, log.Steps);
    }

    static string Validate(ApportionmentRequest r)
    {
        var method = r.Method?.Trim().ToLowerInvariant() ?? "";
        if (!ApportionmentMethods.All.Contains(method))
            throw new ApportionmentInputException("method", $"method must be one of {string.Join(", ", ApportionmentMethods.All)}.");
        if (r.Seats < 1) throw new ApportionmentInputException("seats", "seats must be a whole number of at least 1.");
        // Seats are given one at a time: a bound keeps a mistyped figure from tying up the server.
        if (r.Seats > MaxSeats) throw new ApportionmentInputException("seats", $"seats must be at most {MaxSeats}.");
        if (r.Constituencies is { Count: > MaxConstituencies }) throw new ApportionmentInputException("constituencies", $"At most {MaxConstituencies} constituencies can be apportioned at once.");
        if (r.MinSeats < 0) throw new ApportionmentInputException("minSeats", "minSeats cannot be negative.");
        if (r.ThresholdPercent is { } p && (p < Rational.Zero || p > 100))
            throw new ApportionmentInputException("thresholdPercent", "thresholdPercent must be between 0 and 100.");
        if (r.TieRule is { } rule && !TieRules.All.Contains(rule))
            throw new ApportionmentInputException("tieRule", $"tieRule must be one of {string.Join(", ", TieRules.All)} (or none: ties are reported).");
        if (r.Constituencies is not { Count: > 0 })
            throw new ApportionmentInputException("constituencies", "There are no constituencies to apportion seats among.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in r.Constituencies)
        {
            if (string.IsNullOrWhiteSpace(c.Name)) throw new ApportionmentInputException("constituencies", "Every constituency needs a name.");
            if (c.Count < 0) throw new ApportionmentInputException("constituencies", $"The count of '{c.Name}' is negative ({c.Count}).");
            if (!names.Add(c.Name.Trim())) throw new ApportionmentInputException("constituencies", $"The name '{c.Name.Trim()}' appears twice.");
        }
        return method;
    }

    /// <summary>Each constituency's cap in seats (the lower of its seat and share caps), or null.</summary>
    static int?[] Caps(ApportionmentRequest r, IReadOnlyList<Constituency> list)
    {
        var caps = new int?[list.Count];
        foreach (var cap in r.Caps ?? [])
        {
            var i = Index(list, cap.Name);
            if (i < 0) throw new ApportionmentInputException("caps", $"A cap names '{cap.Name}', which is not one of the constituencies.");
            int? limit = null;
            if (cap.MaxSeats is { } max)
            {
                if (max < 0) throw new ApportionmentInputException("caps", $"The cap for '{cap.Name}' cannot be negative.");
                limit = max;
            }
            if (cap.MaxShare is { } share)
            {
                if (share < Rational.Zero || share > Rational.One)
                    throw new ApportionmentInputException("caps", $"The share cap for '{cap.Name}' must be a fraction between 0 and 1, e.g. 1/4 or 0.25.");
                var seats = (int)(share * r.Seats).Floor();
                limit = limit is { } l ? Math.Min(l, seats) : seats;
            }
            if (limit is null) throw new ApportionmentInputException("caps", $"The cap for '{cap.Name}' needs maxSeats or maxShare.");
            caps[i] = caps[i] is { } earlier ? Math.Min(earlier, limit.Value) : limit;
        }
        return caps;
    }

    static int Index(IReadOnlyList<Constituency> list, string? name)
    {
        for (var i = 0; i < list.Count; i++)
            if (string.Equals(list[i].Name.Trim(), name?.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The quotient or priority of a constituency holding <paramref name="held"/> seats. Huntington–Hill's is squared (n²/(s(s+1))), which orders the same as n/√(s(s+1)) and stays exact.</summary>
    internal static Rational Priority(string method, long count, int held) => method switch
    {
        ApportionmentMethods.DHondt => new Rational(count, held + 1),
        ApportionmentMethods.SainteLague => new Rational(count, 2 * held + 1),
        ApportionmentMethods.ModifiedSainteLague => held == 0 ? new Rational((BigInteger)count * 5, 7) : new Rational(count, 2 * held + 1),
        ApportionmentMethods.HuntingtonHill => new Rational((BigInteger)count * count, (BigInteger)held * (held + 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    static void Divisor(ApportionmentRequest r, string method, List<int> active, int baseline, int?[] caps, int[] seats, bool[] capBound, List<SeatTie> ties, Log log)
    {
        var list = r.Constituencies;
        var given = 0;
        if (baseline > 0)
            foreach (var i in active)
            {
                seats[i] = baseline;
                log.Add("minimum", list[i].Name, seat: given + 1, seats: baseline,
                    text: method == ApportionmentMethods.HuntingtonHill && baseline == 1
                        ? $"{list[i].Name} receives its first seat (seat {given + 1}) before any priority is compared (Huntington–Hill)."
                        : $"{list[i].Name} receives the minimum of {baseline} seat{(baseline == 1 ? "" : "s")} first (seat{(baseline == 1 ? $" {given + 1}" : $"s {given + 1}–{given + baseline}")}).");
                given += baseline;
            }

        while (given < r.Seats)
        {
            var seat = given + 1;
            var left = r.Seats - given;
            var priority = active.ToDictionary(i => i, i => Priority(method, list[i].Count, seats[i]));
            var open = active.Where(i => caps[i] is not { } c || seats[i] < c).ToList();
            var best = open.Max(i => priority[i]);
            var tied = open.Where(i => priority[i] == best).ToList();

            // A capped constituency that would have won this seat: the proof says where its seat went.
            var blocked = active.Where(i => caps[i] is { } c && seats[i] >= c && priority[i] > best).OrderByDescending(i => priority[i]).FirstOrDefault(-1);

            int winner;
            if (tied.Count > left)
            {
                if (r.TieRule is null)
                {
                    var names = tied.Select(i => list[i].Name).ToList();
                    ties.Add(new SeatTie(seat, left, names, best.ToString()));
                    log.Add("tie", null, seat: seat, seats: left, value: best, approx: Approx(method, best),
                        text: $"Seat{(left == 1 ? $" {seat}" : $"s {seat}–{r.Seats}")}: {string.Join(", ", names)} are tied with {Label(method)} {Approx(method, best)}; no tie rule was chosen, so {(left == 1 ? "the seat is" : "these seats are")} not assigned.");
                    return;
                }
                winner = tied.OrderByDescending(i => list[i].Count).ThenBy(i => i).First();
                log.Add("tie-rule", list[winner].Name, seat: seat, value: best, approx: Approx(method, best),
                    text: $"Seat {seat}: {string.Join(", ", tied.Select(i => list[i].Name))} are tied with {Label(method)} {Approx(method, best)}; by the tie rule (larger count, then input order) it goes to {list[winner].Name}.");
            }
            else winner = tied[0];

            if (blocked >= 0)
            {
                capBound[blocked] = true;
                log.Add("cap-bound", list[blocked].Name, seat: seat, value: priority[blocked], approx: Approx(method, priority[blocked]),
                    text: $"Seat {seat}: {list[blocked].Name} has the highest {Label(method)} ({Approx(method, priority[blocked])}) but holds its cap of {caps[blocked]} seats; the seat goes on to {list[winner].Name}.");
            }
            seats[winner]++;
            given++;
            log.Add("seat", list[winner].Name, seat: seat, value: best, approx: Approx(method, best),
                text: $"Seat {seat}: {list[winner].Name}, {Label(method)} {Approx(method, best)} ({Formula(method, list[winner].Count, seats[winner] - 1)}).");
            if (caps[winner] is { } cap && seats[winner] == cap)
                log.Add("cap-reached", list[winner].Name, seats: cap, text: $"{list[winner].Name} has reached its cap of {cap} seats and takes no more.");
        }
    }

    static void Hamilton(ApportionmentRequest r, List<int> active, int baseline, int?[] caps, int[] seats, bool[] capBound, List<SeatTie> ties, Log log)
    {
        var list = r.Constituencies;
        // Caps are fixed first (the seats they free go to the others); a constituency that then falls
        // below the minimum is fixed at the minimum for good, and the caps are worked out again
        // around it, since a cap fixed while it still had seats to spare may have to yield.
        var capped = new Dictionary<int, string>();
        var minimum = new Dictionary<int, string>();
        while (true)
        {
            var free = active.Where(i => !capped.ContainsKey(i) && !minimum.ContainsKey(i)).ToList();
            var pool = r.Seats - capped.Keys.Sum(i => caps[i]!.Value) - minimum.Count * baseline;
            var total = free.Aggregate(BigInteger.Zero, (a, i) => a + list[i].Count);
            if (pool < 0 || free.Count == 0 && pool != 0)
                throw new ApportionmentInputException("caps", "The caps and the minimum cannot be met together with this number of seats.");
            // Constituencies that count nothing (left alone by the others' caps) share equally what remains to them.
            var quota = free.ToDictionary(i => i, i => total.IsZero ? new Rational(pool, free.Count) : new Rational(list[i].Count * (BigInteger)pool, total));
            var whole = free.ToDictionary(i => i, i => (int)quota[i].Floor());
            var left = pool - whole.Values.Sum();
            var order = free.OrderByDescending(i => quota[i].Fraction)
                .ThenByDescending(i => r.TieRule is null ? 0 : list[i].Count).ThenBy(i => i).ToList();
            var provisional = free.ToDictionary(i => i, i => whole[i] + (order.IndexOf(i) < left ? 1 : 0));

            var over = free.Where(i => caps[i] is { } c && provisional[i] > c).ToList();
            if (over.Count > 0)
            {
                foreach (var i in over)
                    capped[i] = $"{list[i].Name}'s quota of {quota[i].ToDecimalString(4)} of {pool} seats would give it {provisional[i]}, above its cap of {caps[i]}: it keeps {caps[i]} and the seats it cannot take are shared again among the others.";
                continue;
            }
            var under = free.Where(i => provisional[i] < baseline).ToList();
            if (under.Count > 0)
            {
                foreach (var i in under)
                    minimum[i] = $"{list[i].Name}'s quota of {quota[i].ToDecimalString(4)} of {pool} seats would give it {provisional[i]}, below the minimum of {baseline}: it receives {baseline} and the others share the rest.";
                capped.Clear();
                continue;
            }

            foreach (var (i, text) in minimum)
            {
                seats[i] = baseline;
                log.Add("minimum", list[i].Name, seats: baseline, text: text);
            }
            foreach (var (i, text) in capped)
            {
                seats[i] = caps[i]!.Value;
                capBound[i] = true;
                log.Add("cap-fixed", list[i].Name, seats: caps[i], text: text);
            }
            if (free.Count == 0) return;
            var hare = total.IsZero || pool == 0 ? Rational.Zero : new Rational(total, pool);
            log.Add("quota", null, seats: pool, value: hare, approx: hare.ToDecimalString(4),
                text: $"Hare quota: {total} ÷ {pool} seats = {hare.ToDecimalString(4)}; each constituency takes the whole part of its quota, and the {left} seat{(left == 1 ? "" : "s")} left go to the largest remainders.");
            var seat = r.Seats - pool;
            foreach (var i in free)
            {
                seats[i] = whole[i];
                log.Add("whole-quota", list[i].Name, seat: whole[i] > 0 ? seat + 1 : null, seats: whole[i], value: quota[i], approx: quota[i].ToDecimalString(4),
                    text: whole[i] == 0 ? $"{list[i].Name}: quota {quota[i].ToDecimalString(4)}, no whole seat."
                        : $"{list[i].Name}: quota {quota[i].ToDecimalString(4)} → {whole[i]} whole seat{(whole[i] == 1 ? "" : "s")} (seat{(whole[i] == 1 ? $" {seat + 1}" : $"s {seat + 1}–{seat + whole[i]}")}).");
                seat += whole[i];
            }
            if (left == 0) return;

            // Ties decide a seat only when equal remainders straddle the last seat given.
            var cut = order[left - 1];
            var straddles = left < order.Count && quota[order[left]].Fraction == quota[cut].Fraction;
            if (straddles && r.TieRule is null)
            {
                var fraction = quota[cut].Fraction;
                var clear = order.TakeWhile(i => quota[i].Fraction > fraction).ToList();
                foreach (var i in clear) Remainder(i);
                var tied = order.Where(i => quota[i].Fraction == fraction).ToList();
                var contested = left - clear.Count;
                var names = tied.Select(i => list[i].Name).ToList();
                ties.Add(new SeatTie(seat + 1, contested, names, fraction.ToString()));
                log.Add("tie", null, seat: seat + 1, seats: contested, value: fraction, approx: fraction.ToDecimalString(6),
                    text: $"Seat{(contested == 1 ? $" {seat + 1}" : $"s {seat + 1}–{seat + contested}")}: {string.Join(", ", names)} are tied with remainder {fraction.ToDecimalString(6)}; no tie rule was chosen, so {(contested == 1 ? "the seat is" : "these seats are")} not assigned.");
                return;
            }
            foreach (var i in order.Take(left))
            {
                if (straddles && quota[i].Fraction == quota[cut].Fraction)
                    log.Add("tie-rule", list[i].Name, seat: seat + 1, value: quota[i].Fraction, approx: quota[i].Fraction.ToDecimalString(6),
                        text: $"Seat {seat + 1}: equal remainders {quota[i].Fraction.ToDecimalString(6)}; by the tie rule (larger count, then input order) it goes to {list[i].Name}.");
                Remainder(i);
            }
            return;

            void Remainder(int i)
            {
                seats[i]++;
                seat++;
                log.Add("seat", list[i].Name, seat: seat, value: quota[i].Fraction, approx: quota[i].Fraction.ToDecimalString(6),
                    text: $"Seat {seat}: {list[i].Name}, remainder {quota[i].Fraction.ToDecimalString(6)}.");
            }
        }
    }

    /// <summary>The step log as numbered sentences, for a person.</summary>
    public static IEnumerable<string> Explain(ApportionmentResult result) => result.Steps.Select(s => $"{s.Number}. {s.Text}");

    static string Label(string method) => method == ApportionmentMethods.HuntingtonHill ? "priority" : "quotient";

    /// <summary>For reading only: Huntington–Hill's priority is shown as n/√(s(s+1)); the comparison used its exact square.</summary>
    static string Approx(string method, Rational value) =>
        method == ApportionmentMethods.HuntingtonHill
            ? Math.Sqrt((double)value.Numerator / (double)value.Denominator).ToString("0.####", CultureInfo.InvariantCulture)
            : value.ToDecimalString(4);

    static string Formula(string method, long count, int held) => method switch
    {
        ApportionmentMethods.DHondt => $"{count} ÷ {held + 1}",
        ApportionmentMethods.SainteLague => $"{count} ÷ {2 * held + 1}",
        ApportionmentMethods.ModifiedSainteLague => held == 0 ? $"{count} ÷ 1.4" : $"{count} ÷ {2 * held + 1}",
        _ => $"{count} ÷ √({held}×{held + 1}); compared exactly as {count}² ÷ {(long)held * (held + 1)}",
    };

    sealed class Log(string method)
    {
        public List<ApportionmentStep> Steps { get; } = [];
        public string Method => method;

        public void Add(string kind, string? constituency, int? seat = null, int? seats = null, Rational? value = null, string? approx = null, string text = "") =>
            Steps.Add(new ApportionmentStep(Steps.Count + 1, kind, constituency, seat, seats, value?.ToString(), approx ?? value?.ToDecimalString(4), text));
    }
}
