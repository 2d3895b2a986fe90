using Rally.Data.Bulk;
using Rally.Data.Demo;
using Rally.Features.Members;

namespace Rally.Tests.Data.Demo;

public class DemoMembersTests
{
    static MemberRows Generate(int seed, int? total, int take)
    {
        var plan = DemoPlan.Build(seed);
        plan.AssignIdsInMemory();
        var generator = new DemoMembers(plan, seed, total, new MemberBulkInsert.Ids(1, 1, 1, 1));
        var rows = new MemberRows(1024);
        while (rows.Members.Count < take && generator.Fill(rows, Math.Min(1024, take - rows.Members.Count)) > 0) { }
        return rows;
    }

    [Fact]
    public void The_same_seed_gives_the_same_members()
    {
        var a = Generate(DemoCommand.Seed, null, 200).Members.AsSpan().ToArray();
        var b = Generate(DemoCommand.Seed, null, 200).Members.AsSpan().ToArray();
        Assert.Equal(200, a.Length);
        Assert.Equal(a, b);
        // ...and another seed does not.
        var c = Generate(DemoCommand.Seed + 1, null, 200).Members.AsSpan().ToArray();
        Assert.NotEqual(a.Select(m => m.LastName), c.Select(m => m.LastName));
    }

    [Fact]
    public void The_default_set_is_one_thousandth_of_the_1919_figures()
    {
        var real = Federation1919.Unions.Concat(Federation1919.VillageUnions).Select(u => u.RealMembers).ToArray();
        var counts = DemoMembers.Counts(real, null);
        // 3,427,000 in the unions at the congress and 280,000 in the village unions: 3,427 + 280.
        Assert.Equal(711, counts[0]);
        Assert.Equal(5, counts[Federation1919.Unions.Length - 1]);
        Assert.Equal(3_427, counts.Take(Federation1919.Unions.Length).Sum());
        Assert.Equal(3_707, counts.Sum());
        // Asking for that many by number apportions exactly the same.
        Assert.Equal(counts, DemoMembers.Counts(real, 3_707));
        Assert.Equal(1_000_000, DemoMembers.Counts(real, 1_000_000).Sum());
        // Largest remainder by hand: 1.5, 0.9, 0.6 → 1, 0, 0 and two seats left for .9 and .6; 2.24, 1.32, 0.44 → 2, 1, 0 and one for .44.
        Assert.Equal([1, 1, 1], DemoMembers.Counts([500, 300, 200], 3));
        Assert.Equal([2, 1, 1], DemoMembers.Counts([560, 330, 110], 4));
    }

    [Fact]
    public void Membership_numbers_are_unique_and_every_member_has_a_valid_history()
    {
        var rows = Generate(DemoCommand.Seed, 30_000, 30_000);
        var members = rows.Members.AsSpan().ToArray();
        Assert.Equal(30_000, members.Length);
        Assert.Equal(members.Length, members.Select(m => m.MembershipNumber).Distinct().Count());
        Assert.Equal(members.Length, members.Select(m => m.Id).Distinct().Count());

        var history = rows.StatusChanges.AsSpan().ToArray().ToLookup(s => s.MemberId);
        foreach (var m in members)
        {
            var changes = history[m.Id].ToList();
            Assert.NotEmpty(changes);
            Assert.Null(changes[0].FromStatus);
            for (var i = 1; i < changes.Count; i++)
            {
                Assert.Equal(changes[i - 1].ToStatus, changes[i].FromStatus);
                Assert.True(MemberRules.CanMove(changes[i].FromStatus!, changes[i].ToStatus), $"{changes[i].FromStatus} -> {changes[i].ToStatus}");
                Assert.True(changes[i - 1].EffectiveOn <= changes[i].EffectiveOn);
            }
            Assert.Equal(m.Status, changes[^1].ToStatus);
            Assert.Equal(m.StatusSince, changes[^1].EffectiveOn);
            Assert.True(m.StatusSince <= Federation1919.Today);
            Assert.Equal(MemberRules.Key(m.LastName), m.LastNameKey);
            Assert.Equal(MemberRules.Key(m.FirstName), m.FirstNameKey);
        }
        Assert.All(MemberRules.Statuses, s => Assert.Contains(members, m => m.Status == s));
    }

    [Fact]
    public void Names_agree_in_gender()
    {
        var rows = Generate(DemoCommand.Seed, 5_000, 5_000);
        var female = DemoNames.FemaleGiven.Select(n => n.Text).ToHashSet();
        var male = DemoNames.MaleGiven.Select(n => n.Text).ToHashSet();
        foreach (var m in rows.Members.AsSpan())
        {
            var isFemale = female.Contains(m.FirstName);
            Assert.True(isFemale || male.Contains(m.FirstName), m.FirstName);
            Assert.Equal(isFemale, m.Patronymic!.EndsWith("na", StringComparison.Ordinal));
            var family = DemoNames.Surnames.Single(s => s.Male.Text == m.LastName || s.Female.Text == m.LastName);
            Assert.Equal(isFemale ? family.Female.Text : family.Male.Text, m.LastName);
        }
    }

    [Theory]
    [InlineData("Ivanov", "Ivanova")]
    [InlineData("Solovyov", "Solovyova")]
    [InlineData("Ilyin", "Ilyina")]
    [InlineData("Uspensky", "Uspenskaya")]
    [InlineData("Donskoy", "Donskaya")]
    [InlineData("Shevchenko", "Shevchenko")]
    [InlineData("Chernykh", "Chernykh")]
    [InlineData("Babich", "Babich")]
    public void Feminine_surnames(string male, string female) => Assert.Equal(female, DemoNames.Feminine(male));

    [Fact]
    public void The_tree_has_unique_codes_and_correct_paths()
    {
        var plan = DemoPlan.Build(DemoCommand.Seed);
        plan.AssignIds(101);
        Assert.Equal("/101/", plan.Root.Path);
        Assert.Equal(plan.Units.Count, plan.Units.Select(u => u.Code).Distinct().Count());
        Assert.All(plan.Units.Skip(1), u => Assert.Equal($"{u.Parent!.Path}{u.Id}/", u.Path));
        Assert.All(plan.Units, u => Assert.Equal(u.Path.Count(c => c == '/') - 2, u.Depth));
        Assert.Equal(24 + 6, plan.Unions.Count);
        Assert.All(plan.Unions.Take(24), u => Assert.InRange(u.Locals.Count, 2, 4));
        Assert.All(plan.Unions.Take(24).SelectMany(u => u.Locals), l => Assert.InRange(l.Workplaces.Count, 1, 3));
        Assert.All(plan.Unions.Skip(24), u => Assert.Equal(["(a)", "(b)", "(c)", "(d)"], u.Criteria.Select(c => c.Label)));
    }
}
