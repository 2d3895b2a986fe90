using Microsoft.AspNetCore.Http.HttpResults;

namespace Rally.Web;

public static class OutcomeProblems
{
    /// <summary>A refusal (403, 404, 409, 412) as problem details, for endpoints that answer with typed result unions.</summary>
    public static ProblemHttpResult ToProblem<T>(this Outcome<T> outcome) => TypedResults.Problem(statusCode: outcome.Status, detail: outcome.Detail, title: outcome.Status switch
    {
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        412 => "Precondition failed",
        _ => "Error",
    });
}
