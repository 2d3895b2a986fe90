using Microsoft.AspNetCore.Http.HttpResults;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>Users, their role grants and the caller's own profile; tokens are in <see cref="TokenEndpoints"/>.</summary>
public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Me).WithTags("Users").WithName("GetMe")
            .WithSummary("Your own account and active role grants.")
            .ProducesProblem(401);

        // Administrators only; a scoped one sees the users whose grants all lie in their subtree.
        var users = api.MapGroup("/users").WithTags("Users").ProducesProblem(401).ProducesProblem(403);
        users.MapGet("/", ListUsersEndpoint).WithName("ListUsers")
            .WithSummary("Users you administer, with their active grants; filter by search (e-mail or name) and role; sort by email, name or createdAt.")
            .ProducesValidationProblem();
        users.MapGet("/{id}", GetUserEndpoint).WithName("GetUser")
            .WithSummary("One user you administer, with their active grants; the ETag is the account's version.")
            .ProducesProblem(404);
        users.MapPost("/", CreateUserEndpoint).WithName("CreateUser")
            .WithSummary("Create a user with a first role grant (scope: an org unit code; none = the whole federation); password optional (none: token-only).")
            .ProducesValidationProblem();
        users.MapPut("/{id}", UpdateUserEndpoint).WithName("UpdateUser")
            .WithSummary("Rename, disable or enable a user; send If-Match with the ETag you read.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        users.MapGet("/{id}/grants", ListUserGrants).WithName("ListUserGrants")
            .WithSummary("A user's role grants (revoked ones with includeRevoked=true).")
            .ProducesValidationProblem().ProducesProblem(404);
        users.MapPost("/{id}/grants", GrantRoleEndpoint).WithName("GrantRole")
            .WithSummary("Grant a user a role on an org unit (by code) and its subtree, or on the whole federation when orgUnit is omitted.")
            .ProducesValidationProblem().ProducesProblem(404);

        var grants = api.MapGroup("/grants").WithTags("Grants").ProducesProblem(401).ProducesProblem(403);
        grants.MapGet("/", ListGrantsEndpoint).WithName("ListGrants")
            .WithSummary("Role grants you administer; filter by user (id or e-mail), orgUnit (code, whole subtree) and role; sort by grantedAt, role, user or orgUnit.")
            .ProducesValidationProblem();
        grants.MapGet("/{id:int}", GetGrantEndpoint).WithName("GetGrant")
            .WithSummary("One role grant, active or revoked.")
            .ProducesProblem(404);
        grants.MapDelete("/{id:int}", RevokeGrantEndpoint).WithName("RevokeGrant")
            .WithSummary("Revoke a role grant; it stays on record with the time it ended. The last federation-wide administrator grant is refused (409).")
            .ProducesProblem(404).ProducesProblem(409);

        api.MapTokenEndpoints();
        return api;
    }

    static async Task<Results<Ok<UserView>, ProblemHttpResult>> Me(RallyDb db, Caller caller, CancellationToken ct) =>
        await GetProfile.RunAsync(db, caller, ct) is { } me ? TypedResults.Ok(me) : Outcome<UserView>.NotFound().ToProblem();

    static async Task<Results<Ok<PagedList<UserView>>, ValidationProblem, ProblemHttpResult>> ListUsersEndpoint(
        RallyDb db, Caller caller, string? search, string? role, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        var result = await ListUsers.RunAsync(db, caller, new(search, role, page, pageSize, sort), ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Ok(result.Value!);
    }

    static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetUserEndpoint(RallyDb db, Caller caller, HttpResponse response, string id, CancellationToken ct)
    {
        var result = await GetUser.RunAsync(db, caller, id, ct);
        if (!result.Succeeded) return result.ToProblem();
        response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return TypedResults.Ok(result.Value);
    }

    public sealed record NewUser(string? Email, string? Name, string? Role, string? Scope, string? Password);

    static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> CreateUserEndpoint(
        IServiceProvider services, Caller caller, HttpResponse response, NewUser body, CancellationToken ct)
    {
        var result = await CreateUser.RunAsync(services, caller, new(body.Email!, body.Name!, body.Role!, body.Scope, body.Password), ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        var user = result.Value!;
        response.Headers.ETag = $"\"{user.Version}\"";
        return TypedResults.Created($"/api/v1/users/{user.Id}", user);
    }

    static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> UpdateUserEndpoint(
        RallyDb db, Caller caller, TimeProvider clock, HttpRequest request, HttpResponse response, string id, UpdateUser.Request body, CancellationToken ct)
    {
        var result = await UpdateUser.RunAsync(db, caller, clock, id, body, IfMatch.Stamp(request), ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return TypedResults.Ok(result.Value);
    }

    static async Task<Results<Ok<PagedList<GrantView>>, ValidationProblem, ProblemHttpResult>> ListUserGrants(
        RallyDb db, Caller caller, string id, bool? includeRevoked, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        // A user the caller cannot see is a 404, not an empty list.
        var user = await GetUser.RunAsync(db, caller, id, ct);
        if (!user.Succeeded) return user.ToProblem();
        var result = await ListGrants.RunAsync(db, caller, new(User: id, IncludeRevoked: includeRevoked ?? false, Page: page, PageSize: pageSize, Sort: sort), ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Ok(result.Value!);
    }

    static async Task<Results<Created<GrantView>, ValidationProblem, ProblemHttpResult>> GrantRoleEndpoint(
        RallyDb db, Caller caller, TimeProvider clock, string id, GrantRole.Request body, CancellationToken ct)
    {
        var result = await GrantRole.RunAsync(db, caller, clock, id, body, ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Created($"/api/v1/grants/{result.Value!.Id}", result.Value);
    }

    static async Task<Results<Ok<PagedList<GrantView>>, ValidationProblem, ProblemHttpResult>> ListGrantsEndpoint(
        RallyDb db, Caller caller, string? user, string? orgUnit, string? role, bool? includeRevoked, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        var result = await ListGrants.RunAsync(db, caller, new(user, orgUnit, role, includeRevoked ?? false, page, pageSize, sort), ct);
        if (result.Errors is { } errors) return errors.ToProblem();
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Ok(result.Value!);
    }

    static async Task<Results<Ok<GrantView>, ProblemHttpResult>> GetGrantEndpoint(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var result = await GetGrant.RunAsync(db, caller, id, ct);
        return !result.Succeeded ? result.ToProblem() : TypedResults.Ok(result.Value!);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RevokeGrantEndpoint(RallyDb db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        var result = await RevokeGrant.RunAsync(db, caller, clock, id, ct);
        return !result.Succeeded ? result.ToProblem() : TypedResults.NoContent();
    }
}
