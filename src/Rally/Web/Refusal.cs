using Microsoft.AspNetCore.Http.HttpResults;

namespace Rally.Web;

/// <summary>Why a use case declined to act, when the answer is not a list of field errors.</summary>
public enum Refusal
{
    /// <summary>Absent, or outside the caller's grants (existence is not revealed).</summary>
    NotFound,
    /// <summary>Visible to the caller, but their role does not allow the action.</summary>
    Forbidden,
    /// <summary>The caller's copy is out of date (If-Match / version mismatch).</summary>
    Stale,
    /// <summary>The action would leave the data in a state the rules forbid.</summary>
    Conflict,
}

public static class Refusals
{
    public static ProblemHttpResult ToProblem(this Refusal refusal, string? detail = null) => refusal switch
    {
        Refusal.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: detail ?? "There is no such record, or it is outside your grants."),
        Refusal.Forbidden => TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: detail ?? "Your role does not allow this."),
        Refusal.Stale => TypedResults.Problem(statusCode: 412, title: "Precondition failed",
            detail: detail ?? "The record has changed since you read it (If-Match does not match its ETag); reload it and try again."),
        _ => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: detail),
    };
}
