using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.StructureTests;

/// <summary>The structure-test page as a signed-in browser uses it: create, edit with a typo and a stale version, archive; who gets which form.</summary>
public class StructureTestPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_creates_edits_and_archives_a_test_from_the_page(string provider)
    {
        var app = await fixture.For(provider);
        var seed = await StructureTestSeed.SeedAsync(app, "SP" + provider[..2].ToUpperInvariant());
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, seed.Union, Ct);

        var created = await PageClient.PostFormAsync(officer, "/structure-tests", "new-test", new()
        {
            ["Add.Name"] = "Petition on bread", ["Add.Kind"] = "petition", ["Add.OrgUnit"] = seed.Union,
            ["Add.TargetShare"] = "0.5", ["Add.StartsOn"] = "1919-03-01", ["Add.Deadline"] = "1919-03-31",
        }, Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = PageClient.Location(created)!;
        Assert.Matches("^/structure-tests/[0-9]+$", page);
        var id = int.Parse(page["/structure-tests/".Length..], System.Globalization.CultureInfo.InvariantCulture);

        // The edit form starts from what is stored.
        var shown = await officer.GetStringAsync(page, Ct);
        Assert.Contains("name=\"Edit.TargetShare\"", shown);
        Assert.Contains("value=\"0.5\"", shown);
        var version = PageClient.Hidden(shown)["Edit.Version"];

        // A share that is not a number, and a deadline before the start, are named beside their fields; nothing changes.
        var typo = await (await PageClient.PostFormAsync(officer, page, "edit-test", Edit(seed.Union, version, share: "half"), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("targetShare-error", typo);
        var early = await (await PageClient.PostFormAsync(officer, page, "edit-test", Edit(seed.Union, version, deadline: "1919-02-01"), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("deadline-error", early);
        Assert.Contains("deadline cannot be before startsOn.", early);
        var t0 = await app.InScopeAsync((_, db) => db.StructureTests.Where(t => t.Id == id).Select(t => new { t.TargetShare, t.Deadline, t.Version }).SingleAsync(Ct));
        Assert.Equal((0.5m, new DateOnly(1919, 3, 31), version), (t0.TargetShare, t0.Deadline, t0.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var saved = await PageClient.PostFormAsync(officer, page, "edit-test", Edit(seed.Union, version, share: "0.75", deadline: "1919-04-15"), Ct);
        Assert.Equal($"{page}?done=saved", PageClient.Location(saved));
        var t1 = await app.InScopeAsync((_, db) => db.StructureTests.Where(t => t.Id == id).Select(t => new { t.Name, t.TargetShare, t.Deadline, t.Version }).SingleAsync(Ct));
        Assert.Equal(("Bread petition", 0.75m, new DateOnly(1919, 4, 15)), (t1.Name, t1.TargetShare, t1.Deadline));
        var savedVersion = t1.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(version, savedVersion);
        Assert.Contains(await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "StructureTest" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(Ct)), a => a == "update");

        // A form opened before that save is refused, not applied over it.
        var stale = await (await PageClient.PostFormAsync(officer, page, "edit-test", Edit(seed.Union, version, share: "0.1"), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Someone else changed this since you opened the page.", stale);
        Assert.Equal(0.75m, await app.InScopeAsync((_, db) => db.StructureTests.Where(t => t.Id == id).Select(t => t.TargetShare).SingleAsync(Ct)));

        // An organiser records participation but gets neither form; an officer of another union does not see the test.
        using var organiser = await PageClient.SignInAsync(app, Roles.Organizer, seed.Union, Ct);
        var organised = await organiser.GetStringAsync(page, Ct);
        Assert.Contains("One.Member", organised);
        Assert.DoesNotContain("Edit.Name", organised);
        Assert.DoesNotContain("Archive this test", organised);
        var refused = await PageClient.PostFormAsync(organiser, page, "archive-test", new() { ["Archiving.Version"] = savedVersion }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // the page offers the organiser no such form
        Assert.Null(await app.InScopeAsync((_, db) => db.StructureTests.Where(t => t.Id == id).Select(t => t.ArchivedAt).SingleAsync(Ct)));
        // An officer of one branch records participation too, but the union's test is not theirs to change.
        using var branchOfficer = await PageClient.SignInAsync(app, Roles.Officer, seed.Branch1, Ct);
        var branch = await branchOfficer.GetStringAsync(page, Ct);
        Assert.Contains("One.Member", branch);
        Assert.DoesNotContain("Edit.Name", branch);
        using var stranger = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionB, Ct);
        using var strange = await stranger.GetAsync(page, Ct);
        Assert.Equal(HttpStatusCode.NotFound, strange.StatusCode);
        Assert.DoesNotContain("Bread petition", await strange.Content.ReadAsStringAsync(Ct));

        var archived = await PageClient.PostFormAsync(officer, page, "archive-test", new() { ["Archiving.Version"] = savedVersion }, Ct);
        Assert.Equal($"{page}?done=archived", PageClient.Location(archived));
        Assert.NotNull(await app.InScopeAsync((_, db) => db.StructureTests.Where(t => t.Id == id).Select(t => t.ArchivedAt).SingleAsync(Ct)));
        var after = await officer.GetStringAsync($"{page}?done=archived", Ct);
        Assert.Contains("Archived: the test takes no more participation; its results stay.", after);
        Assert.DoesNotContain("One.Member", after);
        Assert.DoesNotContain("Bread petition", await officer.GetStringAsync("/structure-tests", Ct));
    }

    static Dictionary<string, string> Edit(string union, string version, string share = "0.5", string deadline = "1919-03-31") => new()
    {
        ["Edit.Version"] = version, ["Edit.Name"] = "Bread petition", ["Edit.Kind"] = "petition", ["Edit.OrgUnit"] = union,
        ["Edit.TargetShare"] = share, ["Edit.StartsOn"] = "1919-03-01", ["Edit.Deadline"] = deadline,
    };
}
