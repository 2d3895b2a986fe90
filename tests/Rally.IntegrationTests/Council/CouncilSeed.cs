using Microsoft.EntityFrameworkCore;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.IntegrationTests.Council;

/// <summary>
/// The test federation with a Poor Peasants' Section (a village union under it) and a status
/// history for every member, worked out by hand:
/// on 1919-03-01 Union A has 2 members, Union B 3, the section 5; on 1919-01-01 4, 2 and 4.
/// </summary>
static class CouncilSeed
{
    public const string Section = "PPS", Village = "PPS-V", SectionName = "Poor Peasants' Section";
    public static readonly DateOnly March = new(1919, 3, 1), January = new(1919, 1, 1);

    static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureAsync(RallyApp app, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await app.InScopeAsync(async (_, db) =>
            {
                if (await db.OrgUnits.AnyAsync(u => u.Code == Section, ct)) return 0;
                var org = app.Org;
                var sectionKind = new OrgUnitKind { Code = "section", Name = "Section", SortOrder = 10 };
                db.OrgUnitKinds.Add(sectionKind);
                var fed = await db.OrgUnits.SingleAsync(u => u.Code == OrgTree.Federation, ct);
                var section = new OrgUnit { Kind = sectionKind, ParentId = fed.Id, Code = Section, Name = "Poor Peasants' Section of the Council", ShortName = SectionName };
                var village = new OrgUnit { KindId = org.Kinds["union"], Parent = section, Code = Village, Name = "Union of the Village Poor of Kashino", ShortName = "Kashino" };
                db.OrgUnits.AddRange(section, village);
                await db.SaveChangesAsync(ct);
                section.Path = OrgPath.Child(fed.Path, section.Id);
                section.Depth = 1;
                village.Path = OrgPath.Child(section.Path, village.Id);
                village.Depth = 2;

                var now = DateTimeOffset.UtcNow;
                Member New(string number, string last, string unit, string status)
                {
                    var m = new Member
                    {
                        MembershipNumber = number, FirstName = "Ivan", LastName = last, OrgUnitId = unit == Village ? village.Id : org.Units[unit].Id,
                        CategoryId = org.Categories["unskilled"], Status = status, StatusSince = March, CreatedAt = now, UpdatedAt = now,
                    };
                    MemberRules.SetKeys(m);
                    db.Members.Add(m);
                    return m;
                }
                var added = new Dictionary<string, Member>
                {
                    ["ua-new"] = New("C-A1", "Antonov", OrgTree.BranchA, MemberRules.Active),
                    ["ub2"] = New("C-B2", "Borisov", OrgTree.UnionB, MemberRules.Active),
                    ["ub3"] = New("C-B3", "Bykov", OrgTree.BranchB, MemberRules.Active),
                    ["p1"] = New("C-P1", "Petrov", Village, MemberRules.Active),
                    ["p2"] = New("C-P2", "Pavlov", Village, MemberRules.Active),
                    ["p3"] = New("C-P3", "Popov", Village, MemberRules.Active),
                    ["p4"] = New("C-P4", "Panin", Village, MemberRules.Active),
                    ["p5"] = New("C-P5", "Pugin", Village, MemberRules.Active),
                };
                await db.SaveChangesAsync(ct);

                int Id(string key) => added.TryGetValue(key, out var m) ? m.Id : org.Members[key].Id;
                void Change(string key, string? from, string to, DateOnly on) =>
                    db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = Id(key), FromStatus = from, ToStatus = to, EffectiveOn = on, RecordedAt = now, RecordedBy = "seed" });
                Change("alekseeva", null, MemberRules.Active, new(1918, 5, 1));
                Change("belov", null, MemberRules.Active, new(1918, 1, 10));
                Change("belov", MemberRules.Active, MemberRules.Left, new(1919, 2, 1));
                Change("volkova", null, MemberRules.Active, new(1918, 3, 1));
                Change("volkova", MemberRules.Active, MemberRules.Lapsed, new(1919, 1, 20));
                Change("ua-new", null, MemberRules.Active, new(1918, 12, 1));
                Change("gromov", null, MemberRules.Active, new(1919, 1, 15));
                Change("denisova", null, MemberRules.Applicant, new(1919, 2, 20));
                Change("ub2", null, MemberRules.Active, new(1918, 10, 1));
                Change("ub3", null, MemberRules.Active, new(1918, 10, 1));
                foreach (var p in new[] { "p1", "p2", "p3", "p4" }) Change(p, null, MemberRules.Active, new(1918, 11, 1));
                Change("p5", null, MemberRules.Applicant, new(1919, 1, 5));
                Change("p5", MemberRules.Applicant, MemberRules.Active, new(1919, 2, 15));
                await db.SaveChangesAsync(ct);
                return 0;
            }, "test:seed");
        }
        finally
        {
            Gate.Release();
        }
    }
}
