using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Assessments;

namespace Rally.IntegrationTests.Conversations;

/// <summary>The conversation form's "When": empty is now, another day is that day; today is 1919-03-01 12:00 UTC by the pinned clock.</summary>
public class RecordConversationPageTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_conversation_is_recorded_on_the_day_given_and_never_in_the_future(string provider)
    {
        var app = await fixture.For(provider);
        var member = await Organizing.NewMemberAsync(app, Ct);
        using var organiser = await PageClient.SignInAsync(app, Roles.Organizer, OrgTree.UnionA, Ct);
        var page = $"/members/{member}/conversation";
        Task<HttpResponseMessage> Record(string heldOn) => PageClient.PostFormAsync(organiser, page, "conversation",
            new() { ["Talk.Go"] = "true", ["Talk.Channel"] = "phone", ["Talk.HeldOn"] = heldOn, ["Talk.Ask"] = "Come on Thursday" }, Ct);

        var future = await (await Record("1919-03-02")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("heldAt-error", future);
        Assert.Contains("heldAt cannot be in the future.", future);
        var typo = await (await Record("1919-02-30")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("heldAt-error", typo);
        Assert.False(await app.InScopeAsync((_, db) => db.Conversations.AnyAsync(c => c.MemberId == member, Ct)));

        Assert.Equal($"/members/{member}?saved=true", PageClient.Location(await Record("1919-02-20")));
        Assert.Equal($"/members/{member}?saved=true", PageClient.Location(await Record("")));
        var held = await app.InScopeAsync((_, db) => db.Conversations.Where(c => c.MemberId == member).OrderBy(c => c.Id).Select(c => c.HeldAt).ToListAsync(Ct));
        Assert.Equal([new DateTimeOffset(1919, 2, 20, 12, 0, 0, TimeSpan.Zero), PinnedClockFixture.Now], held);
    }
}
