using Microsoft.AspNetCore.Http.HttpResults;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

public static class OrgUnitKindEndpoints
{
    public static RouteGroupBuilder MapOrgUnitKindEndpoints(this RouteGroupBuilder api)
    {
        // Reading: anyone holding a grant. Writing: federation-wide administrators.
        var kinds = api.MapGroup("/org-unit-kinds").WithTags("Org-unit kinds").ProducesProblem(401).ProducesProblem(403);
        kinds.MapGet("/", List).WithName("ListOrgUnitKinds")
            .WithSummary("List kinds of org unit (archived ones with includeArchived=true); search over code and name; sort by sortOrder, name or code.")
            .ProducesValidationProblem();
        kinds.MapGet("/{id:int}", Get).WithName("GetOrgUnitKind")
            .WithSummary("One kind of org unit; the ETag is its version.")
            .ProducesProblem(404);
        kinds.MapPost("/", Create).WithName("CreateOrgUnitKind")
            .WithSummary("Add a kind of org unit: code (lower-case slug, unique), name, sortOrder.")
            .ProducesValidationProblem();
        kinds.MapPut("/{id:int}", Update).WithName("UpdateOrgUnitKind")
            .WithSummary("Change the code, name or sort order; send If-Match with the ETag you read.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        kinds.MapDelete("/{id:int}", Archive).WithName("ArchiveOrgUnitKind")
            .WithSummary("Archive it: it leaves the lists but is never destroyed.")
            .ProducesProblem(404).ProducesProblem(412);
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
