using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Assessments;
using Rally.Features.Bodies;
using Rally.Features.Education;
using Rally.Features.Ladder;
using Rally.Features.Members;

namespace Rally.IntegrationTests.Ladder;

/// <summary>
/// A small ladder history on the test federation, today = 1919-03-01, with the seeded rungs
/// (1: 0 months; 2: 3 months; 3: 6 months; 4: 12 months and engagement 2 or better) and rung 3
/// also asking for the programme "Management course".
/// <code>
/// member     unit  category    status     history                                                 engagement
/// alekseeva  UA    industrial  member     rung 1 from 1918-11-01                                   —
/// belov      UA-1  industrial  member     rung 1 from 1919-01-15                                   —
/// volkova    UA-1  domestic    lapsed     rung 1 from 1918-01-01                                   —
/// gromov     UB    unskilled   member     rung 1 from 1918-01-01                                   —
/// denisova   UB-1  domestic    applicant  —                                                        —
/// egorov     UA-1  industrial  member     rung 1 1917-12-01..1918-05-31, rung 2 from 1918-06-01    —
/// zhukova    UA-1  domestic    member     rung 2 1918-01-01..1918-12-31; course done 1919-02-10    —
/// ivanov     UA-1  unskilled   member     rung 3 from 1917-06-01                                   1 (1919-01-01)
/// kozlov     UA-1  unskilled   member     rung 4 1917-06-01..1918-04-30, rung 3 from 1917-06-01    3
/// lebedev    UA-1  industrial  member     —                                                        —
/// morozova   UA-1  industrial  member     —                                                        4
/// nikitina   UA-1  domestic    member     —                                                        5
/// orlova     UA-1  domestic    member     —                                                        2
/// petrov     UA-1  unskilled   member     —                                                        —
/// sokolov    UA-1  industrial  member     rung 1 from 1919-04-01 (not yet begun)                   —
/// </code>
/// </summary>
static class LadderHistory
{
    static readonly DateOnly? Ongoing = null;

    public static async Task<IReadOnlyDictionary<string, int>> SeedAsync(RallyApp app, CancellationToken ct) =>
        await app.InScopeAsync(async (sp, db) =>
        {
            var org = app.Org;
            var now = PinnedClockFixture.Now;
            var ids = org.Members.ToDictionary(m => m.Key, m => m.Value.Id);
            var unionA = org.Units[OrgTree.UnionA].Id;
            var branchA = org.Units[OrgTree.BranchA].Id;
            Member New(string key, string category, string status = MemberRules.Active)
            {
                var m = new Member
                {
                    MembershipNumber = "L-" + key, FirstName = char.ToUpperInvariant(key[0]) + "n", LastName = char.ToUpperInvariant(key[0]) + key[1..],
                    OrgUnitId = branchA, CategoryId = org.Categories[category], Status = status, StatusSince = new DateOnly(1917, 1, 1), CreatedAt = now, UpdatedAt = now,
                };
                MemberRules.SetKeys(m);
                return m;
            }
            var added = new Dictionary<string, Member>
            {
                ["egorov"] = New("egorov", "industrial"), ["zhukova"] = New("zhukova", "domestic"), ["ivanov"] = New("ivanov", "unskilled"),
                ["kozlov"] = New("kozlov", "unskilled"), ["lebedev"] = New("lebedev", "industrial"), ["morozova"] = New("morozova", "industrial"),
                ["nikitina"] = New("nikitina", "domestic"), ["orlova"] = New("orlova", "domestic"), ["petrov"] = New("petrov", "unskilled"),
                ["sokolov"] = New("sokolov", "industrial"),
            };
            db.Members.AddRange(added.Values);
            var programme = new Programme { Name = "Management course", KindId = 4, OrgUnitId = org.Units[OrgTree.Federation].Id, StartsOn = new DateOnly(1918, 10, 1), CreatedAt = now, CreatedBy = "test", Version = 1 };
            db.Programmes.Add(programme);
            var bodyA = new Body { Name = "Vyborg co-operative", KindId = 3, OrgUnitId = unionA, CreatedAt = now, Version = 1 };
            var bodyB = new Body { Name = "Presnya co-operative", KindId = 3, OrgUnitId = org.Units[OrgTree.UnionB].Id, CreatedAt = now, Version = 1 };
            db.Bodies.AddRange(bodyA, bodyB);
            await db.SaveChangesAsync(ct);
            foreach (var (k, m) in added) ids[k] = m.Id;

            var rungIds = await db.Rungs.ToDictionaryAsync(r => r.Position, r => r.Id, ct);
            var posts = Enumerable.Range(1, 4).ToDictionary(n => n, n => new Post { BodyId = bodyA.Id, Title = "Post on rung " + n, Seats = 20, RungId = rungIds[n], Version = 1 });
            var postB = new Post { BodyId = bodyB.Id, Title = "Supply duty", Seats = 20, RungId = rungIds[1], Version = 1 };
            db.Posts.AddRange(posts.Values);
            db.Posts.Add(postB);
            db.RungProgrammes.Add(new RungProgramme { RungId = rungIds[3], ProgrammeId = programme.Id });
            await db.SaveChangesAsync(ct);

            void Assign(string member, Post post, DateOnly from, DateOnly? to) => db.Assignments.Add(new Assignment
            {
                PostId = post.Id, MemberId = ids[member], StartsOn = from, EndsOn = to, CreatedAt = now, CreatedBy = "test", Version = 1,
            });
            Assign("alekseeva", posts[1], new(1918, 11, 1), Ongoing);
            Assign("belov", posts[1], new(1919, 1, 15), Ongoing);
            Assign("volkova", posts[1], new(1918, 1, 1), Ongoing);
            Assign("gromov", postB, new(1918, 1, 1), Ongoing);
            Assign("egorov", posts[1], new(1917, 12, 1), new(1918, 5, 31));
            Assign("egorov", posts[2], new(1918, 6, 1), Ongoing);
            Assign("zhukova", posts[2], new(1918, 1, 1), new(1918, 12, 31));
            Assign("ivanov", posts[3], new(1917, 6, 1), Ongoing);
            Assign("kozlov", posts[4], new(1917, 6, 1), new(1918, 4, 30));
            Assign("kozlov", posts[3], new(1917, 6, 1), Ongoing);
            Assign("sokolov", posts[1], new(1919, 4, 1), Ongoing);
            db.Enrolments.Add(new Enrolment { ProgrammeId = programme.Id, MemberId = ids["zhukova"], EnrolledOn = new(1918, 10, 1), CompletedOn = new(1919, 2, 10), RecordedAt = now, RecordedBy = "test" });
            void Assess(string member, int level, DateOnly on) => db.Assessments.Add(new Assessment
            {
                MemberId = ids[member], ScaleId = AssessmentScale.EngagementId, Level = level,
                AssessedAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), AssessedBy = "test", RecordedAt = now,
            });
            Assess("ivanov", 1, new(1919, 1, 1));
            Assess("kozlov", 3, new(1919, 1, 1));
            Assess("morozova", 4, new(1919, 1, 1));
            Assess("nikitina", 5, new(1919, 1, 1));
            Assess("orlova", 2, new(1919, 1, 1));
            await db.SaveChangesAsync(ct);
            return (IReadOnlyDictionary<string, int>)ids;
        }, "test:seed");
}
