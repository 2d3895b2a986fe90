using Rally.Data;
using Rally.Features.Categories;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.IntegrationTests.Infrastructure;

/// <summary>
/// A small federation seeded straight through <see cref="RallyDb"/>:
/// <code>
/// FED  federation
/// ├─ UA  union A ── UA-1 branch ── UA-W workplace
/// └─ UB  union B ── UB-1 branch
/// </code>
/// with members in both unions (three in A's subtree, two in B's).
/// </summary>
public sealed record OrgTree(
    IReadOnlyDictionary<string, int> Kinds,
    IReadOnlyDictionary<string, int> Categories,
    IReadOnlyDictionary<string, OrgTree.Unit> Units,
    IReadOnlyDictionary<string, OrgTree.Person> Members)
{
    public const string Federation = "FED", UnionA = "UA", BranchA = "UA-1", WorkplaceA = "UA-W", UnionB = "UB", BranchB = "UB-1";

    public sealed record Unit(int Id, string Code, string Path);

    public sealed record Person(int Id, string MembershipNumber, string LastName, string UnitCode);

    /// <summary>Members whose union or branch lies in the subtree of <paramref name="unitCode"/>.</summary>
    public IEnumerable<Person> MembersUnder(string unitCode) =>
        Members.Values.Where(m => OrgPath.Contains(Units[unitCode].Path, Units[m.UnitCode].Path));

    public static async Task<OrgTree> SeedAsync(RallyDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var kinds = new[] { ("federation", "Federation"), ("union", "Union"), ("branch", "Branch"), ("workplace", "Workplace") }
            .Select((k, i) => new OrgUnitKind { Code = k.Item1, Name = k.Item2, SortOrder = i }).ToList();
        var categories = new[] { ("industrial", "Industrial worker"), ("unskilled", "Unskilled worker"), ("domestic", "Domestic worker") }
            .Select((c, i) => new Category { Code = c.Item1, Name = c.Item2, SortOrder = i }).ToList();
        db.OrgUnitKinds.AddRange(kinds);
        db.Categories.AddRange(categories);

        OrgUnitKind Kind(string code) => kinds.Single(k => k.Code == code);
        var fed = new OrgUnit { Kind = Kind("federation"), Code = Federation, Name = "Test Federation of Unions", ShortName = "TFU" };
        var ua = new OrgUnit { Kind = Kind("union"), Parent = fed, Code = UnionA, Name = "Union A of Metalworkers", ShortName = "Union A", Town = "Petrograd" };
        var ua1 = new OrgUnit { Kind = Kind("branch"), Parent = ua, Code = BranchA, Name = "Union A, Vyborg branch", ShortName = "A Vyborg", Town = "Petrograd" };
        var uaw = new OrgUnit { Kind = Kind("workplace"), Parent = ua1, Code = WorkplaceA, Name = "Putilov Works", ShortName = "Putilov", Town = "Petrograd" };
        var ub = new OrgUnit { Kind = Kind("union"), Parent = fed, Code = UnionB, Name = "Union B of Textile Workers", ShortName = "Union B", Town = "Moscow" };
        var ub1 = new OrgUnit { Kind = Kind("branch"), Parent = ub, Code = BranchB, Name = "Union B, Presnya branch", ShortName = "B Presnya", Town = "Moscow" };
        OrgUnit[] units = [fed, ua, ua1, uaw, ub, ub1];
        db.OrgUnits.AddRange(units);
        await db.SaveChangesAsync(ct);
        foreach (var u in units) // parents come first
        {
            u.Path = OrgPath.Child(u.Parent?.Path, u.Id);
            u.Depth = OrgPath.Ids(u.Path).Count() - 1;
        }
        await db.SaveChangesAsync(ct);

        Category Cat(string code) => categories.Single(c => c.Code == code);
        Member New(string number, string first, string last, OrgUnit unit, string category, string status, OrgUnit? workplace = null)
        {
            var m = new Member
            {
                MembershipNumber = number, FirstName = first, LastName = last, OrgUnitId = unit.Id, WorkplaceId = workplace?.Id,
                CategoryId = Cat(category).Id, Status = status, StatusSince = new DateOnly(1919, 3, 1), CreatedAt = now, UpdatedAt = now,
                Trade = "fitter",
            };
            MemberRules.SetKeys(m);
            return m;
        }
        var members = new Dictionary<string, (Member Member, string Unit)>
        {
            ["alekseeva"] = (New("A-0001", "Anna", "Alekseeva", ua, "industrial", MemberRules.Active), UnionA),
            ["belov"] = (New("A-0002", "Boris", "Belov", ua1, "industrial", MemberRules.Active, uaw), BranchA),
            ["volkova"] = (New("A-0003", "Vera", "Volkova", ua1, "domestic", MemberRules.Lapsed), BranchA),
            ["gromov"] = (New("B-0001", "Grigory", "Gromov", ub, "unskilled", MemberRules.Active), UnionB),
            ["denisova"] = (New("B-0002", "Darya", "Denisova", ub1, "domestic", MemberRules.Applicant), BranchB),
        };
        db.Members.AddRange(members.Values.Select(m => m.Member));
        await db.SaveChangesAsync(ct);

        return new(
            kinds.ToDictionary(k => k.Code, k => k.Id),
            categories.ToDictionary(c => c.Code, c => c.Id),
            units.ToDictionary(u => u.Code, u => new Unit(u.Id, u.Code, u.Path)),
            members.ToDictionary(m => m.Key, m => new Person(m.Value.Member.Id, m.Value.Member.MembershipNumber, m.Value.Member.LastName, m.Value.Unit)));
    }
}
