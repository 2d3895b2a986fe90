using Microsoft.AspNetCore.Http.HttpResults;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Labels;

/// <summary>The same five endpoints for every list of labels; only the names come from <see cref="LabelList{T}"/>.</summary>
public static class LabelEndpoints
{
    public static RouteGroupBuilder MapLabelEndpoints<T>(this RouteGroupBuilder api, LabelList<T> list) where T : Label, new()
    {
        var (one, many) = list.OperationName;
        // Reading: anyone holding a grant. Writing: federation-wide administrators.
        var labels = api.MapGroup("/" + list.Route).WithTags(list.Tag).ProducesProblem(401).ProducesProblem(403);
        labels.MapGet("/", List).WithName("List" + many)
            .WithSummary($"List {list.Described.Many} (archived ones with includeArchived=true); search over code and name; sort by sortOrder, name or code.")
            .ProducesValidationProblem();
        labels.MapGet("/{id:int}", Get).WithName("Get" + one)
            .WithSummary($"One {list.Described.One}; the ETag is its version.")
            .ProducesProblem(404);
        labels.MapPost("/", Create).WithName("Create" + one)
            .WithSummary($"Add a {list.Described.One}: code (lower-case slug, unique), name, sortOrder.")
            .ProducesValidationProblem();
        labels.MapPut("/{id:int}", Update).WithName("Update" + one)
            .WithSummary("Change the code, name or sort order; send If-Match with the ETag you read.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        labels.MapDelete("/{id:int}", Archive).WithName("Archive" + one)
            .WithSummary("Archive it: it leaves the lists but is never destroyed.")
            .ProducesProblem(404).ProducesProblem(412);
        return api;

        // Local functions so that each handler closes over `list`; the signatures are what OpenAPI describes.
        async Task<Results<Ok<PagedList<LabelView>>, ValidationProblem, ProblemHttpResult>> List(
            RallyDb db, Caller caller, string? search, bool? includeArchived, int? page, int? pageSize, string? sort, CancellationToken ct)
        {
            var result = await ListLabels.RunAsync(list, db, caller, new(search, includeArchived ?? false, page, pageSize, sort), ct);
            if (result.Errors is { } errors) return errors.ToProblem();
            if (!result.Succeeded) return result.ToProblem();
            return TypedResults.Ok(result.Value!);
        }

        async Task<Results<Ok<LabelView>, ProblemHttpResult>> Get(RallyDb db, Caller caller, HttpResponse response, int id, CancellationToken ct)
        {
            var result = await GetLabel.RunAsync(list, db, caller, id, ct);
            if (!result.Succeeded) return result.ToProblem();
            ETags.Set(response, result.Value!.Version);
            return TypedResults.Ok(result.Value);
        }

        async Task<Results<Created<LabelView>, ValidationProblem, ProblemHttpResult>> Create(
            RallyDb db, Caller caller, HttpResponse response, LabelFields body, CancellationToken ct)
        {
            var result = await CreateLabel.RunAsync(list, db, caller, body, ct);
            if (result.Errors is { } errors) return errors.ToProblem();
            if (!result.Succeeded) return result.ToProblem();
            ETags.Set(response, result.Value!.Version);
            return TypedResults.Created($"/api/v1/{list.Route}/{result.Value.Id}", result.Value);
        }

        async Task<Results<Ok<LabelView>, ValidationProblem, ProblemHttpResult>> Update(
            RallyDb db, Caller caller, HttpRequest request, HttpResponse response, int id, LabelFields body, CancellationToken ct)
        {
            var (version, unreadable) = ETags.Expected(request);
            if (unreadable is not null) return Outcome<LabelView>.Stale().ToProblem();
            var result = await UpdateLabel.RunAsync(list, db, caller, id, body, version, ct);
            if (result.Errors is { } errors) return errors.ToProblem();
            if (!result.Succeeded) return result.ToProblem();
            ETags.Set(response, result.Value!.Version);
            return TypedResults.Ok(result.Value);
        }

        async Task<Results<NoContent, ProblemHttpResult>> Archive(
            RallyDb db, Caller caller, TimeProvider clock, HttpRequest request, int id, CancellationToken ct)
        {
            var (version, unreadable) = ETags.Expected(request);
            if (unreadable is not null) return Outcome<LabelView>.Stale().ToProblem();
            var result = await ArchiveLabel.RunAsync(list, db, caller, clock, id, version, ct);
            if (!result.Succeeded) return result.ToProblem();
            return TypedResults.NoContent();
        }
    }
}
