using Microsoft.AspNetCore.Http.HttpResults;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

public static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens").ProducesProblem(401);
        tokens.MapGet("/", List).WithName("ListTokens")
            .WithSummary("Your personal access tokens (never their secrets), newest first; sort by createdAt, name or lastUsedAt.")
            .ProducesValidationProblem();
        tokens.MapGet("/{id:int}", Get).WithName("GetToken")
            .WithSummary("One personal access token (never its secret).")
            .ProducesProblem(404);
        tokens.MapPost("/", Create).WithName("CreateToken")
            .WithSummary("Issue yourself a new personal access token; the secret is in this response only.")
            .ProducesValidationProblem();
        tokens.MapDelete("/{id:int}", Revoke).WithName("RevokeToken")
            .WithSummary("Revoke a token: your own, or (administrators) one of a user you administer. It stops authenticating at once.")
            .ProducesProblem(404);
        api.MapGet("/users/{id}/tokens", ListForUser).WithTags("Tokens").WithName("ListUserTokens")
            .WithSummary("A user's personal access tokens (administrators of that user).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    static async Task<Results<Ok<PagedList<TokenView>>, ValidationProblem, ProblemHttpResult>> List(
        RallyDb db, Caller caller, bool? includeRevoked, int? page, int? pageSize, string? sort, CancellationToken ct) =>
        Answer(await ListTokens.RunAsync(db, caller, new(null, includeRevoked ?? true, page, pageSize, sort), ct));

    static async Task<Results<Ok<PagedList<TokenView>>, ValidationProblem, ProblemHttpResult>> ListForUser(
        RallyDb db, Caller caller, string id, bool? includeRevoked, int? page, int? pageSize, string? sort, CancellationToken ct) =>
        Answer(await ListTokens.RunAsync(db, caller, new(id, includeRevoked ?? true, page, pageSize, sort), ct));

    static Results<Ok<PagedList<TokenView>>, ValidationProblem, ProblemHttpResult> Answer(Outcome<PagedList<TokenView>> result)
    {
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Ok(result.Value!);
    }

    static async Task<Results<Ok<TokenView>, ProblemHttpResult>> Get(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var result = await GetToken.RunAsync(db, caller, id, ct);
        return !result.Succeeded ? result.ToProblem() : TypedResults.Ok(result.Value!);
    }

    static async Task<Results<Created<CreateToken.IssuedToken>, ValidationProblem, ProblemHttpResult>> Create(
        RallyDb db, Caller caller, TimeProvider clock, CreateToken.Request body, CancellationToken ct)
    {
        var result = await CreateToken.RunAsync(db, caller, clock, body, ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Created($"/api/v1/tokens/{result.Value!.Id}", result.Value);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Revoke(RallyDb db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        var result = await RevokeToken.RunAsync(db, caller, clock, id, ct);
        return !result.Succeeded ? result.ToProblem() : TypedResults.NoContent();
    }
}
