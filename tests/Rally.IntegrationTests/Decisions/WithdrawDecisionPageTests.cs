using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.Features.Decisions;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Decisions;

/// <summary>/decisions: an officer withdraws a pending decision from the pending list, giving a reason.</summary>
public class WithdrawDecisionPageTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_officer_withdraws_a_pending_decision_with_a_reason(string provider)
    {
        var app = await fixture.For(provider);
        var s = await OversightScene.CreateAsync(app, Ct);
        var placement = await s.PlaceAsync(await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct), Ct, s.Worker1);
        var title = $"Buy a boiler {Guid.NewGuid():N}"[..24];
        var id = (await (await app.Client(s.EngineerUser.Token).Post("/api/v1/decisions", new { placementId = placement, kind = "procurement", title }, Ct))
            .Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();

        using var officer = await PageClient.SignInAsync(app, Roles.Officer, OrgTree.UnionA, Ct);
        Assert.Contains($"/decisions?withdraw={id}#withdraw", await officer.GetStringAsync("/decisions", Ct));
        var page = $"/decisions?withdraw={id}";
        Assert.Contains("Withdraw.Reason", await officer.GetStringAsync(page, Ct));

        var blank = await (await PageClient.PostFormAsync(officer, page, "withdraw", new() { ["Withdraw.Id"] = id.ToString(), ["Withdraw.Reason"] = "" }, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("reason is required", blank);
        Assert.Equal(DecisionRules.Pending, await app.InScopeAsync((_, db) => db.Decisions.Where(d => d.Id == id).Select(d => d.Status).SingleAsync(Ct)));

        var done = await PageClient.PostFormAsync(officer, page, "withdraw", new() { ["Withdraw.Id"] = id.ToString(), ["Withdraw.Reason"] = "The boiler house is closed" }, Ct);
        Assert.Equal("/decisions?done=withdrawn", PageClient.Location(done));
        var row = await app.InScopeAsync((_, db) => db.Decisions.Where(d => d.Id == id).Select(d => new { d.Status, d.WithdrawalReason }).SingleAsync(Ct));
        Assert.Equal((DecisionRules.Withdrawn, "The boiler house is closed"), (row.Status, row.WithdrawalReason));

        // A viewer who neither recorded it nor is the specialist is not offered the link.
        using var viewer = await PageClient.SignInAsync(app, Roles.Viewer, OrgTree.UnionA, Ct);
        Assert.DoesNotContain("?withdraw=", await viewer.GetStringAsync("/decisions", Ct));
    }
}
