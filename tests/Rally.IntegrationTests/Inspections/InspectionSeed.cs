using Microsoft.EntityFrameworkCore;
using Rally.Features.Bodies;
using Rally.Features.Inspections;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.IntegrationTests.Inspections;

/// <summary>
/// A union of its own for one test, seeded straight through the context:
/// <code>
/// U{tag} (union, under FED) ── U{tag}-1 branch
/// bodies: Food Commissariat ← Grain Committee (its parent is the commissariat); Control Group (kind control-group)
/// members g1 g2 g3 hold the control group's rung-3 post since 1919-01-01; x holds no post
/// checklist grain-{tag}: two items (a critical and a minor one)
/// </code>
/// </summary>
public sealed record InspectionSeed(string Union, int Commissariat, int Committee, int Group, IReadOnlyDictionary<string, int> Members, int Checklist, int[] Items)
{
    public static async Task<InspectionSeed> SeedAsync(RallyApp app, string tag)
    {
        var u = $"U{tag}";
        return await app.InScopeAsync(async (sp, db) =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var fed = app.Org.Units[OrgTree.Federation];
            var union = new OrgUnit { Code = u, Name = $"Union {u}", ShortName = u, KindId = app.Org.Kinds["union"], ParentId = fed.Id, Depth = 1 };
            db.OrgUnits.Add(union);
            await db.SaveChangesAsync();
            union.Path = OrgPath.Child(fed.Path, union.Id);
            await db.SaveChangesAsync();

            var kinds = await db.BodyKinds.ToDictionaryAsync(k => k.Code, k => k.Id);
            var commissariat = new Body { Name = $"Food Commissariat {tag}", KindId = kinds["commissariat"], OrgUnitId = union.Id, CreatedAt = now };
            db.Bodies.Add(commissariat);
            await db.SaveChangesAsync();
            var committee = new Body { Name = $"Grain Committee {tag}", KindId = kinds["committee"], OrgUnitId = union.Id, ParentBodyId = commissariat.Id, CreatedAt = now };
            var group = new Body { Name = $"Lightning Group {tag}", KindId = kinds[BodyKind.ControlGroup], OrgUnitId = union.Id, CreatedAt = now };
            db.Bodies.AddRange(committee, group);
            await db.SaveChangesAsync();
            var post = new Post { BodyId = group.Id, Title = "Control-group member", Seats = 5, RungId = 3 };
            db.Posts.Add(post);

            Member New(string key)
            {
                var m = new Member
                {
                    MembershipNumber = $"{u}-{key}", FirstName = $"Given{key}{tag}", LastName = $"Family{key}{tag}", OrgUnitId = union.Id,
                    CategoryId = app.Org.Categories["industrial"], Status = MemberRules.Active, StatusSince = new DateOnly(1918, 3, 1), CreatedAt = now, UpdatedAt = now,
                };
                MemberRules.SetKeys(m);
                return m;
            }
            var members = new[] { "g1", "g2", "g3", "x" }.ToDictionary(k => k, New);
            db.Members.AddRange(members.Values);
            await db.SaveChangesAsync();
            foreach (var key in new[] { "g1", "g2", "g3" })
                db.Assignments.Add(new Assignment { PostId = post.Id, MemberId = members[key].Id, StartsOn = new DateOnly(1919, 1, 1), CreatedAt = now, CreatedBy = "test" });

            var severities = await db.Severities.ToDictionaryAsync(s => s.Code, s => s.Id);
            var checklist = new Checklist
            {
                Code = $"grain-{tag}".ToLowerInvariant(), Name = "Grain distribution point",
                Items =
                [
                    new ChecklistItem { Position = 1, Text = "Grain is stored dry and off the floor", ExpectedAnswer = "yes", DefaultSeverityId = severities["critical"] },
                    new ChecklistItem { Position = 2, Text = "The ration list is posted at the door", ExpectedAnswer = "yes", DefaultSeverityId = severities["minor"] },
                ],
            };
            db.Checklists.Add(checklist);
            await db.SaveChangesAsync();
            return new InspectionSeed(u, commissariat.Id, committee.Id, group.Id, members.ToDictionary(m => m.Key, m => m.Value.Id), checklist.Id,
                checklist.Items.OrderBy(i => i.Position).Select(i => i.Id).ToArray());
        }, "test:seed");
    }

    /// <summary>A user with <paramref name="role"/> on the seed's union whose account belongs to member <paramref name="member"/> (or none).</summary>
    public async Task<RallyApp.TestUser> UserAsync(RallyApp app, string role, string? member = null)
    {
        var user = await app.CreateUserAsync(role, Union);
        if (member is not null)
            await app.InScopeAsync(async (_, db) =>
            {
                var row = await db.Users.SingleAsync(x => x.Id == user.Id);
                row.MemberId = Members[member];
                return await db.SaveChangesAsync();
            }, "test:setup");
        return user;
    }
}
