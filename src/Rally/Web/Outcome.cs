namespace Rally.Web;

/// <summary>
/// What a use case answers: a value, field errors, or a refusal (not found, forbidden, stale,
/// conflict). The API turns it into a response; pages show it next to the form.
/// </summary>
public sealed record Outcome<T>(T? Value, FieldErrors? Errors = null, int Status = 200, string? Detail = null)
{
    public bool Succeeded => Status is >= 200 and < 300 && Errors is null;

    public static Outcome<T> Ok(T value) => new(value);
    public static Outcome<T> Invalid(FieldErrors errors) => new(default, errors, 400);
    public static Outcome<T> Invalid(string field, string message) => new(default, new FieldErrors().Add(field, message), 400);
    public static Outcome<T> NotFound(string detail = "Not found.") => new(default, null, 404, detail);
    public static Outcome<T> Forbidden(string detail = "Your role does not allow this.") => new(default, null, 403, detail);
    public static Outcome<T> Conflict(string detail) => new(default, null, 409, detail);
    public static Outcome<T> Stale() => new(default, null, 412, "The record has changed since you read it; reload it and try again.");

    public Outcome<TOther> As<TOther>() => new(default, Errors, Status, Detail);

    public IResult ToResult(Func<T, IResult> ok) => this switch
    {
        { Errors: { } errors } => errors.ToProblem(),
        { Status: >= 200 and < 300 } => ok(Value!),
        _ => TypedResults.Problem(statusCode: Status, title: Title(Status), detail: Detail),
    };

    static string Title(int status) => status switch
    {
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        412 => "Precondition failed",
        _ => "Error",
    };
}
