using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.FollowUps;

public static class FollowUpEndpoints
{
    public static RouteGroupBuilder MapFollowUpEndpoints(this RouteGroupBuilder api)
    {
        var followUps = api.MapGroup("/follow-ups").WithTags("Follow-ups");
        followUps.MapGet("/", async (string? assignee, string? state, int? member, int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListFollowUps.RunAsync(db, caller, clock, new(assignee, state, member, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithName("ListFollowUps")
            .WithSummary("Follow-ups by due date. assignee: 'me' (default), or a user id or e-mail (officers); state: open (default), overdue, done, all; member: an id. Each says whether it is overdue today.")
            .Produces<PagedList<FollowUpView>>().ProducesValidationProblem().ProducesProblem(403);
        followUps.MapGet("/{id:long}", async (long id, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await ListFollowUps.GetAsync(db, caller, clock, id, ct)).ToResult(f => WithETag(response, f, TypedResults.Ok(f))))
            .WithName("GetFollowUp").WithSummary("One follow-up; the ETag is its version.")
            .Produces<FollowUpView>().ProducesProblem(404);
        followUps.MapPost("/{id:long}/done", async (long id, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await CompleteFollowUp.RunAsync(db, caller, clock, id, ct)).ToResult(f => WithETag(response, f, TypedResults.Ok(f))))
            .WithName("CompleteFollowUp").WithSummary("Mark it done: its assignee, or an officer over the member's union or branch.")
            .Produces<FollowUpView>().ProducesProblem(403).ProducesProblem(404);
        followUps.MapPatch("/{id:long}", async (long id, ChangeFollowUp.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await ChangeFollowUp.RunAsync(db, caller, clock, id, body, version, ct)).ToResult(f => WithETag(http.Response, f, TypedResults.Ok(f)));
            })
            .WithName("ChangeFollowUp").WithSummary("Officers: change action, dueOn (yyyy-MM-dd) or assignee (user id or e-mail); fields left out stay. Send If-Match with the ETag.")
            .Produces<FollowUpView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        api.MapPost("/members/{id:int}/follow-ups", async (int id, CreateFollowUp.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await CreateFollowUp.RunAsync(db, caller, clock, id, body, ct)).ToResult(f => WithETag(response, f, TypedResults.Created($"/api/v1/follow-ups/{f.Id}", f))))
            .WithTags("Follow-ups").WithName("CreateFollowUp")
            .WithSummary("Schedule a next step with a member: action, dueOn (yyyy-MM-dd), assignee (user id or e-mail; you by default; someone else needs the officer role).")
            .Produces<FollowUpView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/members/{id:int}/follow-ups", async (int id, int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListFollowUps.OfMemberAsync(db, caller, clock, id, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithTags("Follow-ups").WithName("ListMemberFollowUps").WithSummary("All of the member's follow-ups, whoever has them, newest first.")
            .Produces<PagedList<FollowUpView>>().ProducesValidationProblem().ProducesProblem(404);
        return api;
    }

    static IResult WithETag(HttpResponse response, FollowUpView f, IResult result)
    {
        ETags.Set(response, f.Version);
        return result;
    }
}
