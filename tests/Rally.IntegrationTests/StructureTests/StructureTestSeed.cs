using Microsoft.Extensions.DependencyInjection;
using Rally.Features.Accounts;
using Rally.Features.Campaigns;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.IntegrationTests.StructureTests;

/// <summary>
/// A union of its own for one test, seeded straight through the context, so that its counts are
/// the test's alone (the app and its database are shared by the class):
/// <code>
/// U (union, under FED)
/// ├─ U-1 branch ── W1 workplace      m1 m2 m3 m4 at W1, m5 at W2
/// └─ U-2 branch ── W2 workplace      m6 m7 at W2, m8 at W2 (lapsed), m9 with no workplace
/// </code>
/// </summary>
public sealed record StructureTestSeed(string Union, string Branch1, string Branch2, string Workplace1, string Workplace2,
    IReadOnlyDictionary<string, (int Id, string Number)> Members)
{
    public static async Task<StructureTestSeed> SeedAsync(RallyApp app, string tag)
    {
        var u = $"U{tag}";
        return await app.InScopeAsync(async (sp, db) =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var fed = app.Org.Units[OrgTree.Federation];
            async Task<OrgUnit> Unit(string code, string kind, OrgUnit? parent)
            {
                var unit = new OrgUnit { Code = code, Name = $"Unit {code}", ShortName = code, KindId = app.Org.Kinds[kind], ParentId = parent?.Id ?? fed.Id, Depth = parent is null ? 1 : parent.Depth + 1 };
                db.OrgUnits.Add(unit);
                await db.SaveChangesAsync();
                unit.Path = OrgPath.Child(parent?.Path ?? fed.Path, unit.Id);
                await db.SaveChangesAsync();
                return unit;
            }
            var union = await Unit(u, "union", null);
            var b1 = await Unit($"{u}-1", "branch", union);
            var b2 = await Unit($"{u}-2", "branch", union);
            var w1 = await Unit($"{u}-W1", "workplace", b1);
            var w2 = await Unit($"{u}-W2", "workplace", b2);
            Member New(int n, OrgUnit unit, OrgUnit? workplace, string status = MemberRules.Active)
            {
                var m = new Member
                {
                    MembershipNumber = $"{u}-{n:D3}", FirstName = $"First{n}", LastName = $"Last{n}", OrgUnitId = unit.Id, WorkplaceId = workplace?.Id,
                    CategoryId = app.Org.Categories["industrial"], Status = status, StatusSince = new DateOnly(1919, 3, 1), CreatedAt = now, UpdatedAt = now,
                };
                MemberRules.SetKeys(m);
                return m;
            }
            var members = new Dictionary<string, Member>
            {
                ["m1"] = New(1, b1, w1), ["m2"] = New(2, b1, w1), ["m3"] = New(3, b1, w1), ["m4"] = New(4, b1, w1), ["m5"] = New(5, b1, w2),
                ["m6"] = New(6, b2, w2), ["m7"] = New(7, b2, w2), ["m8"] = New(8, b2, w2, MemberRules.Lapsed), ["m9"] = New(9, b2, null),
            };
            db.Members.AddRange(members.Values);
            await db.SaveChangesAsync();
            return new StructureTestSeed(u, b1.Code, b2.Code, w1.Code, w2.Code, members.ToDictionary(m => m.Key, m => (m.Value.Id, m.Value.MembershipNumber)));
        }, "test:seed");
    }

    /// <summary>Adds a grant to an existing user (test users are created with one).</summary>
    public static Task GrantAsync(RallyApp app, string userId, string role, string unitCode) =>
        app.InScopeAsync(async (sp, db) =>
        {
            var unitId = db.OrgUnits.Single(x => x.Code == unitCode).Id;
            db.RoleGrants.Add(new RoleGrant { UserId = userId, Role = role, OrgUnitId = unitId, GrantedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(), GrantedBy = "test" });
            await db.SaveChangesAsync();
            return 0;
        }, "test:setup");

    /// <summary>A campaign with turf rows: member id → organiser (null: uncovered turf).</summary>
    public static Task AddCampaignAsync(RallyApp app, string unitCode, DateOnly deadline, bool archived, IReadOnlyDictionary<int, string?> targets) =>
        app.InScopeAsync(async (sp, db) =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var campaign = new Campaign
            {
                Name = "Turf", OrgUnitId = db.OrgUnits.Single(x => x.Code == unitCode).Id, Segment = "{}", GoalKind = GoalKinds.Conversations, GoalCount = 10,
                StartsOn = deadline.AddDays(-60), Deadline = deadline, CreatedAt = now, CreatedBy = "test", ArchivedAt = archived ? now : null,
            };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.CampaignTargets.AddRange(targets.Select(t => new CampaignTarget { CampaignId = campaign.Id, MemberId = t.Key, OrganiserId = t.Value, AddedAt = now }));
            await db.SaveChangesAsync();
            return 0;
        }, "test:seed");
}
