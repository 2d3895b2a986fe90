using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rally.Data.Demo;
using Rally.Features.Education;

namespace Rally.IntegrationTests.Education;

/// <summary>The education part of the default demonstration set on 1 March 1919.</summary>
public class DemoEducationTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateTimeOffset Today = new(1919, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_default_set_has_programmes_with_attendance_some_completions_and_newspaper_distribution(string provider)
    {
        await using var app = await RallyApp.StartAsync(provider, seed: false, configure: b => b.Services.AddSingleton<TimeProvider>(new PinnedClock(Today)), ct: Ct);
        var output = new StringWriter();
        Assert.Equal(0, await app.InScopeAsync((sp, db) => DemoCommand.RunAsync(db, null, sp.GetRequiredService<TimeProvider>(), output, new StringWriter(), Ct)));

        await app.InScopeAsync(async (_, db) =>
        {
            var kinds = await db.Programmes.Select(p => p.Kind.Code).OrderBy(k => k).ToListAsync(Ct);
            Assert.Equal(["lecture-series", "management-training", "newspaper", "reading-circle"], kinds);
            var counts = (await db.EducationSessions.CountAsync(Ct), await db.Enrolments.CountAsync(Ct), await db.Attendances.CountAsync(Ct), await db.Distributions.CountAsync(Ct));
            Assert.Contains($"{counts.Item1} sessions", output.ToString());

            // Completions are exactly what the rule gives from the stored sessions and attendance, and some members have completed, not all.
            foreach (var programme in await db.Programmes.Select(p => new { p.Id, p.CompletionShare }).ToListAsync(Ct))
            {
                var sessions = await db.EducationSessions.Where(s => s.ProgrammeId == programme.Id).Select(s => new CompletionRule.Session(s.Id, s.HeldOn)).ToListAsync(Ct);
                var ids = sessions.Select(s => s.Id).ToList();
                var attendance = await db.Attendances.Where(a => ids.Contains(a.SessionId)).Select(a => new { a.SessionId, a.MemberId }).ToListAsync(Ct);
                var expected = CompletionRule.CompletedOn(programme.CompletionShare, sessions, attendance.Select(a => (a.SessionId, a.MemberId)));
                var stored = await db.Enrolments.Where(e => e.ProgrammeId == programme.Id && e.CompletedOn != null).ToDictionaryAsync(e => e.MemberId, e => e.CompletedOn!.Value, Ct);
                Assert.Equal(expected, stored);
            }
            var completed = await db.Enrolments.CountAsync(e => e.CompletedOn != null, Ct);
            Assert.InRange(completed, 10, counts.Item2 - 10);
            // Attendance only at sessions already held; the training course still has sessions planned.
            Assert.False(await db.Attendances.AnyAsync(a => db.EducationSessions.Any(s => s.Id == a.SessionId && s.HeldOn > new DateOnly(1919, 3, 1)), Ct));
            Assert.True(await db.EducationSessions.AnyAsync(s => s.HeldOn > new DateOnly(1919, 3, 1), Ct));
            Assert.True(counts.Item4 > 20, $"only {counts.Item4} distributions");
            return 0;
        });
    }
}
