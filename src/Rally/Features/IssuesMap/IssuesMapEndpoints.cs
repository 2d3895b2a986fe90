using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.IssuesMap;

public static class IssuesMapEndpoints
{
    public static RouteGroupBuilder MapIssuesMapEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/issues-map", async (RallyDb db, Caller caller, TimeProvider clock, string? from, string? to, string? orgUnit, CancellationToken ct) =>
                (await GetIssuesMap.RunAsync(db, caller, clock, new(from, to, orgUnit), ct)).ToResult(TypedResults.Ok))
            .WithTags("Issues map").WithName("GetIssuesMap")
            .WithSummary("Issues raised in conversations, workplace × issue: conversations per workplace and, per issue, how many raised it and their share; totals per issue. " +
                "`from`, `to`: yyyy-MM-dd (default: the 90 days up to the latest conversation you can see); `orgUnit`: a code, members of its subtree.")
            .Produces<GetIssuesMap.Response>().ProducesValidationProblem();
        return api;
    }
}
