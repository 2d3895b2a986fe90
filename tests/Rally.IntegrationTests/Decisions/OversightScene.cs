using Rally.IntegrationTests.Accounts;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Bodies;
using Rally.Features.Categories;
using Rally.Features.Members;
using Rally.Features.Placements;

namespace Rally.IntegrationTests.Decisions;

/// <summary>
/// A body in union A with a post, an engineer (a specialist), two workers holding the post, a worker
/// holding no post, and a user for each of them linked to their member (User.MemberId). Each scene is
/// new (own body and members), so tests sharing an app do not see each other's placements as their own.
/// </summary>
public sealed record OversightScene(int BodyId, int PostId, int Engineer, int Worker1, int Worker2, int Bystander,
    RallyApp.TestUser EngineerUser, RallyApp.TestUser Worker1User, RallyApp.TestUser Worker2User, RallyApp.TestUser BystanderUser)
{
    public static async Task<OversightScene> CreateAsync(RallyApp app, CancellationToken ct)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (body, post, engineer, worker1, worker2, bystander) = await app.InScopeAsync(async (_, db) =>
        {
            var specialist = await db.Categories.FirstOrDefaultAsync(c => c.Code == Placement.SpecialistCategory, ct);
            if (specialist is null)
            {
                specialist = new Category { Code = Placement.SpecialistCategory, Name = "Specialist", SortOrder = 9 };
                db.Categories.Add(specialist);
                await db.SaveChangesAsync(ct);
            }
            var industrial = await db.Categories.SingleAsync(c => c.Code == "industrial", ct);
            var unionA = app.Org.Units[OrgTree.UnionA].Id;
            var kind = await db.BodyKinds.SingleAsync(k => k.Code == "economic-council", ct);
            var b = new Body { Name = $"Economic council {tag}", KindId = kind.Id, OrgUnitId = unionA, CreatedAt = PinnedClockFixture.Now, Version = 1 };
            db.Bodies.Add(b);
            await db.SaveChangesAsync(ct);
            var p = new Post { BodyId = b.Id, Title = "Member of the presidium", Seats = 5, RungId = await db.Rungs.OrderBy(r => r.Position).Select(r => r.Id).FirstAsync(ct), Version = 1 };
            db.Posts.Add(p);
            Member New(string first, string last, int category)
            {
                var m = new Member
                {
                    MembershipNumber = $"{last[..1]}-{tag}", FirstName = first, LastName = last + tag, OrgUnitId = unionA, CategoryId = category,
                    Status = MemberRules.Active, StatusSince = new DateOnly(1918, 1, 1), CreatedAt = PinnedClockFixture.Now, UpdatedAt = PinnedClockFixture.Now, Version = 1,
                };
                MemberRules.SetKeys(m);
                return m;
            }
            var e = New("Pyotr", "Engineer", specialist.Id);
            var w1 = New("Ivan", "Turner", industrial.Id);
            var w2 = New("Marfa", "Weaver", industrial.Id);
            var by = New("Semyon", "Bystander", industrial.Id);
            db.Members.AddRange(e, w1, w2, by);
            await db.SaveChangesAsync(ct);
            foreach (var w in new[] { w1, w2 })
                db.Assignments.Add(new Assignment { PostId = p.Id, MemberId = w.Id, StartsOn = new DateOnly(1918, 12, 1), CreatedBy = "test", CreatedAt = PinnedClockFixture.Now, Version = 1 });
            await db.SaveChangesAsync(ct);
            return (b.Id, p.Id, e.Id, w1.Id, w2.Id, by.Id);
        }, "test:setup");
        async Task<RallyApp.TestUser> Linked(int member)
        {
            // A viewer over union B only: what they see of the placement comes from being its specialist or overseer.
            var user = await app.CreateUserAsync(Features.Accounts.Roles.Viewer, OrgTree.UnionB, ct: ct);
            await app.InScopeAsync(async (_, db) => await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MemberId, member), ct), "test:setup");
            return user;
        }
        return new(body, post, engineer, worker1, worker2, bystander, await Linked(engineer), await Linked(worker1), await Linked(worker2), await Linked(bystander));
    }

    /// <summary>Places the engineer (through the API, as an officer over union A) with the given overseers.</summary>
    public async Task<int> PlaceAsync(HttpClient officer, CancellationToken ct, params int[] overseers) =>
        (await (await officer.Post("/api/v1/placements", new { memberId = Engineer, bodyId = BodyId, role = "Chief engineer", startsOn = "1919-01-15", overseers }, ct))
            .Expect(System.Net.HttpStatusCode.Created, ct)).GetProperty("id").GetInt32();
}
