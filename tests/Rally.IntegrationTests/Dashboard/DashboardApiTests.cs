using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Bodies;
using Rally.Features.Dashboard;
using Rally.Features.Education;
using Rally.Features.Members;

namespace Rally.IntegrationTests.Dashboard;

/// <summary>
/// The participation dashboard over HTTP on both providers, with today pinned to 10 May 1919. The five seeded members
/// get a dated history (see <see cref="SeedAsync"/>); the expected figures are worked out in the comments.
/// </summary>
public class DashboardApiTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly DateTimeOffset Now = new(1919, 5, 10, 12, 0, 0, TimeSpan.Zero);
    static DateOnly D(int month, int day, int year = 1919) => new(year, month, day);

    static async Task<(RallyApp App, PinnedClock Clock)> StartAsync(string provider)
    {
        var clock = new PinnedClock(Now);
        var app = await RallyApp.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock), ct: Ct);
        await app.InScopeAsync((_, db) => SeedAsync(app, db), "test:seed");
        return (app, clock);
    }

    sealed record Posts(int UnionARung1, int UnionARung2, int UnionARung3, int UnionBRung1);

    /// <summary>
    /// Alekseeva (Union A, industrial): a member from 1 Oct 1918, rung 1 from 15 Jan, ongoing.
    /// Belov (Union A's branch, industrial): a member from 14 Feb (mid-month).
    /// Volkova (Union A's branch, domestic): a member from 1 May 1918, lapsed 31 Mar (the last day of the month); rung 2 from 1 Feb to 31 Mar.
    /// Gromov (Union B, unskilled): a member from 1 Jan; rung 1 from 1 Mar to 30 Apr.
    /// Denisova (Union B's branch, domestic): an applicant from 1 Apr, never in good standing.
    /// </summary>
    static async Task<Posts> SeedAsync(RallyApp app, RallyDb db)
    {
        var m = app.Org.Members;
        void Status(string who, DateOnly on, string status) =>
            db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = m[who].Id, ToStatus = status, EffectiveOn = on, RecordedAt = Now, RecordedBy = "test" });
        Status("alekseeva", D(10, 1, 1918), MemberRules.Active);
        Status("belov", D(2, 14), MemberRules.Active);
        Status("volkova", D(5, 1, 1918), MemberRules.Active);
        Status("volkova", D(3, 31), MemberRules.Lapsed);
        Status("gromov", D(1, 1), MemberRules.Active);
        Status("denisova", D(4, 1), MemberRules.Applicant);
        var kind = await db.BodyKinds.Where(k => k.Code == "co-operative").Select(k => k.Id).SingleAsync(Ct);
        var a = new Body { Name = "Union A co-operative", KindId = kind, OrgUnitId = app.Org.Units[OrgTree.UnionA].Id, CreatedAt = Now };
        var b = new Body { Name = "Union B co-operative", KindId = kind, OrgUnitId = app.Org.Units[OrgTree.UnionB].Id, CreatedAt = Now };
        db.Bodies.AddRange(a, b);
        await db.SaveChangesAsync(Ct);
        Post P(Body body, int rung) => new() { BodyId = body.Id, Title = $"Rung {rung}", Seats = 10, RungId = rung };
        var posts = new[] { P(a, 1), P(a, 2), P(a, 3), P(b, 1) };
        db.Posts.AddRange(posts);
        await db.SaveChangesAsync(Ct);
        db.Assignments.AddRange(
            new Assignment { PostId = posts[0].Id, MemberId = m["alekseeva"].Id, StartsOn = D(1, 15), CreatedAt = Now, CreatedBy = "test" },
            new Assignment { PostId = posts[1].Id, MemberId = m["volkova"].Id, StartsOn = D(2, 1), EndsOn = D(3, 31), CreatedAt = Now, CreatedBy = "test" },
            new Assignment { PostId = posts[3].Id, MemberId = m["gromov"].Id, StartsOn = D(3, 1), EndsOn = D(4, 30), CreatedAt = Now, CreatedBy = "test" });
        await db.SaveChangesAsync(Ct);
        return new(posts[0].Id, posts[1].Id, posts[2].Id, posts[3].Id);
    }

    static int[] Ints(JsonElement points, string property) => points.EnumerateArray().Select(p => p.GetProperty(property).GetInt32()).ToArray();
    static decimal[] Shares(JsonElement points) => points.EnumerateArray().Select(p => p.GetProperty("share").GetDecimal()).ToArray();

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Monthly_points_show_what_was_true_at_each_month_end(string provider)
    {
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        var client = await app.ClientAsAsync("viewer", ct: Ct);
        var d = await client.GetJsonAsync("/api/v1/dashboard/participation?from=1919-01&to=1919-05", Ct);
        Assert.Equal(OrgTree.Federation, d.GetProperty("scope").GetString());
        Assert.Equal(0.10m, d.GetProperty("targetShare").GetDecimal());
        var points = d.GetProperty("points");
        Assert.Equal(["1919-01", "1919-02", "1919-03", "1919-04", "1919-05"], points.Strings("month"));
        // Jan 31: Alekseeva, Volkova, Gromov. Feb 28: + Belov (joined the 14th). Mar 31: Volkova lapsed that day. Apr, May: the same three.
        Assert.Equal([3, 4, 3, 3, 3], Ints(points, "members"));
        // Jan: Alekseeva. Feb: + Volkova. Mar: Alekseeva, Gromov (from the 1st); Volkova's post ran to the 31st, but she had lapsed.
        // Apr: Gromov's post ends on the 30th, inclusive. May (the 10th): Alekseeva only.
        Assert.Equal([1, 2, 2, 2, 1], Ints(points, "participants"));
        Assert.Equal([0.3333m, 0.5m, 0.6667m, 0.6667m, 0.3333m], Shares(points));
        var feb = points[1];
        Assert.Equal([1, 1, 0, 0], feb.GetProperty("byRung").EnumerateArray().Select(r => r.GetProperty("participants").GetInt32()));
        var industrial = feb.GetProperty("byCategory").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "industrial");
        Assert.Equal((2, 1, 0.5m), (industrial.GetProperty("members").GetInt32(), industrial.GetProperty("participants").GetInt32(), industrial.GetProperty("share").GetDecimal()));

        // The federation's children: Union A (Alekseeva, Belov, Volkova) and Union B (Gromov; Denisova is an applicant).
        var byUnit = d.GetProperty("byUnit");
        Assert.Equal([OrgTree.UnionA, OrgTree.UnionB], byUnit.Strings("unit"));
        Assert.Equal([2, 3, 2, 2, 2], Ints(byUnit[0].GetProperty("points"), "members"));
        Assert.Equal([1, 2, 1, 1, 1], Ints(byUnit[0].GetProperty("points"), "participants"));
        Assert.Equal([1, 1, 1, 1, 1], Ints(byUnit[1].GetProperty("points"), "members"));
        Assert.Equal([0, 0, 1, 1, 0], Ints(byUnit[1].GetProperty("points"), "participants"));
        // Nobody has been assessed; the funnel: one on rung 1 in May, nobody moved up.
        Assert.Equal([3, 4, 3, 3, 3], Ints(d.GetProperty("engagement"), "notAssessed"));
        Assert.Equal([1, 0, 0, 0], Ints(d.GetProperty("funnel"), "holdingNow"));

        // Union A alone, the default range ends this month: May is Alekseeva of Alekseeva and Belov.
        var a = await client.GetJsonAsync($"/api/v1/dashboard/participation?scope={OrgTree.UnionA}", Ct);
        Assert.Equal(24, a.GetProperty("points").GetArrayLength());
        var may = a.GetProperty("points")[23];
        Assert.Equal(("1919-05", 2, 1, 0.5m), (may.GetProperty("month").GetString(), may.GetProperty("members").GetInt32(), may.GetProperty("participants").GetInt32(), may.GetProperty("share").GetDecimal()));

        // The CSV says the same.
        var csv = await client.GetStringAsync("/api/v1/dashboard/participation.csv?series=participation&from=1919-01&to=1919-05", Ct);
        Assert.Equal("month,members,participants,share,target\n1919-01,3,1,0.3333,0.10\n1919-02,4,2,0.5,0.10\n1919-03,3,2,0.6667,0.10\n1919-04,3,2,0.6667,0.10\n1919-05,3,1,0.3333,0.10\n",
            csv.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Refuses_the_wrong_caller_and_bad_input(string provider)
    {
        var (app, _) = await StartAsync(provider);
        await using var _app = app;
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/dashboard/participation", Ct)).StatusCode);
        var unionB = await app.ClientAsAsync("viewer", OrgTree.UnionB, Ct);
        // A unit outside the grants is 404, like a missing one; the default scope is the caller's own union.
        await unionB.GetJsonAsync($"/api/v1/dashboard/participation?scope={OrgTree.UnionA}", Ct, HttpStatusCode.NotFound);
        await unionB.GetJsonAsync("/api/v1/dashboard/participation?scope=NOPE", Ct, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await unionB.GetAsync($"/api/v1/dashboard/participation.csv?series=participation&scope={OrgTree.UnionA}", Ct)).StatusCode);
        var own = await unionB.GetJsonAsync("/api/v1/dashboard/participation?from=1919-05&to=1919-05", Ct);
        Assert.Equal(OrgTree.UnionB, own.GetProperty("scope").GetString());

        var viewer = await app.ClientAsAsync("viewer", ct: Ct);
        foreach (var (query, field) in new[] { ("from=1919-13", "from"), ("to=May", "to"), ("from=1919-05&to=1919-01", "from"), ("from=1900-01&to=1919-05", "from"), ("to=1919-06", "to") })
            await Json.AssertFieldErrors(await viewer.GetAsync("/api/v1/dashboard/participation?" + query, Ct), Ct, field);
        await Json.AssertFieldErrors(await viewer.GetAsync("/api/v1/dashboard/participation.csv?series=nope", Ct), Ct, "series");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_page_says_when_nothing_changed_in_its_default_months_and_links_to_the_last_change(string provider)
    {
        var (app, clock) = await StartAsync(provider);
        await using var _app = app;
        using (var early = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionB, Ct))
        {
            // On 10 May 1919 the default months hold Gromov's post (1 March to 30 April): no notice.
            Assert.DoesNotContain("Nothing changed here", await early.GetStringAsync("/dashboard", Ct));
        }

        // Two years and more later the default months (September 1919 to August 1921) are flat. Union B's last change
        // was Gromov's post ending on 30 April, which shows from May's point on. (Signed in anew: a session lasts hours.)
        clock.Now = new DateTimeOffset(1921, 8, 15, 9, 0, 0, TimeSpan.Zero);
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionB, Ct);
        var html = await officer.GetStringAsync("/dashboard", Ct);
        Assert.Contains("Nothing changed here in these months; the last change was in 1919-05.", html);
        Assert.Contains($"href=\"/dashboard?scope={OrgTree.UnionB}&amp;to=1919-05\"", html);
        // Asked for a range, the page shows it as asked.
        Assert.DoesNotContain("Nothing changed here", await officer.GetStringAsync("/dashboard?from=1920-01&to=1920-12", Ct));
        var then = await officer.GetStringAsync($"/dashboard?scope={OrgTree.UnionB}&to=1919-05", Ct);
        Assert.Contains("held a post in 1919-05", then);
    }

    /// <summary>
    /// The stored figures, refreshed on read after each of a mixed series of writes (and after days pass), against the
    /// same figures counted straight from the history.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Stored_figures_stay_equal_to_the_direct_count_through_writes_and_days(string provider)
    {
        var (app, clock) = await StartAsync(provider);
        await using var _app = app;
        var officer = await app.CreateUserAsync("officer", ct: Ct);
        var client = app.Client(officer.Token);
        var m = app.Org.Members;
        var posts = await app.InScopeAsync((_, db) => db.Posts.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(Ct));
        var steps = 0;

        async Task Same(string what)
        {
            steps++;
            foreach (var scope in new string?[] { null, OrgTree.UnionA, OrgTree.BranchA, OrgTree.UnionB })
            {
                var request = new GetParticipation.Request(scope, "1918-12", null);
                var (stored, direct) = await app.InScopeAsync(async (_, db) =>
                {
                    var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, officer.Id)], "test")) } };
                    var caller = new Caller(http, db);
                    var s = await GetParticipation.RunAsync(db, caller, clock, 0.1m, request, Ct);
                    var d = await GetParticipation.RunAsync(db, caller, clock, 0.1m, request, Ct, direct: true);
                    return (JsonSerializer.Serialize(s.Value), JsonSerializer.Serialize(d.Value));
                });
                Assert.True(direct == stored, $"after {what}, scope {scope ?? "(all)"}:\nstored {stored}\ndirect {direct}");
            }
            // And over HTTP, which refreshes the same way.
            await client.GetJsonAsync("/api/v1/dashboard/participation", Ct);
        }

        await Same("the first read");
        Task Write(Func<RallyDb, Task> write) => app.InScopeAsync(async (_, db) => { await write(db); await db.SaveChangesAsync(Ct); return 0; }, officer.Email);

        await Write(db => { db.Assignments.Add(new Assignment { PostId = posts[0], MemberId = m["belov"].Id, StartsOn = D(4, 10), CreatedAt = Now, CreatedBy = "test" }); return Task.CompletedTask; });
        await Same("a new assignment");
        await Write(async db => (await db.Assignments.SingleAsync(a => a.MemberId == m["alekseeva"].Id, Ct)).EndsOn = D(4, 30));
        await Same("an assignment ended on a month's last day");
        await Write(async db => (await db.Members.SingleAsync(x => x.Id == m["volkova"].Id, Ct)).OrgUnitId = app.Org.Units[OrgTree.UnionB].Id);
        await Same("a member moving to another union");
        await Write(async db =>
        {
            db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = m["volkova"].Id, ToStatus = MemberRules.Active, EffectiveOn = D(5, 2), RecordedAt = Now, RecordedBy = "test" });
            db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = m["gromov"].Id, ToStatus = MemberRules.Lapsed, EffectiveOn = D(5, 2), RecordedAt = Now, RecordedBy = "test" });
            (await db.Members.SingleAsync(x => x.Id == m["gromov"].Id, Ct)).Status = MemberRules.Lapsed;
        });
        await Same("status changes");
        await Write(db =>
        {
            db.Assessments.Add(new Assessment { MemberId = m["belov"].Id, ScaleId = AssessmentScale.EngagementId, Level = 1, AssessedAt = Now.AddDays(-5), AssessedBy = "test", RecordedAt = Now });
            db.Assignments.Add(new Assignment { PostId = posts[2], MemberId = m["belov"].Id, StartsOn = D(5, 6), CreatedAt = Now, CreatedBy = "test" }); // a move up
            return Task.CompletedTask;
        });
        await Same("an assessment and a move up");
        await Write(async db =>
        {
            var programme = new Programme { Name = "Reading circle", KindId = 2, OrgUnitId = app.Org.Units[OrgTree.UnionA].Id, StartsOn = D(4, 1), CreatedAt = Now, CreatedBy = "test" };
            db.Programmes.Add(programme);
            await db.SaveChangesAsync(Ct);
            db.Enrolments.Add(new Enrolment { ProgrammeId = programme.Id, MemberId = m["alekseeva"].Id, EnrolledOn = D(4, 2), CompletedOn = D(5, 3), RecordedAt = Now, RecordedBy = "test" });
            db.Distributions.Add(new Distribution { Title = "Pravda", WorkplaceId = app.Org.Units[OrgTree.WorkplaceA].Id, DistributedOn = D(5, 4), Copies = 30, RecordedAt = Now, RecordedBy = "test" });
        });
        await Same("an enrolment and a distribution");

        // Days pass without writes: Belov's first post was planned to end on 31 May; Gromov's next starts on 1 June.
        await Write(db =>
        {
            db.Assignments.Add(new Assignment { PostId = posts[3], MemberId = m["gromov"].Id, StartsOn = D(6, 1), CreatedAt = Now, CreatedBy = "test" });
            return Task.CompletedTask;
        });
        await Write(async db => (await db.Assignments.SingleAsync(a => a.MemberId == m["belov"].Id && a.PostId == posts[0], Ct)).EndsOn = D(5, 31));
        await Same("assignments in the future");
        clock.Now = new DateTimeOffset(1919, 6, 3, 9, 0, 0, TimeSpan.Zero);
        await Same("days passing into the next month");
        await Write(async db => db.Assignments.Remove(await db.Assignments.SingleAsync(a => a.MemberId == m["gromov"].Id && a.StartsOn == D(6, 1), Ct)));
        await Same("an assignment removed");

        // Names change no figure: the next read moves the watermark on and rebuilds nothing (a rebuild writes a new
        // watermark, at version 0). A post moved to another rung changes the by-rung figures.
        Task<int> Version() => app.InScopeAsync((_, db) => db.Set<DashboardWatermark>().Select(w => w.Version).SingleAsync(Ct));
        var version = await Version();
        await Write(async db =>
        {
            (await db.Rungs.SingleAsync(r => r.Id == 2, Ct)).Name = "Supervising production (renamed)";
            (await db.Posts.SingleAsync(p => p.Id == posts[0], Ct)).Title = "Retitled";
        });
        await app.InScopeAsync((_, db) => DashboardStore.RefreshAsync(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), clock, Ct));
        Assert.Equal(version + 1, await Version());
        await Same("a rung renamed and a post retitled");
        await Write(async db => (await db.Posts.SingleAsync(p => p.Id == posts[0], Ct)).RungId = 2);
        await Same("a post moved to another rung");

        // A hand-checked figure at the end, so the comparison is not of two empty answers: June 3 — Alekseeva (ended 30 Apr) no;
        // Belov holds rung 3; Volkova (back, in Union B) holds nothing; Gromov lapsed. Members: Alekseeva, Belov, Volkova.
        var june = (await client.GetJsonAsync("/api/v1/dashboard/participation?from=1919-06&to=1919-06", Ct)).GetProperty("points")[0];
        Assert.Equal((3, 1), (june.GetProperty("members").GetInt32(), june.GetProperty("participants").GetInt32()));
        Assert.Equal(12, steps);
    }
}
