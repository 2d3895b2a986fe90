using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Queue;

public static class QueueEndpoints
{
    public static RouteGroupBuilder MapQueueEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/queue", async (RallyDb db, Caller caller, TimeProvider clock, IConfiguration config, string? organiser, int? page, int? pageSize, CancellationToken ct) =>
                (await GetQueue.RunAsync(db, caller, clock, config, new(organiser, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithTags("Queue").WithName("GetQueue")
            .WithSummary("Whom to approach next, and why: your overdue follow-ups (oldest due first), then the targets of your turf in active campaigns " +
                "never contacted, then the least engaged (levels 4–5) not contacted for Rally:Organizing:QuietDays days (default 60), then stale or missing " +
                "assessments. Each member once, under the first reason. Organisers see their own queue; officers may pass `organiser` (a user id or e-mail). " +
                "Viewers have no queue (403). Only members within your grants appear.")
            .Produces<PagedList<GetQueue.Item>>().ProducesValidationProblem().ProducesProblem(403);
        return api;
    }
}
