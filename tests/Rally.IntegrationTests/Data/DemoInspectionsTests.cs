using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rally.Data.Demo;
using Rally.Features.Bodies;
using Rally.Features.Inspections;
using Rally.Features.Logbook;

namespace Rally.IntegrationTests.Data;

/// <summary>The inspection part of the default demonstration set, read on 1 March 1919.</summary>
public class DemoInspectionsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateTimeOffset Now = new(1919, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Control_groups_inspect_grain_and_fuel_points_with_findings_open_overdue_and_verified(string provider)
    {
        await using var app = await RallyApp.StartAsync(provider, seed: false, configure: b => b.Services.AddSingleton<TimeProvider>(new PinnedClock(Now)), ct: Ct);
        Assert.Equal(0, await app.InScopeAsync((sp, db) => DemoCommand.RunAsync(db, null, sp.GetRequiredService<TimeProvider>(), new StringWriter(), new StringWriter(), Ct)));

        // Read over HTTP by a federation-wide administrator, on the pinned day.
        var admin = app.Client((await app.CreateUserAsync("administrator", ct: Ct)).Token);
        var listed = await admin.GetJsonAsync("/api/v1/findings?pageSize=100", Ct);
        await app.InScopeAsync(async (sp, db) =>
        {
            // Two control groups, each with four members holding a rung-3 post on 1 March 1919.
            var groups = await db.Bodies.Where(b => b.Kind.Code == BodyKind.ControlGroup).Select(b => b.Id).ToListAsync(Ct);
            Assert.Equal(2, groups.Count);
            var today = new DateOnly(1919, 3, 1);
            foreach (var g in groups)
                Assert.Equal(4, await InspectionAccess.BodyMembers(db, g, today).Distinct().CountAsync(Ct));
            Assert.All(await db.Posts.Where(p => groups.Contains(p.BodyId)).Select(p => p.Rung.Position).ToListAsync(Ct), r => Assert.Equal(3, r));

            // Three completed inspections (grain, shop, fuel) and two planned ones after today.
            var stages = await db.Inspections.GroupBy(i => i.Stage).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, Ct);
            Assert.Equal((3, 2), (stages[InspectionStages.Completed], stages[InspectionStages.Planned]));
            Assert.All(await db.Inspections.Where(i => i.Stage == InspectionStages.Planned).Select(i => i.PlannedOn).ToListAsync(Ct), d => Assert.True(d > today));

            // Findings in every state but reopened; on 1 March: the open major (due 17 Feb) and the critical in progress (due 23 Feb) are overdue.
            var items = listed.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(7, items.Count);
            Assert.Equal(["acknowledged", "closed-not-fixed", "in-progress", "open", "reported-fixed", "verified-fixed"],
                items.Select(f => f.GetProperty("state").GetString()!).Distinct().Order(StringComparer.Ordinal));
            var overdue = items.Where(f => f.GetProperty("overdue").GetBoolean()).OrderBy(f => f.GetProperty("deadline").GetString(), StringComparer.Ordinal).ToList();
            Assert.Equal([("open", "1919-02-17", 12), ("in-progress", "1919-02-23", 6)],
                overdue.Select(f => (f.GetProperty("state").GetString()!, f.GetProperty("deadline").GetString()!, f.GetProperty("daysOverdue").GetInt32())));
            // The Presnya yard's critical finding has climbed from the Moscow Fuel Section to the Chief Fuel Committee (24 Feb) and the Supreme Economic Council (27 Feb).
            Assert.Equal([("Chief Fuel Committee", "1919-02-24"), ("Supreme Economic Council", "1919-02-27")],
                overdue[1].GetProperty("escalations").EnumerateArray().Select(e => (e.GetProperty("bodyName").GetString()!, e.GetProperty("since").GetString()!)));
            // Verified fixes were verified by a member other than the one who reported them.
            var verifications = await db.FindingEvents.Where(e => e.ToStateId == db.FindingStates.Single(s => s.Code == FindingState.VerifiedFixed).Id).ToListAsync(Ct);
            Assert.Equal(2, verifications.Count);
            foreach (var v in verifications)
            {
                var reported = await db.FindingEvents.Where(e => e.FindingId == v.FindingId && e.ToStateId == db.FindingStates.Single(s => s.Code == FindingState.ReportedFixed).Id).SingleAsync(Ct);
                Assert.NotNull(v.ByMemberId);
                Assert.NotEqual(reported.ByMemberId, v.ByMemberId);
                Assert.NotNull(v.ReinspectedOn);
            }
            // Every step is in the logbook, and the chain is intact.
            Assert.Equal(await db.FindingEvents.CountAsync(Ct), await db.LogbookEntries.CountAsync(e => e.Kind == "finding-state", Ct));
            Assert.True((await Rally.Features.Logbook.Logbook.VerifyAsync(db, Ct)).Intact);
            return 0;
        });
    }
}
