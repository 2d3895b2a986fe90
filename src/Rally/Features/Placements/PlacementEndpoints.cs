using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Placements;

public static class PlacementEndpoints
{
    public static RouteGroupBuilder MapPlacementEndpoints(this RouteGroupBuilder api)
    {
        var placements = api.MapGroup("/placements").WithTags("Placements");
        placements.MapGet("/", async (int? body, int? member, string? state, int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListPlacements.RunAsync(db, caller, clock, new(body, member, state, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithName("ListPlacements")
            .WithSummary("Specialists' placements in scope with their overseers. state: current (default), uncovered (current without an active overseer), ended, all; body, member: ids.")
            .Produces<PagedList<PlacementView>>().ProducesValidationProblem();
        placements.MapGet("/coverage", async (RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await ListPlacements.CoverageAsync(db, caller, clock, ct)))
            .WithName("OverseerCoverage").WithSummary("Report: placements under way today, how many have an active overseer, by body (gaps first).")
            .Produces<CoverageReport>();
        placements.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await ListPlacements.GetAsync(db, caller, clock, id, ct)).ToResult(p => WithETag(response, p, TypedResults.Ok(p))))
            .WithName("GetPlacement").WithSummary("One placement with its overseers.")
            .Produces<PlacementView>().ProducesProblem(404);
        placements.MapPost("/", async (PlacePlacement.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await PlacePlacement.RunAsync(db, caller, clock, body, ct)).ToResult(p => WithETag(response, p, TypedResults.Created($"/api/v1/placements/{p.Id}", p))))
            .WithName("CreatePlacement")
            .WithSummary("Officers over the body: place a specialist (memberId of the specialist category) in a body: bodyId, role, startsOn, endsOn (last day, optional), overseers (member ids holding a post in the body on startsOn, not specialists).")
            .Produces<PlacementView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        placements.MapPatch("/{id:int}", async (int id, PlacePlacement.EndRequest body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await PlacePlacement.EndAsync(db, caller, clock, id, body, ct)).ToResult(p => WithETag(response, p, TypedResults.Ok(p))))
            .WithName("EndPlacement")
            .WithSummary("Officers over the body: end a placement (endsOn, the specialist's last day; today by default). Its overseers' watches end with it, so decisions still pending can no longer be co-signed. Already ended: 409.")
            .Produces<PlacementView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        placements.MapPost("/{id:int}/overseers", async (int id, PlacePlacement.OverseerRequest body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await PlacePlacement.AddOverseerAsync(db, caller, clock, id, body, ct)).ToResult(TypedResults.Ok))
            .WithName("AddOverseer").WithSummary("Officers over the body: add an overseer (memberId, startsOn: today by default).")
            .Produces<PlacementView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        placements.MapPatch("/{id:int}/overseers/{overseerId:int}", async (int id, int overseerId, PlacePlacement.EndRequest body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await PlacePlacement.EndOverseerAsync(db, caller, clock, id, overseerId, body, ct)).ToResult(TypedResults.Ok))
            .WithName("EndOverseer").WithSummary("Officers over the body: end an overseer's watch (endsOn, the last day; today by default).")
            .Produces<PlacementView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        api.MapPut("/users/{id}/member", async (string id, LinkMember.Request body, RallyDb db, Caller caller, CancellationToken ct) =>
                (await LinkMember.RunAsync(db, caller, id, body, ct)).ToResult(TypedResults.Ok))
            .WithTags("Placements").WithName("LinkUserToMember")
            .WithSummary("Administrators: say which member a user account is (memberId; null unlinks), so they act as that specialist or overseer. One account per member.")
            .Produces<LinkMember.Response>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    static IResult WithETag(HttpResponse response, PlacementView p, IResult result)
    {
        ETags.Set(response, p.Version);
        return result;
    }
}
