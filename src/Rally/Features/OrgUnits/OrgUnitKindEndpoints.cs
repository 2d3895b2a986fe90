using Microsoft.AspNetCore.Http.HttpResults;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

public static class OrgUnitKindEndpoints
{
    public static RouteGroupBuilder MapOrgUnitKindEndpoints(this RouteGroupBuilder api)
    {
        var kinds = api.MapGroup("/org-unit-kinds").WithTags("Org-unit kinds").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        kinds.MapGet("/", List).WithName("ListOrgUnitKinds")
            .WithSummary("List kinds of org unit (archived ones with includeArchived=true); sort by sortOrder, name or code.");
        kinds.MapGet("/{id:int}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetOrgUnitKind").WithSummary("One kind of org unit; the ETag is its version.");
        kinds.MapPost("/", Create).WithName("CreateOrgUnitKind").WithSummary("Add a kind of org unit (federation-wide administrators).");
        kinds.MapPut("/{id:int}", Update).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).WithName("UpdateOrgUnitKind")
            .WithSummary("Change a kind's code, name or sort order; send If-Match with the ETag you read (federation-wide administrators).");
        kinds.MapDelete("/{id:int}", Archive).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).WithName("ArchiveOrgUnitKind")
            .WithSummary("Archive a kind: it disappears from lists but is never destroyed (federation-wide administrators).");
        return api;
    }

    static async Task<Results<Ok<PagedList<OrgUnitKindView>>, ValidationProblem, ProblemHttpResult>> List(
        RallyDb db, Caller caller, string? search, bool? includeArchived, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        var result = await ListOrgUnitKinds.RunAsync(db, caller, new(search, includeArchived ?? false, page, pageSize, sort), ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Ok(result.Value!);
    }

    static async Task<Results<Ok<OrgUnitKindView>, ProblemHttpResult>> Get(RallyDb db, Caller caller, HttpResponse response, int id, CancellationToken ct)
    {
        var result = await GetOrgUnitKind.RunAsync(db, caller, id, ct);
        if (!result.Succeeded) return result.ToProblem();
        ETags.Set(response, result.Value!.Version);
        return TypedResults.Ok(result.Value);
    }

    static async Task<Results<Created<OrgUnitKindView>, ValidationProblem, ProblemHttpResult>> Create(
        RallyDb db, Caller caller, HttpResponse response, CreateOrgUnitKind.Request body, CancellationToken ct)
    {
        var result = await CreateOrgUnitKind.RunAsync(db, caller, body, ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        ETags.Set(response, result.Value!.Version);
        return TypedResults.Created($"/api/v1/org-unit-kinds/{result.Value.Id}", result.Value);
    }

    static async Task<Results<Ok<OrgUnitKindView>, ValidationProblem, ProblemHttpResult>> Update(
        RallyDb db, Caller caller, HttpRequest request, HttpResponse response, int id, UpdateOrgUnitKind.Request body, CancellationToken ct)
    {
        var (version, unreadable) = ETags.Expected(request);
        if (unreadable is not null) return Outcome<OrgUnitKindView>.Stale().ToProblem();
        var result = await UpdateOrgUnitKind.RunAsync(db, caller, id, body, version, ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        ETags.Set(response, result.Value!.Version);
        return TypedResults.Ok(result.Value);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Archive(
        RallyDb db, Caller caller, TimeProvider clock, HttpRequest request, int id, CancellationToken ct)
    {
        var (version, unreadable) = ETags.Expected(request);
        if (unreadable is not null) return Outcome<OrgUnitKindView>.Stale().ToProblem();
        var result = await ArchiveOrgUnitKind.RunAsync(db, caller, clock, id, version, ct);
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.NoContent();
    }
}
