using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Council;

public static class CouncilEndpoints
{
    public static RouteGroupBuilder MapCouncilEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/apportionments/calculate", (CalculateApportionment.Request body) => CalculateApportionment.Run(body).ToResult(TypedResults.Ok))
            .WithTags("Council").WithName("CalculateApportionment")
            .WithSummary("Apportion seats among any posted table: method (hamilton, dhondt, sainte-lague, modified-sainte-lague, huntington-hill), seats, minSeats, " +
                "thresholdPercent, thresholdQuota, caps [{name, maxSeats, maxShare ('1/4' or 0.25)}], tieRule (larger-count; none: ties are reported), " +
                "constituencies [{name, count, eligible}]. Answers the seats in input order, any ties and the step log; exact arithmetic throughout.")
            .Produces<CalculateApportionment.Response>().ProducesValidationProblem();

        var council = api.MapGroup("/council").WithTags("Council");

        council.MapGet("/constituencies", async Task<IResult> (RallyDb db, Caller caller, TimeProvider clock, string? date, CancellationToken ct) =>
            {
                var on = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                if (date is not null && !IsoDate.TryParse(date, out on)) return FieldErrors.One("date", "date must be yyyy-MM-dd.");
                return TypedResults.Ok(await CouncilConstituencies.RunAsync(db, caller, on, ct));
            })
            .WithName("ListCouncilConstituencies")
            .WithSummary("The council's constituencies — the unions and sections directly under the federation — with their members on `date` (default today) from the status history, within your grants.")
            .Produces<CouncilConstituencies.Response>().ProducesValidationProblem();

        council.MapPost("/apportionments", async (SaveApportionment.Request body, RallyDb db, Caller caller, CancellationToken ct) =>
                (await SaveApportionment.RunAsync(db, caller, body, ct)).ToResult(r => TypedResults.Created($"/api/v1/council/apportionments/{r.Id}", r)))
            .WithName("SaveApportionment")
            .WithSummary("Compute the council's apportionment from the constituencies at `date` with the given options (as for calculate, without constituencies) and record it; " +
                "the council's posts follow it (one post per constituency with its seats). A tie must be decided by a tie rule first. Needs the officer role on the whole federation.")
            .Produces<SaveApportionment.Record>(201).ProducesValidationProblem().ProducesProblem(403);

        council.MapGet("/apportionments", async (RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct) =>
                (await ListApportionments.RunAsync(db, caller, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListApportionments").WithSummary("Saved apportionments, newest first. Needs a role on the whole federation.")
            .Produces<PagedList<ListApportionments.Item>>().ProducesValidationProblem().ProducesProblem(403);

        council.MapGet("/apportionments/{id:int}", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ListApportionments.GetAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("GetApportionment").WithSummary("One saved apportionment: its inputs, the seats, the step log and the council's posts.")
            .Produces<SaveApportionment.Record>().ProducesProblem(403).ProducesProblem(404);

        return api;
    }
}
