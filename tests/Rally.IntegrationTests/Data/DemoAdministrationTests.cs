using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rally.Data.Demo;
using Rally.Features.Bodies;
using Rally.Features.Ladder;

namespace Rally.IntegrationTests.Data;

/// <summary>The administration part of the default demonstration set: bodies, posts and service histories that keep the rules.</summary>
public class DemoAdministrationTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateTimeOffset Today = new(1919, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Histories_keep_the_seats_and_the_ladder_and_the_share_rises(string provider)
    {
        await using var app = await RallyApp.StartAsync(provider, seed: false, configure: b => b.Services.AddSingleton<TimeProvider>(new PinnedClock(Today)), ct: Ct);
        var output = new StringWriter();
        Assert.Equal(0, await app.InScopeAsync((sp, db) => DemoCommand.RunAsync(db, null, sp.GetRequiredService<TimeProvider>(), output, new StringWriter(), Ct)));

        await app.InScopeAsync(async (_, db) =>
        {
            // The same on both databases: generated from a seed. The inspections part adds five bodies
            // (two control groups among them) with a post each for the groups and their eight members.
            Assert.Equal((47, 146, 424), (await db.Bodies.CountAsync(Ct), await db.Posts.CountAsync(Ct), await db.Assignments.CountAsync(Ct)));
            Assert.Contains("42 bodies with 144 posts, 416 assignments (8 overrides)", output.ToString());
            Assert.Equal(BodyKind.Defaults.Select(k => k.Code).Where(c => c != BodyKind.Council).Order(),
                (await db.Bodies.Select(b => b.Kind.Code).Distinct().ToListAsync(Ct)).Order());

            var all = await db.Assignments.AsNoTracking().Select(a => new { a.Id, a.PostId, a.MemberId, a.StartsOn, a.EndsOn, a.Post.Seats, Rung = a.Post.Rung.Position, a.OverrideJustification, a.UnmetConditions })
                .ToListAsync(Ct);
            Assert.All(all, a => Assert.True(a.EndsOn is null || a.EndsOn >= a.StartsOn));
            Assert.All(all, a => Assert.True(a.StartsOn < DateOnly.FromDateTime(Today.UtcDateTime)));
            foreach (var post in all.GroupBy(a => a.PostId))
            {
                // Never more holders than seats, on any day a spell starts (the only days the count can rise).
                foreach (var a in post)
                    Assert.True(post.Count(b => AssignmentRules.Holds(b.StartsOn, b.EndsOn, a.StartsOn)) <= a.Seats, $"post {post.Key} over its seats on {a.StartsOn}");
                // Nobody holds the same post twice at once.
                foreach (var member in post.GroupBy(a => a.MemberId))
                    foreach (var a in member)
                        Assert.DoesNotContain(member, b => b.Id != a.Id && AssignmentRules.Overlaps(a.StartsOn, a.EndsOn, b.StartsOn, b.EndsOn));
            }

            // Every assignment above the first rung either met the ladder on its first day or is an override saying why.
            var rungs = (await LadderRecords.RungsAsync(db, Ct)).ToDictionary(r => r.Position);
            foreach (var a in all.Where(a => a.Rung > 1))
            {
                var record = (await LadderRecords.ForAsync(db, [a.MemberId], a.StartsOn, Ct))[a.MemberId];
                // The record as it stood before this assignment: it does not count towards itself.
                var before = record with { Stints = [.. record.Stints.Where(s => s.StartsOn < a.StartsOn)] };
                var verdict = LadderRule.Check(rungs[a.Rung], before, a.StartsOn);
                if (a.OverrideJustification is null)
                    Assert.True(verdict.Allowed, $"assignment {a.Id} (rung {a.Rung}) breaks the ladder: {string.Join(" ", verdict.Unmet.Select(u => u.Message))}");
                else
                {
                    Assert.True(a.OverrideJustification.Length >= AssignmentRules.MinJustificationLength);
                    Assert.Equal(verdict.Unmet.Select(u => u.Code), AssignmentView.ReadConditions(a.UnmetConditions).Select(u => u.Code));
                }
            }
            var overrides = all.Where(a => a.OverrideJustification is not null).ToList();
            // The administration part's eight appointments of spring 1918; any other is a control group's founding member.
            Assert.Equal(8, overrides.Count(o => o.Rung == 4));
            Assert.All(overrides.Where(o => o.Rung != 4), o => Assert.Equal(3, o.Rung));
            var audited = await db.AuditEntries.Where(e => e.Action == "assignment-override").Select(e => e.EntityId).ToListAsync(Ct);
            Assert.Equal(overrides.Select(o => o.MemberId.ToString()).Order(), audited.Order());

            // The share taking part rises month by month through the history.
            int Holders(DateOnly d) => all.Select(a => a.MemberId).Distinct().Count(m => all.Any(a => a.MemberId == m && AssignmentRules.Holds(a.StartsOn, a.EndsOn, d)));
            var counts = new[] { new DateOnly(1918, 3, 1), new DateOnly(1918, 6, 1), new DateOnly(1918, 9, 1), new DateOnly(1918, 12, 1), new DateOnly(1919, 2, 28) }.Select(Holders).ToList();
            Assert.Equal(counts.Order(), counts);
            Assert.True(counts[0] < counts[^1] / 4, string.Join(", ", counts));
            // People moved up, and some terms are about to end.
            Assert.Contains(await db.Assignments.Select(a => a.EndReason).ToListAsync(Ct), r => r != null && r.StartsWith("moved up to"));
            return 0;
        });
    }
}
