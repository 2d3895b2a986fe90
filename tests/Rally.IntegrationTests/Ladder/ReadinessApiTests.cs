using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Ladder;

/// <summary>/api/v1/ladder/readiness against the hand-worked <see cref="LadderHistory"/> (today 1919-03-01).</summary>
public class ReadinessApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly ConcurrentDictionary<RallyApp, Lazy<Task<IReadOnlyDictionary<string, int>>>> Seeded = new();

    async Task<(RallyApp App, IReadOnlyDictionary<string, int> Ids)> AppAsync(string provider)
    {
        var app = await fixture.For(provider);
        var ids = await Seeded.GetOrAdd(app, a => new(() => LadderHistory.SeedAsync(a, Ct))).Value;
        return (app, ids);
    }

    static async Task<JsonElement> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync("/api/v1/ladder/readiness?" + query, Ct)).Expect(HttpStatusCode.OK, Ct);

    static string[] Members(JsonElement list, IReadOnlyDictionary<string, int> ids)
    {
        var byId = ids.ToDictionary(p => p.Value, p => p.Key);
        return list.Items().Select(i => byId[i.GetProperty("memberId").GetInt32()]).ToArray();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Ready_lists_members_meeting_every_condition_of_their_next_rung_with_the_evidence(string provider)
    {
        var (app, ids) = await AppAsync(provider);
        var federation = await app.ClientAsAsync(Roles.Viewer, null, Ct);
        // Ivanov for rung 4 (21 months on rung 3, engagement 1); Zhukova for rung 3 (12 months on rung 2, the course; holds nothing now);
        // Alekseeva and Gromov for rung 2 (4 and 14 months on rung 1). Not Belov (1 month), Volkova (lapsed), Egorov (no course),
        // Kozlov (engagement 3, though rung 4 held before waives the months), Sokolov (his post begins in April).
        var all = await ListAsync(federation, "list=ready");
        Assert.Equal(["ivanov", "zhukova", "alekseeva", "gromov"], Members(all, ids));
        Assert.Equal(4, all.GetProperty("total").GetInt32());

        var items = all.Items().ToList();
        Assert.Equal(4, items[0].GetProperty("readyFor").GetProperty("position").GetInt32());
        Assert.Equal(3, items[0].GetProperty("holding").GetProperty("position").GetInt32());
        Assert.Equal(["Served 21 months on rung 3 (Control and inspection) or above (needs 12).", "Current Engagement level is 1 (needs 2 or better)."],
            items[0].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, items[1].GetProperty("readyFor").GetProperty("position").GetInt32());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("holding").ValueKind);
        Assert.Equal(["Served 12 months on rung 2 (Supervising production) or above (needs 6).", "Completed \"Management course\" on 1919-02-10."],
            items[1].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Served 4 months on rung 1 (Co-operative work) or above (needs 3).", items[2].GetProperty("evidence")[0].GetString());
        Assert.Equal("Co-operative work", items[2].GetProperty("holding").GetProperty("name").GetString());

        // Paged: the second page of two.
        var second = await ListAsync(federation, "list=ready&pageSize=2&page=2");
        Assert.Equal(["alekseeva", "gromov"], Members(second, ids));
        Assert.Equal(4, second.GetProperty("total").GetInt32());
        // Narrowed to union B.
        Assert.Equal(["gromov"], Members(await ListAsync(federation, "list=ready&unit=UB"), ids));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Never_engaged_puts_the_least_engaged_categories_first_then_the_worst_level(string provider)
    {
        var (app, ids) = await AppAsync(provider);
        var unionA = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionA, Ct);
        // Active members of union A ever assigned: domestic 1 of 3 (Zhukova; Nikitina, Orlova not), industrial 4 of 6
        // (Sokolov's post not begun still counts), unskilled 2 of 3. Industrial and unskilled tie at 2/3: industrial sorts first.
        // Within domestic: Nikitina (5) before Orlova (2); industrial: Morozova (4) before Lebedev (unassessed).
        var list = await ListAsync(unionA, "list=never-engaged");
        Assert.Equal(["nikitina", "orlova", "morozova", "lebedev", "petrov"], Members(list, ids));
        Assert.Equal(5, list.GetProperty("total").GetInt32());
        var first = list.Items().First();
        Assert.Equal(3, first.GetProperty("categoryMembers").GetInt32());
        Assert.Equal(1, first.GetProperty("categoryEverAssigned").GetInt32());
        Assert.Equal(5, first.GetProperty("level").GetInt32());
        Assert.Equal("opposed", first.GetProperty("levelName").GetString());

        var page2 = await ListAsync(unionA, "list=never-engaged&pageSize=2&page=2");
        Assert.Equal(["morozova", "lebedev"], Members(page2, ids));
        Assert.Equal(5, page2.GetProperty("total").GetInt32());
        // Union B's viewer: Gromov is assigned, Denisova an applicant — nobody.
        var unionB = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionB, Ct);
        Assert.Equal(0, (await ListAsync(unionB, "list=never-engaged")).GetProperty("total").GetInt32());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Stalled_lists_members_on_the_same_highest_rung_for_the_months_with_since_when(string provider)
    {
        var (app, ids) = await AppAsync(provider);
        var unionA = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionA, Ct);
        // Default 12 months: Ivanov on rung 3 since 1917-06-01 (21 months), Volkova on rung 1 since 1918-01-01 (14; lapsed, still holding).
        // Not Kozlov: rung 4 until 1918-04-30, so rung 3 is his highest only since 1918-05-01 (10). Not Gromov: union B.
        var list = await ListAsync(unionA, "list=stalled");
        Assert.Equal(["ivanov", "volkova"], Members(list, ids));
        var ivanov = list.Items().First();
        Assert.Equal("1917-06-01", ivanov.Str("since"));
        Assert.Equal(21, ivanov.GetProperty("months").GetInt32());
        Assert.Equal(3, ivanov.GetProperty("holding").GetProperty("position").GetInt32());

        // Six months: also Kozlov (10, since 1918-05-01) and Egorov (rung 2 since 1918-06-01, 9). Alekseeva has 4.
        var six = await ListAsync(unionA, "list=stalled&months=6");
        Assert.Equal(["ivanov", "volkova", "kozlov", "egorov"], Members(six, ids));
        Assert.Equal("1918-05-01", six.Items().ElementAt(2).Str("since"));
        Assert.Equal(10, six.Items().ElementAt(2).GetProperty("months").GetInt32());
        var federation = await app.ClientAsAsync(Roles.Viewer, null, Ct);
        Assert.Equal(["ivanov", "gromov", "volkova"], Members(await ListAsync(federation, "list=stalled"), ids));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Readiness_refuses_the_wrong_caller_and_bad_queries(string provider)
    {
        var (app, ids) = await AppAsync(provider);
        var unionB = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionB, Ct);
        // Union B's viewer sees only union B's members, and union A does not exist for them.
        Assert.Equal(["gromov"], Members(await ListAsync(unionB, "list=ready"), ids));
        Assert.Equal(["gromov"], Members(await ListAsync(unionB, "list=stalled"), ids));
        await (await unionB.GetAsync("/api/v1/ladder/readiness?list=ready&unit=UA", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await unionB.GetAsync("/api/v1/ladder/readiness?list=ready&unit=NOWHERE", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/ladder/readiness?list=ready", Ct)).StatusCode);

        await (await unionB.GetAsync("/api/v1/ladder/readiness", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "list");
        await (await unionB.GetAsync("/api/v1/ladder/readiness?list=promoted", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "list");
        await (await unionB.GetAsync("/api/v1/ladder/readiness?list=stalled&months=0", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "months");
        await (await unionB.GetAsync("/api/v1/ladder/readiness?list=stalled&pageSize=501", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "pageSize");
    }
}
