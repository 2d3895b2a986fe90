using Microsoft.AspNetCore.Http.HttpResults;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Audit;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithTags("Audit").WithName("ListAuditEntries")
            .WithSummary("The audit trail, newest first (administrators; scoped ones see their subtree). Filters: entityType, entityId, user (id or e-mail), action, from, to (dates or instants, UTC).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        return api;
    }

    static async Task<Results<Ok<PagedList<AuditItem>>, ValidationProblem, ProblemHttpResult>> List(RallyDb db, Caller caller,
        string? entityType, string? entityId, string? user, string? action, string? from, string? to, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        var result = await ListAuditEntries.RunAsync(db, caller, new(entityType, entityId, user, action, from, to, page, pageSize, sort), ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Ok(result.Value!);
    }
}
