using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Decisions;

public static class DecisionEndpoints
{
    public static RouteGroupBuilder MapDecisionEndpoints(this RouteGroupBuilder api)
    {
        var kinds = api.MapGroup("/decision-kinds").WithTags("Decisions");
        kinds.MapGet("/", async (bool? includeArchived, RallyDb db, CancellationToken ct) => TypedResults.Ok(await DecisionKinds.ListAsync(db, includeArchived == true, ct)))
            .WithName("ListDecisionKinds").WithSummary("The decision kinds, each saying whether a worker overseer must co-sign.")
            .Produces<List<DecisionKindView>>();
        kinds.MapPost("/", async (DecisionKinds.Fields body, RallyDb db, Caller caller, CancellationToken ct) =>
                (await DecisionKinds.CreateAsync(db, caller, body, ct)).ToResult(k => TypedResults.Created($"/api/v1/decision-kinds/{k.Id}", k)))
            .WithName("CreateDecisionKind").WithSummary("Federation-wide administrators: add a kind (code, name, sortOrder, needsCoSignature).")
            .Produces<DecisionKindView>(201).ProducesValidationProblem().ProducesProblem(403);
        kinds.MapPatch("/{id:int}", async (int id, DecisionKinds.Fields body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await DecisionKinds.UpdateAsync(db, caller, id, body, version, ct)).ToResult(k =>
                {
                    ETags.Set(http.Response, k.Version);
                    return TypedResults.Ok(k);
                });
            })
            .WithName("UpdateDecisionKind").WithSummary("Federation-wide administrators: change a kind; fields left out stay. Pending decisions stay pending.")
            .Produces<DecisionKindView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        var decisions = api.MapGroup("/decisions").WithTags("Decisions");
        decisions.MapGet("/", async (string? status, int? placement, string? awaiting, int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListDecisions.RunAsync(db, caller, clock, new(status, placement, awaiting, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithName("ListDecisions")
            .WithSummary("Specialists' decisions in scope, newest first. status: pending, in-effect, co-signed, rejected, withdrawn (rejected and withdrawn ones carry their reasons); placement: an id; awaiting=me: pending on placements you oversee today, oldest first.")
            .Produces<PagedList<DecisionView>>().ProducesValidationProblem();
        decisions.MapGet("/pending", async (int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListDecisions.PendingAsync(db, caller, clock, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("PendingCoSignatures").WithSummary("Report: pending co-signatures by age (counts per age band, then the oldest first).")
            .Produces<PendingReport>().ProducesValidationProblem();
        decisions.MapGet("/{id:long}", async (long id, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await ListDecisions.GetAsync(db, caller, clock, id, ct)).ToResult(d => WithETag(response, d, TypedResults.Ok(d))))
            .WithName("GetDecision").WithSummary("One decision.")
            .Produces<DecisionView>().ProducesProblem(404);
        decisions.MapPost("/", async (RecordDecision.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await RecordDecision.RunAsync(db, caller, clock, body, ct)).ToResult(d => WithETag(response, d, TypedResults.Created($"/api/v1/decisions/{d.Id}", d))))
            .WithName("RecordDecision")
            .WithSummary("Record a decision for a specialist's placement (the specialist, or an officer over the body for them): placementId, kind (code), title, details. A kind that needs co-signature stays pending, without effect; a second pending one with the same kind and title is 409.")
            .Produces<DecisionView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        decisions.MapPost("/{id:long}/cosign", async (long id, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await SignDecision.CoSignAsync(db, caller, clock, id, ct)).ToResult(d => WithETag(response, d, TypedResults.Ok(d))))
            .WithName("CoSignDecision")
            .WithSummary("An active overseer of the placement co-signs a pending decision: it takes effect. Anyone else is 403, and so is whoever recorded it or the specialist; not pending is 409.")
            .Produces<DecisionView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        decisions.MapPost("/{id:long}/reject", async (long id, SignDecision.RejectRequest body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await SignDecision.RejectAsync(db, caller, clock, id, body, ct)).ToResult(d => WithETag(response, d, TypedResults.Ok(d))))
            .WithName("RejectDecision").WithSummary("An active overseer of the placement rejects a pending decision; reason is required.")
            .Produces<DecisionView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        decisions.MapPost("/{id:long}/withdraw", async (long id, WithdrawDecision.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await WithdrawDecision.RunAsync(db, caller, clock, id, body, ct)).ToResult(d => WithETag(response, d, TypedResults.Ok(d))))
            .WithName("WithdrawDecision")
            .WithSummary("Take back a pending decision, with a required reason (for instance, its placement has ended): whoever recorded it, the specialist, or an officer over the body. Anyone else is 403; not pending is 409.")
            .Produces<DecisionView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    static IResult WithETag(HttpResponse response, DecisionView d, IResult result)
    {
        ETags.Set(response, d.Version);
        return result;
    }
}
