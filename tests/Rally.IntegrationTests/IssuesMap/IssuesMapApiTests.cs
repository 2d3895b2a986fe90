using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Conversations;
using Rally.IntegrationTests.StructureTests;

namespace Rally.IntegrationTests.IssuesMap;

/// <summary>The issues map over HTTP, over conversations inserted straight into the database.</summary>
public class IssuesMapApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Inserts a conversation with the member, at the workplace, on the instant, raising the issues (codes).</summary>
    internal static Task AddConversationAsync(RallyApp app, string heldById, int memberId, string? workplace, DateTimeOffset heldAt, params string[] issues) =>
        app.InScopeAsync(async (_, db) =>
        {
            var tags = await db.IssueTags.Where(t => issues.Contains(t.Code)).Select(t => t.Id).ToListAsync(Ct);
            Assert.Equal(issues.Length, tags.Count);
            db.Conversations.Add(new Conversation
            {
                MemberId = memberId, HeldAt = heldAt, HeldById = heldById, Channel = Channels.InPerson, RecordedAt = heldAt, RecordedBy = "test",
                WorkplaceId = workplace is null ? null : await db.OrgUnits.Where(u => u.Code == workplace).Select(u => u.Id).SingleAsync(Ct),
                Issues = tags.Select(t => new ConversationIssue { IssueTagId = t }).ToList(),
            });
            await db.SaveChangesAsync(Ct);
            return 0;
        }, "test:seed");

    static DateTimeOffset At(int month, int day, int hour = 12, int minute = 0) => new(1919, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Workplaces_by_issue_over_the_period_within_the_callers_grants(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, provider[..2].ToUpperInvariant() + "M");
        var m = seed.Members;
        var organiser = await app.CreateUserAsync("organizer", seed.Union, ct: Ct);
        var (w1, w2) = (seed.Workplace1, seed.Workplace2);
        await AddConversationAsync(app, organiser.Id, m["m1"].Id, w1, At(3, 5), "wages", "hours");
        await AddConversationAsync(app, organiser.Id, m["m2"].Id, w1, At(3, 10), "wages");
        await AddConversationAsync(app, organiser.Id, m["m3"].Id, w1, At(3, 31, 23, 59), "food-supply");   // the last minute of the period
        await AddConversationAsync(app, organiser.Id, m["m6"].Id, w2, At(3, 15));                          // no issue raised
        await AddConversationAsync(app, organiser.Id, m["m7"].Id, w2, At(4, 1, 0, 0), "wages");            // after the period
        await AddConversationAsync(app, organiser.Id, m["m4"].Id, w1, At(2, 28, 23, 59), "wages");         // before it
        // m4 works at W1 now; the map keeps the workplace the conversation was held at (W2).
        await AddConversationAsync(app, organiser.Id, m["m4"].Id, w2, At(3, 20), "fuel");

        var viewer = await app.ClientAsAsync("viewer", seed.Union, Ct);
        var map = await viewer.GetJsonAsync("/api/v1/issues-map?from=1919-03-01&to=1919-03-31", Ct);
        // Without dates: the 90 days up to the latest conversation this viewer can see (1 April 1919), all seven of them.
        var latest = await viewer.GetJsonAsync("/api/v1/issues-map", Ct);
        Assert.Equal(("1919-01-02", "1919-04-01", 7), (latest.GetProperty("from").GetString(), latest.GetProperty("to").GetString(), latest.GetProperty("conversations").GetInt32()));
        // In the period: W1 3 conversations (wages 2, hours 1, food-supply 1); W2 2 (fuel 1).
        Assert.Equal(5, map.GetProperty("conversations").GetInt32());
        var rows = map.GetProperty("workplaces");
        Assert.Equal([w1, w2], rows.Strings("code"));
        Assert.Equal([3, 2], rows.EnumerateArray().Select(r => r.GetProperty("conversations").GetInt32()));
        var w1Cells = Cells(rows[0]);
        Assert.Equal((2, 0.6667m), w1Cells["wages"]);
        Assert.Equal((1, 0.3333m), w1Cells["hours"]);
        Assert.Equal((1, 0.3333m), w1Cells["food-supply"]);
        Assert.Equal((0, 0m), w1Cells["fuel"]);
        Assert.Equal((1, 0.5m), Cells(rows[1])["fuel"]);
        // Totals over 5: wages 2 (0.4), hours 1 (0.2), food-supply 1, fuel 1; every default tag has a column, in its order.
        var issues = map.GetProperty("issues").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => (i.GetProperty("conversations").GetInt32(), i.GetProperty("share").GetDecimal()));
        Assert.Equal((2, 0.4m), issues["wages"]);
        Assert.Equal((1, 0.2m), issues["fuel"]);
        Assert.Equal((0, 0m), issues["housing"]);
        Assert.Equal(IssueTag.Defaults.Select(d => d.Code), map.GetProperty("issues").Strings("code").Where(c => IssueTag.Defaults.Any(d => d.Code == c)));

        // A unit filter narrows to members of its subtree (their union or branch): branch 2 has m6 and m7 only.
        var branch = await viewer.GetJsonAsync($"/api/v1/issues-map?from=1919-03-01&to=1919-03-31&orgUnit={seed.Branch2}", Ct);
        Assert.Equal(1, branch.GetProperty("conversations").GetInt32());
        Assert.Equal(seed.Branch2, branch.GetProperty("orgUnit").GetString());

        // A viewer of branch 1 sees only conversations with branch 1's members (m1–m5): m1 m2 m3 m4.
        var branchViewer = await app.ClientAsAsync("viewer", seed.Branch1, Ct);
        Assert.Equal(4, (await branchViewer.GetJsonAsync("/api/v1/issues-map?from=1919-03-01&to=1919-03-31", Ct)).GetProperty("conversations").GetInt32());
        // Union B's viewer sees none of it, and cannot name this union.
        var stranger = await app.ClientAsAsync("viewer", OrgTree.UnionB, Ct);
        var theirs = await stranger.GetJsonAsync("/api/v1/issues-map?from=1919-03-01&to=1919-03-31", Ct);
        Assert.DoesNotContain(w1, theirs.GetProperty("workplaces").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        await Json.AssertFieldErrors(await stranger.GetAsync($"/api/v1/issues-map?orgUnit={seed.Union}", Ct), Ct, "orgUnit");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/issues-map", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_dates_are_answered_400_naming_the_field(string provider)
    {
        var app = await fixture.For(provider);
        var viewer = await app.ClientAsAsync("viewer", null, Ct);
        await Json.AssertFieldErrors(await viewer.GetAsync("/api/v1/issues-map?from=1919-3-1", Ct), Ct, "from");
        await Json.AssertFieldErrors(await viewer.GetAsync("/api/v1/issues-map?from=1919-03-01&to=March", Ct), Ct, "to");
        await Json.AssertFieldErrors(await viewer.GetAsync("/api/v1/issues-map?from=1919-03-10&to=1919-03-01", Ct), Ct, "to");
        await Json.AssertFieldErrors(await viewer.GetAsync("/api/v1/issues-map?orgUnit=NOWHERE", Ct), Ct, "orgUnit");
        // Without dates: 90 days.
        var map = await viewer.GetJsonAsync("/api/v1/issues-map", Ct);
        Assert.Equal(89, DateOnly.Parse(map.GetProperty("to").GetString()!).DayNumber - DateOnly.Parse(map.GetProperty("from").GetString()!).DayNumber);
    }

    static Dictionary<string, (int, decimal)> Cells(JsonElement row) =>
        row.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("issue").GetString()!, c => (c.GetProperty("count").GetInt32(), c.GetProperty("share").GetDecimal()));
}
