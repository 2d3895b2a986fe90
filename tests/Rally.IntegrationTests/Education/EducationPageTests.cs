using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rally.Features.Accounts;
using Rally.IntegrationTests.StructureTests;

namespace Rally.IntegrationTests.Education;

/// <summary>The education pages as a signed-in browser uses them: new programme, a session, enrolment, the attendance checklist.</summary>
public class EducationPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_creates_a_programme_adds_a_session_enrols_and_ticks_attendance(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, "P" + provider[..2].ToUpperInvariant());
        var m = seed.Members;
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, seed.Union, Ct);
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        var created = await PostFormAsync(officer, "/education", "new-programme", new()
        {
            ["Form.Name"] = "Evening lectures", ["Form.Kind"] = "lecture-series", ["Form.OrgUnit"] = seed.Union,
            ["Form.CompletionShare"] = "0.5", ["Form.StartsOn"] = today.AddDays(-7).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = PageClient.Location(created)!;
        Assert.Matches("^/education/[0-9]+$", page);
        var id = int.Parse(page["/education/".Length..], System.Globalization.CultureInfo.InvariantCulture);

        var first = await officer.GetAsync(page, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // A bad date is named on the form, not a crash.
        var bad = await (await PostFormAsync(officer, page, "session", new() { ["Session.HeldOn"] = "1919-13-45", ["Session.Topic"] = "x" })).Content.ReadAsStringAsync(Ct);
        Assert.Contains("heldOn-error", bad);

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(officer, page, "session", new() { ["Session.HeldOn"] = today.AddDays(-1).ToString("yyyy-MM-dd"), ["Session.Topic"] = "Factory committees" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(officer, page, "session", new() { ["Session.HeldOn"] = today.AddDays(7).ToString("yyyy-MM-dd"), ["Session.Topic"] = "Wage scales" })).StatusCode);
        var enrolled = await (await PostFormAsync(officer, page, "enrol", new() { ["Enrolling.Members"] = $"{m["m1"].Number}\n{m["m2"].Number}\nNOBODY" })).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Enrolled 2; already enrolled 0; rejected 1.", enrolled);

        // The checklist lists both enrolled members; tick m1 only.
        var html = await officer.GetStringAsync(page, Ct);
        Assert.Contains($"name=\"present\" value=\"{m["m1"].Id}\"", html);
        Assert.Contains($"name=\"present\" value=\"{m["m2"].Id}\"", html);
        var session = await app.InScopeAsync((_, db) => db.EducationSessions.Where(s => s.ProgrammeId == id && s.HeldOn < today).Select(s => s.Id).SingleAsync(Ct));
        var ticked = await PostFormAsync(officer, page, "checklist", new() { ["session"] = session.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            [("shown", m["m1"].Id.ToString()), ("shown", m["m2"].Id.ToString()), ("present", m["m1"].Id.ToString())]);
        Assert.Contains("Attendance saved: 1 present.", await ticked.Content.ReadAsStringAsync(Ct));
        // Two sessions at 0.5: one attended is enough; m1 completed on the session's day, m2 not.
        var completions = await app.InScopeAsync((_, db) => db.Enrolments.Where(e => e.ProgrammeId == id).ToDictionaryAsync(e => e.MemberId, e => e.CompletedOn, Ct));
        Assert.Equal(new Dictionary<int, DateOnly?> { [m["m1"].Id] = today.AddDays(-1), [m["m2"].Id] = null }, completions);

        // Unticking takes it back.
        await PostFormAsync(officer, page, "checklist", new() { ["session"] = session.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            [("shown", m["m1"].Id.ToString()), ("shown", m["m2"].Id.ToString())]);
        Assert.False(await app.InScopeAsync((_, db) => db.Attendances.AnyAsync(a => a.SessionId == session, Ct)));

        var shown = await officer.GetStringAsync(page, Ct);
        Assert.Contains("This compares groups; it does not show the programme caused the difference.", shown);
        Assert.Contains("Evening lectures", await officer.GetStringAsync("/education", Ct));

        // A viewer sees the page but gets no forms; another union's officer gets not found.
        using var viewer = await PageClient.SignInAsync(app, Roles.Viewer, seed.Union, Ct);
        var viewed = await viewer.GetStringAsync(page, Ct);
        Assert.DoesNotContain("name=\"present\"", viewed);
        Assert.DoesNotContain("Enrolling.Members", viewed);
        using var stranger = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionB, Ct);
        var strange = await stranger.GetAsync(page, Ct);
        Assert.DoesNotContain("Evening lectures", await strange.Content.ReadAsStringAsync(Ct));
    }

    static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields, (string, string)[]? repeated = null) =>
        PageClient.PostFormAsync(client, page, handler, fields, Ct, repeated);
}
