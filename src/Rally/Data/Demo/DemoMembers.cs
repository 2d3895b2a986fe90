using System.Globalization;
using Rally.Data.Bulk;
using Rally.Features.Members;
using static Rally.Data.Demo.Federation1919;

namespace Rally.Data.Demo;

/// <summary>
/// Generates the demonstration members, union by union, into <see cref="MemberRows"/> batches:
/// names with their gendered forms, trades of the union, a category in the union's proportions,
/// a dated status history and, in the village unions, an admission with the affirmed criteria.
/// Deterministic for a seed. Built for millions of rows: every table is worked out up front, the
/// loop picks from arrays and allocates only the membership number.
/// </summary>
sealed class DemoMembers
{
    const string RecordedBy = "demo";

    static readonly DateOnly FirstJoin = new(1917, 3, 15);
    static readonly DateOnly LastJoin = new(1918, 12, 31);
    static readonly DateOnly FirstApplication = new(1918, 12, 1);
    static readonly int SurnameBuckets = 4096;

    sealed record UnionPlan(
        string Code, int Count, bool IsVillage, double FemaleShare, int[] CategoryThresholds, int[] CategoryIds,
        string[] Trades, string UnskilledTrade, string EmployeeTrade, string SpecialistTrade,
        double[] LocalThresholds, int[] LocalIds, int?[][] Workplaces, string[][] Addresses,
        int AdmittingUnitId, string? Chairman, int[] CriterionIds, string[] CriterionTexts);

    readonly Random random;
    readonly UnionPlan[] unions;
    readonly int[] surnameTable;
    readonly string[] phones;
    readonly DateTimeOffset[] noon;
    readonly int noonBase;
    int union, inUnion;
    int nextMember;
    long nextChange;
    int nextAdmission, nextAffirmation;

    public int Total { get; }
    public int Generated { get; private set; }

    /// <param name="total">members to generate, spread over the unions by their real size; null: the 1:1000 set</param>
    public DemoMembers(DemoPlan plan, int seed, int? total, MemberBulkInsert.Ids firstIds)
    {
        random = new Random(seed);
        var counts = Counts(plan.Unions.Select(u => u.Spec.RealMembers).ToArray(), total);
        Total = counts.Sum();
        unions = [.. plan.Unions.Select((u, i) => Plan(u, counts[i], plan.CategoryIds, random))];
        // Surnames are far from uniform: the first of the list (Ivanov, Smirnov, ...) are the commonest.
        surnameTable = [.. Enumerable.Range(0, SurnameBuckets).Select(b => (int)(DemoNames.Surnames.Length * Math.Pow((b + 0.5) / SurnameBuckets, 1.6)))];
        phones = [.. Enumerable.Range(0, 256).Select(_ => string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 9)}-{random.Next(10, 99)}-{random.Next(10, 99)}"))];
        noonBase = FirstJoin.AddDays(-400).DayNumber;
        noon = [.. Enumerable.Range(0, Today.DayNumber - noonBase + 1).Select(d => new DateTimeOffset(DateOnly.FromDayNumber(noonBase + d).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero))];
        nextMember = firstIds.Member;
        nextChange = firstIds.StatusChange;
        nextAdmission = firstIds.Admission;
        nextAffirmation = firstIds.Affirmation;
    }

    /// <summary>
    /// Members per union: the real January 1919 figures at 1:1000, or <paramref name="total"/>
    /// apportioned by largest remainder over the same figures.
    /// </summary>
    public static int[] Counts(int[] real, int? total)
    {
        if (total is null)
            return [.. real.Select(r => (int)Math.Round(r / 1000.0))];
        var sum = real.Sum(r => (long)r);
        var counts = new int[real.Length];
        var remainders = new (long Remainder, int Index)[real.Length];
        for (var i = 0; i < real.Length; i++)
        {
            var exact = (long)total.Value * real[i];
            counts[i] = (int)(exact / sum);
            remainders[i] = (exact % sum, i);
        }
        var left = total.Value - counts.Sum();
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(left))
            counts[index]++;
        return counts;
    }

    static UnionPlan Plan(DemoPlan.Union u, int count, int[] categoryIds, Random random)
    {
        var spec = u.Spec;
        var thresholds = new int[spec.CategoryWeights.Length];
        for (int i = 0, sum = 0; i < thresholds.Length; i++)
            thresholds[i] = sum += spec.CategoryWeights[i];
        var totalWeight = u.Locals.Sum(l => l.Weight);
        var localThresholds = new double[u.Locals.Count];
        for (var (i, sum) = (0, 0.0); i < localThresholds.Length; i++)
            localThresholds[i] = (sum += u.Locals[i].Weight) / totalWeight;
        localThresholds[^1] = 1.0;
        var addresses = u.Locals.Select(l => Enumerable.Range(0, 48).Select(_ => spec.Workplaces.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{l.Unit.Town}, house {random.Next(1, 120)}")
            : string.Create(CultureInfo.InvariantCulture, $"{l.Unit.Town}, {Streets[random.Next(Streets.Length)]} {random.Next(1, 80)}, apt. {random.Next(1, 30)}")).ToArray()).ToArray();
        return new UnionPlan(spec.Code, count, u.Chairman is not null, spec.FemaleShare, thresholds, categoryIds,
            spec.Trades, spec.UnskilledTrade, spec.EmployeeTrade, spec.SpecialistTrade,
            localThresholds, [.. u.Locals.Select(l => l.Unit.Id)],
            [.. u.Locals.Select(l => l.Workplaces.Count == 0 ? [null] : l.Workplaces.Select(w => (int?)w.Id).ToArray())],
            addresses, u.Unit.Id, u.Chairman, [.. u.Criteria.Select(c => c.Id)], [.. u.Criteria.Select(c => c.Text)]);
    }

    /// <summary>Appends up to <paramref name="max"/> members (and their rows) to <paramref name="rows"/>; 0 when all are done.</summary>
    public int Fill(MemberRows rows, int max)
    {
        var added = 0;
        while (added < max && union < unions.Length)
        {
            var u = unions[union];
            if (inUnion == u.Count)
            {
                union++;
                inUnion = 0;
                continue;
            }
            inUnion++;
            Generate(u, inUnion, rows);
            added++;
        }
        Generated += added;
        return added;
    }

    void Generate(UnionPlan u, int sequence, MemberRows rows)
    {
        var r = random;
        ref var m = ref rows.Members.Add();
        m.Id = nextMember++;
        m.MembershipNumber = string.Create(CultureInfo.InvariantCulture, $"{u.Code}-{sequence:D6}");

        var female = r.NextDouble() < u.FemaleShare;
        var given = female ? DemoNames.FemaleGiven[r.Next(DemoNames.FemaleGiven.Length)] : DemoNames.MaleGiven[r.Next(DemoNames.MaleGiven.Length)];
        var father = DemoNames.Patronymics[r.Next(DemoNames.Patronymics.Length)];
        var family = DemoNames.Surnames[surnameTable[r.Next(SurnameBuckets)]];
        var surname = female ? family.Female : family.Male;
        m.FirstName = given.Text;
        m.FirstNameKey = given.Key;
        m.Patronymic = female ? father.Female : father.Male;
        m.LastName = surname.Text;
        m.LastNameKey = surname.Key;

        var local = 0;
        var pick = r.NextDouble();
        while (pick >= u.LocalThresholds[local]) local++;
        m.OrgUnitId = u.LocalIds[local];
        var workplaces = u.Workplaces[local];
        m.WorkplaceId = workplaces[r.Next(workplaces.Length)];

        var category = 0;
        var roll = r.Next(u.CategoryThresholds[^1]);
        while (roll >= u.CategoryThresholds[category]) category++;
        m.CategoryId = u.CategoryIds[category];
        m.Trade = category switch
        {
            Specialist => u.SpecialistTrade,
            Employee => u.EmployeeTrade,
            Unskilled => u.UnskilledTrade,
            _ => u.Trades[r.Next(u.Trades.Length)],
        };

        if (r.Next(100) < 85)
        {
            // Ages 16 to 65 in 1919, most of them young.
            var age = 16 + (int)(50 * Square(r.NextDouble()));
            m.DateOfBirth = DateOnly.FromDayNumber(new DateOnly(1919 - age, 1, 1).DayNumber - r.Next(365));
        }
        if (r.Next(100) < (category >= Employee ? 15 : 3))
            m.Phone = phones[r.Next(phones.Length)];
        if (r.Next(100) < 40)
        {
            var addresses = u.Addresses[local];
            m.Address = addresses[r.Next(addresses.Length)];
        }

        History(u, ref m, rows);
    }

    /// <summary>
    /// A dated history ending in the member's status: most were enrolled or admitted in 1917–1918,
    /// some applied first; some have since lapsed, left or been expelled, a few were reinstated.
    /// </summary>
    void History(UnionPlan u, ref MemberRow m, MemberRows rows)
    {
        var r = random;
        var roll = r.Next(100);
        if (roll < 4)
        {
            var applied = FirstApplication.AddDays(r.Next(Today.DayNumber - FirstApplication.DayNumber));
            Change(rows, m.Id, null, MemberRules.Applicant, applied, "application received");
            Finish(ref m, MemberRules.Applicant, applied, applied);
            return;
        }

        var joined = FirstJoin.AddDays(r.Next(LastJoin.DayNumber - FirstJoin.DayNumber + 1));
        var first = joined;
        if (r.Next(100) < 20)
        {
            first = joined.AddDays(-r.Next(7, 45));
            Change(rows, m.Id, null, MemberRules.Applicant, first, "application received");
            Change(rows, m.Id, MemberRules.Applicant, MemberRules.Active, joined, "admitted by the branch committee");
        }
        else
            Change(rows, m.Id, null, MemberRules.Active, joined, joined.Month < 7 && joined.Year == 1917 ? "enrolled at the founding meeting" : "admitted");
        if (u.IsVillage)
            Admit(u, m.Id, joined, rows);

        var status = MemberRules.Active;
        var since = joined;
        var room = Today.DayNumber - joined.DayNumber - 30;
        if (room > 30)
        {
            var later = joined.AddDays(30 + r.Next(room));
            if (roll < 89)
            {
                if (r.Next(100) < 5)
                {
                    Change(rows, m.Id, MemberRules.Active, MemberRules.Lapsed, later, "dues unpaid for three months");
                    since = later.AddDays(r.Next(10, 60));
                    if (since > Today) since = Today;
                    Change(rows, m.Id, MemberRules.Lapsed, MemberRules.Active, since, "dues paid up; reinstated");
                }
            }
            else if (roll < 95)
            {
                (status, since) = (MemberRules.Lapsed, later);
                Change(rows, m.Id, MemberRules.Active, status, since, "dues unpaid for three months");
            }
            else if (roll < 99)
            {
                var (reason, to) = Departures[r.Next(Departures.Length)];
                (status, since) = (to, later);
                Change(rows, m.Id, MemberRules.Active, status, since, reason);
            }
            else
            {
                (status, since) = (MemberRules.Expelled, later);
                Change(rows, m.Id, MemberRules.Active, status, since, Expulsions[r.Next(Expulsions.Length)]);
            }
        }
        Finish(ref m, status, since, first);
    }

    void Finish(ref MemberRow m, string status, DateOnly since, DateOnly first)
    {
        m.Status = status;
        m.StatusSince = since;
        m.CreatedAt = Noon(first);
        m.UpdatedAt = Noon(since);
    }

    void Change(MemberRows rows, int memberId, string? from, string to, DateOnly on, string reason)
    {
        ref var s = ref rows.StatusChanges.Add();
        s.Id = nextChange++;
        s.MemberId = memberId;
        s.FromStatus = from;
        s.ToStatus = to;
        s.EffectiveOn = on;
        s.Reason = reason;
        s.RecordedBy = RecordedBy;
        s.RecordedAt = Noon(on);
    }

    void Admit(UnionPlan u, int memberId, DateOnly on, MemberRows rows)
    {
        ref var a = ref rows.Admissions.Add();
        a.Id = nextAdmission++;
        a.MemberId = memberId;
        a.OrgUnitId = u.AdmittingUnitId;
        a.AdmittedOn = on;
        a.AdmittedBy = u.Chairman!;
        a.RecordedAt = Noon(on);
        for (var i = 0; i < u.CriterionIds.Length; i++)
        {
            ref var f = ref rows.Affirmations.Add();
            f.Id = nextAffirmation++;
            f.AdmissionId = a.Id;
            f.CriterionId = u.CriterionIds[i];
            f.Text = u.CriterionTexts[i];
        }
    }

    DateTimeOffset Noon(DateOnly day) => noon[day.DayNumber - noonBase];

    static double Square(double x) => x * x;
}
