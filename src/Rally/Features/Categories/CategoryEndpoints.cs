using Microsoft.AspNetCore.Http.HttpResults;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Categories;

public static class CategoryEndpoints
{
    public static RouteGroupBuilder MapCategoryEndpoints(this RouteGroupBuilder api)
    {
        var categories = api.MapGroup("/categories").WithTags("Categories").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        categories.MapGet("/", List).WithName("ListCategories")
            .WithSummary("List member categories (archived ones with includeArchived=true); sort by sortOrder, name or code.");
        categories.MapGet("/{id:int}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetCategory").WithSummary("One member category; the ETag is its version.");
        categories.MapPost("/", Create).WithName("CreateCategory").WithSummary("Add a member category (federation-wide administrators).");
        categories.MapPut("/{id:int}", Update).ProducesProblem(StatusCodes.Status404NotFound).WithName("UpdateCategory")
            .WithSummary("Change a category's code, name or sort order; send If-Match with the ETag you read (federation-wide administrators).");
        categories.MapDelete("/{id:int}", Archive).ProducesProblem(StatusCodes.Status404NotFound).WithName("ArchiveCategory")
            .WithSummary("Archive a category: it disappears from lists but is never destroyed (federation-wide administrators).");
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
