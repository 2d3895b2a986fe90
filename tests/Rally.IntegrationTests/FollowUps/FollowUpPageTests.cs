using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;
using Rally.IntegrationTests.Assessments;

namespace Rally.IntegrationTests.FollowUps;

/// <summary>/follow-ups/{id}: an officer reschedules and reassigns from the page; today is 1919-03-01 by the pinned clock.</summary>
public class FollowUpPageTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_reassigns_a_follow_up_to_an_organiser_who_can_work_with_the_member(string provider)
    {
        var app = await fixture.For(provider);
        var organizer = await app.CreateUserAsync(Roles.Organizer, OrgTree.UnionA, ct: Ct);
        var colleague = await app.CreateUserAsync(Roles.Organizer, OrgTree.BranchA, ct: Ct);
        var viewer = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionA, ct: Ct);
        var elsewhere = await app.CreateUserAsync(Roles.Organizer, OrgTree.UnionB, ct: Ct);
        var member = await Organizing.NewMemberAsync(app, Ct);
        var id = (await (await app.Client(organizer.Token).Post($"/api/v1/members/{member}/follow-ups", new { action = "Bring the leaflet", dueOn = "1919-02-25" }, Ct))
            .Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var page = $"/follow-ups/{id}";

        using var officer = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionA, Ct);
        var shown = await officer.GetStringAsync(page, Ct);
        Assert.Contains("Bring the leaflet", shown);
        Assert.Contains("Overdue", shown);
        // The choice is whoever can work with the member: both organisers, not the viewer, not another union's organiser.
        Assert.Contains($"value=\"{organizer.Id}\" selected", shown);
        Assert.Contains($"value=\"{colleague.Id}\"", shown);
        Assert.DoesNotContain($"value=\"{viewer.Id}\"", shown);
        Assert.DoesNotContain($"value=\"{elsewhere.Id}\"", shown);
        var version = PageClient.Hidden(shown)["Change.Version"];

        var typo = await (await PageClient.PostFormAsync(officer, page, "change", Change(version, colleague.Id, "1919-13-40"), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("dueOn-error", typo);
        var outsider = await (await PageClient.PostFormAsync(officer, page, "change", Change(version, elsewhere.Id, "1919-03-20"), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("assignee-error", outsider);
        Assert.Equal(organizer.Id, await app.InScopeAsync((_, db) => db.FollowUps.Where(f => f.Id == id).Select(f => f.AssigneeId).SingleAsync(Ct)));

        var saved = await PageClient.PostFormAsync(officer, page, "change", Change(version, colleague.Id, "1919-03-20"), Ct);
        Assert.Equal($"{page}?saved=true", PageClient.Location(saved));
        var after = await app.InScopeAsync((_, db) => db.FollowUps.Where(f => f.Id == id).Select(f => new { f.AssigneeId, f.DueOn, f.Action }).SingleAsync(Ct));
        Assert.Equal((colleague.Id, new DateOnly(1919, 3, 20), "Bring the leaflet"), (after.AssigneeId, after.DueOn, after.Action));
        Assert.Contains("follow-up-reassign", await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == member.ToString()).Select(a => a.Action).ToListAsync(Ct)));
        var now = await officer.GetStringAsync(page, Ct);
        Assert.DoesNotContain("Overdue", now);
        Assert.Contains($"value=\"{colleague.Id}\" selected", now);

        // The page as it was before that save is refused rather than applied over it.
        var stale = await (await PageClient.PostFormAsync(officer, page, "change", Change(version, organizer.Id, "1919-03-02"), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Someone else changed this since you opened the page.", stale);
        Assert.Equal(colleague.Id, await app.InScopeAsync((_, db) => db.FollowUps.Where(f => f.Id == id).Select(f => f.AssigneeId).SingleAsync(Ct)));

        // An organiser sees the follow-up but not the form; another union's officer does not see it at all.
        using var organiserPage = await PageClient.SignInAsync(app, Roles.Organizer, OrgTree.UnionA, Ct);
        var organised = await organiserPage.GetStringAsync(page, Ct);
        Assert.Contains("Bring the leaflet", organised);
        Assert.DoesNotContain("Change.Assignee", organised);
        using var stranger = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionB, Ct);
        using var strange = await stranger.GetAsync(page, Ct);
        Assert.Equal(HttpStatusCode.NotFound, strange.StatusCode);
        Assert.DoesNotContain("Bring the leaflet", await strange.Content.ReadAsStringAsync(Ct));
    }

    static Dictionary<string, string> Change(string version, string assignee, string dueOn) => new()
    {
        ["Change.Version"] = version, ["Change.Action"] = "Bring the leaflet", ["Change.DueOn"] = dueOn, ["Change.Assignee"] = assignee,
    };
}
