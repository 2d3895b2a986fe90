using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Inspections;

/// <summary>The public board and its feed: no sign-in, nothing planned or in progress, no personal data.</summary>
public class StatusBoardTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<HttpResponseMessage> Post(HttpClient client, string url, object body) => client.SendJsonAsync(HttpMethod.Post, url, body, Ct);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_board_shows_completed_inspections_and_verified_fix_rates_to_anyone_and_never_a_name(string provider)
    {
        var app = await fixture.For(provider);
        var tag = provider[..2].ToUpperInvariant() + "S";
        var seed = await InspectionSeed.SeedAsync(app, tag);
        var officer = app.Client((await seed.UserAsync(app, Roles.Officer, "g1")).Token);
        var checker = app.Client((await seed.UserAsync(app, Roles.Organizer, "g2")).Token);
        var (_, done) = await InspectionApiTests.PlanAsync(app, seed, officer, $"Board grain point {tag}", PinnedClockFixture.Today);
        var (_, surprise) = await InspectionApiTests.PlanAsync(app, seed, officer, $"Board fuel depot {tag}", PinnedClockFixture.Today.AddDays(2));
        // Two findings on the completed inspection: one verified fixed, one only reported fixed (which never counts as a fix).
        var f1 = (await (await Post(officer, "/api/v1/findings", new { inspectionId = done, itemId = seed.Items[0], description = $"Named Given{tag} complained" })).ReadAsync(Ct)).GetProperty("finding").GetProperty("id").GetInt32();
        var f2 = (await (await Post(officer, "/api/v1/findings", new { inspectionId = done, itemId = seed.Items[1], description = "No list" })).ReadAsync(Ct)).GetProperty("finding").GetProperty("id").GetInt32();
        await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/inspections/{done}/answers", new { answers = seed.Items.Select(i => new { itemId = i, answer = "no" }) }, Ct);
        Assert.Equal(HttpStatusCode.OK, (await Post(officer, $"/api/v1/inspections/{done}/complete", new { })).StatusCode);
        await Post(officer, $"/api/v1/findings/{f1}/transitions", new { to = "reported-fixed" });
        await Post(officer, $"/api/v1/findings/{f2}/transitions", new { to = "reported-fixed" });
        Assert.Equal(HttpStatusCode.OK, (await Post(checker, $"/api/v1/findings/{f1}/transitions", new { to = "verified-fixed", note = "dry", reinspectedOn = PinnedClockFixture.Today })).StatusCode);
        // A finding on the surprise inspection (in progress): it must not show.
        await Post(officer, "/api/v1/findings", new { inspectionId = surprise, itemId = seed.Items[0], description = "x" });

        var anonymous = app.Client();
        var board = await anonymous.GetAsync("/status", Ct);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        var html = await board.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"Board grain point {tag}", html);
        Assert.DoesNotContain($"Board fuel depot {tag}</a>", html); // the target may be listed, but never an inspection of it
        Assert.DoesNotContain("1919-03-03", html); // the surprise inspection's date
        Assert.DoesNotContain("complained", html); // free text could name someone: never shown

        var feed = await anonymous.GetAsync("/status/findings.atom", Ct);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        var atom = await feed.Content.ReadAsStringAsync(Ct);
        var doc = System.Xml.Linq.XDocument.Parse(atom);
        System.Xml.Linq.XNamespace a = "http://www.w3.org/2005/Atom";
        var titles = doc.Root!.Elements(a + "entry").Select(e => e.Element(a + "title")!.Value).ToList();
        Assert.Contains($"Critical finding at Board grain point {tag}", titles);
        Assert.DoesNotContain(titles, t => t.Contains($"Board fuel depot {tag}"));

        // Scan every public response for every member's and user's name in the database.
        var names = await app.InScopeAsync(async (_, db) =>
        {
            var members = await db.Members.Select(m => new { m.FirstName, m.LastName, m.Patronymic }).ToListAsync(Ct);
            var users = await db.Users.Select(u => new { u.UserName, u.Email, u.DisplayName }).ToListAsync(Ct);
            return members.SelectMany(m => new[] { m.FirstName, m.LastName, m.Patronymic })
                .Concat(users.SelectMany(u => new[] { u.UserName, u.Email, u.DisplayName }))
                .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).Distinct().ToList();
        });
        Assert.Contains($"Given{"g1"}{tag}", names);
        foreach (var (url, body) in new[] { ("/status", html), ("/status/findings.atom", atom) })
            foreach (var name in names)
                Assert.False(body.Contains(name, StringComparison.Ordinal), $"{url} contains the name '{name}'");
    }
}
