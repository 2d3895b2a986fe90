using System.Net;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Assessments;

/// <summary>Shared steps of the organizing tests: a fresh member of their own, so histories do not mix between tests.</summary>
static class Organizing
{
    public static async Task<int> NewMemberAsync(RallyApp app, CancellationToken ct, string unit = OrgTree.BranchA, string? workplace = OrgTree.WorkplaceA)
    {
        var officer = await app.ClientAsAsync("officer", null, ct);
        var body = await (await officer.Post("/api/v1/members",
            new { firstName = "Ivan", lastName = "Test" + ApiCalls.Unique(), category = "unskilled", orgUnit = unit, workplace }, ct)).Expect(HttpStatusCode.Created, ct);
        return body.GetProperty("id").GetInt32();
    }

    public static string At(int daysBeforeNow) => PinnedClockFixture.Now.AddDays(-daysBeforeNow).ToString("O");
}
