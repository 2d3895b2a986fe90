using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Ladder;

public static class LadderEndpoints
{
    public static RouteGroupBuilder MapLadderEndpoints(this RouteGroupBuilder api)
    {
        var rungs = api.MapGroup("/rungs").WithTags("Ladder");
        rungs.MapGet("/", async (RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct) =>
                (await Rungs.ListAsync(db, caller, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListRungs").WithSummary("The ladder of gradual responsibility, rung 1 first, with each rung's conditions. Anyone holding a grant.")
            .Produces<PagedList<RungView>>().ProducesValidationProblem().ProducesProblem(403);
        rungs.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await Rungs.GetAsync(db, caller, id, ct)).ToResult(r => WithETag(response, r.Version, TypedResults.Ok(r))))
            .WithName("GetRung").WithSummary("One rung with its conditions; the ETag is its version.")
            .Produces<RungView>().ProducesProblem(404);
        rungs.MapPost("/", async (SaveRung.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveRung.CreateAsync(db, caller, body, ct)).ToResult(r => WithETag(response, r.Version, TypedResults.Created($"/api/v1/rungs/{r.Id}", r))))
            .WithName("CreateRung")
            .WithSummary("Add a rung at the top of the ladder: name, description, minMonthsBelow (months on the rung below or above, ≥ 0), " +
                "scaleId and atOrBetterLevel (both or neither; a federation-wide scale, a level it has), programmeIds (programmes to have completed). " +
                "Federation-wide administrators only.")
            .Produces<RungView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        rungs.MapPut("/{id:int}", async (int id, SaveRung.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveRung.UpdateAsync(db, caller, id, body, version, ct)).ToResult(r => WithETag(http.Response, r.Version, TypedResults.Ok(r)));
            })
            .WithName("UpdateRung").WithSummary("Replace a rung's name, description and conditions (its position stays). Send If-Match with the ETag. Federation-wide administrators only.")
            .Produces<RungView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        api.MapGet("/ladder/readiness", async (RallyDb db, Caller caller, TimeProvider clock, IConfiguration config,
                string? list, string? unit, int? months, int? page, int? pageSize, CancellationToken ct) =>
                (await Readiness.RunAsync(db, caller, clock, config, new(list, unit, months, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithTags("Ladder").WithName("GetLadderReadiness")
            .WithSummary("Readiness lists over your members (`unit`: a unit code within your grants narrows them). " +
                "`list=ready`: active members who held a post and meet every condition of their next rung today (one above the highest rung held today, " +
                "or above the highest ever held when they hold none now), with the evidence; highest rung first. " +
                "`list=never-engaged`: active members who never held a post, least engaged categories first (lowest share of the category's members " +
                "in scope ever assigned), then engagement level worst first, unassessed last. " +
                "`list=stalled`: members whose highest rung held today (below the top) has stayed the same for at least `months` whole months " +
                "(default Rally:Ladder:StalledMonths, 12), with since when; longest first.")
            .Produces<PagedList<Readiness.Item>>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    static IResult WithETag(HttpResponse response, int version, IResult result)
    {
        ETags.Set(response, version);
        return result;
    }
}
