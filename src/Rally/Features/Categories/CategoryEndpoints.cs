using Microsoft.AspNetCore.Http.HttpResults;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Categories;

public static class CategoryEndpoints
{
    public static RouteGroupBuilder MapCategoryEndpoints(this RouteGroupBuilder api)
    {
        // Reading: anyone holding a grant. Writing: federation-wide administrators.
        var categories = api.MapGroup("/categories").WithTags("Categories").ProducesProblem(401).ProducesProblem(403);
        categories.MapGet("/", List).WithName("ListCategories")
            .WithSummary("List member categories (archived ones with includeArchived=true); search over code and name; sort by sortOrder, name or code.")
            .ProducesValidationProblem();
        categories.MapGet("/{id:int}", Get).WithName("GetCategory")
            .WithSummary("One member category; the ETag is its version.")
            .ProducesProblem(404);
        categories.MapPost("/", Create).WithName("CreateCategory")
            .WithSummary("Add a member category: code (lower-case slug, unique), name, sortOrder.")
            .ProducesValidationProblem();
        categories.MapPut("/{id:int}", Update).WithName("UpdateCategory")
            .WithSummary("Change the code, name or sort order; send If-Match with the ETag you read.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        categories.MapDelete("/{id:int}", Archive).WithName("ArchiveCategory")
            .WithSummary("Archive it: it leaves the lists but is never destroyed.")
            .ProducesProblem(404).ProducesProblem(412);
        return api;
    }

    static async Task<Results<Ok<PagedList<CategoryView>>, ValidationProblem, ProblemHttpResult>> List(
        RallyDb db, Caller caller, string? search, bool? includeArchived, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        var result = await ListCategories.RunAsync(db, caller, new(search, includeArchived ?? false, page, pageSize, sort), ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Ok(result.Value!);
    }

    static async Task<Results<Ok<CategoryView>, ProblemHttpResult>> Get(RallyDb db, Caller caller, HttpResponse response, int id, CancellationToken ct)
    {
        var result = await GetCategory.RunAsync(db, caller, id, ct);
        if (!result.Succeeded) return result.ToProblem();
        ETags.Set(response, result.Value!.Version);
        return TypedResults.Ok(result.Value);
    }

    static async Task<Results<Created<CategoryView>, ValidationProblem, ProblemHttpResult>> Create(
        RallyDb db, Caller caller, HttpResponse response, CreateCategory.Request body, CancellationToken ct)
    {
        var result = await CreateCategory.RunAsync(db, caller, body, ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        ETags.Set(response, result.Value!.Version);
        return TypedResults.Created($"/api/v1/categories/{result.Value.Id}", result.Value);
    }

    static async Task<Results<Ok<CategoryView>, ValidationProblem, ProblemHttpResult>> Update(
        RallyDb db, Caller caller, HttpRequest request, HttpResponse response, int id, UpdateCategory.Request body, CancellationToken ct)
    {
        var (version, unreadable) = ETags.Expected(request);
        if (unreadable is not null) return Outcome<CategoryView>.Stale().ToProblem();
        var result = await UpdateCategory.RunAsync(db, caller, id, body, version, ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        ETags.Set(response, result.Value!.Version);
        return TypedResults.Ok(result.Value);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Archive(
        RallyDb db, Caller caller, TimeProvider clock, HttpRequest request, int id, CancellationToken ct)
    {
        var (version, unreadable) = ETags.Expected(request);
        if (unreadable is not null) return Outcome<CategoryView>.Stale().ToProblem();
        var result = await ArchiveCategory.RunAsync(db, caller, clock, id, version, ct);
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.NoContent();
    }
}
