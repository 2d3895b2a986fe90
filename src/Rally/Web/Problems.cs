using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Rally.Web;

/// <summary>Field errors collected by a use case, answered as a 400 validation problem.</summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{field} is required.");
        else Length(field, value, maxLength);
    }

    public void Length(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"{field} must be at most {maxLength} characters.");
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary());

    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem One(string field, string message) => new FieldErrors().Add(field, message).ToProblem();
}

/// <summary>Thrown by a use case to answer with problem details (412, 409, ...) from deep inside.</summary>
public sealed class ProblemException(int status, string title, string? detail = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>
/// Maps what escaped an endpoint to RFC 9457 problem details: bad JSON names the field,
/// oversized bodies are 413, lost concurrency races are 412; anything else is a bare 500
/// without a stack trace.
/// </summary>
sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "Payload too large", "The request body is larger than Rally accepts.", null),
            BadHttpRequestException { InnerException: JsonException j } => (400, "Invalid JSON", "The request body could not be read.", JsonErrors(j)),
            BadHttpRequestException b => (b.StatusCode, "Bad request", b.Message, BindingErrors(b)),
            JsonException j => (400, "Invalid JSON", "The request body could not be read.", JsonErrors(j)),
            DbUpdateConcurrencyException => (412, "Precondition failed", "Someone else changed this record first; reload it and try again.", null),
            ProblemException p => (p.Status, p.Title, p.Message, null),
            InvalidOperationException q when PageQueryParameter(q) is { } name => (400, "Bad request", $"The address's {name} has an invalid value.", new Dictionary<string, string[]> { [name] = [$"{name} has an invalid value."] }),
            OperationCanceledException => (499, "Client closed request", null, null),
            _ => (500, "Internal error", "Something went wrong on the server; it has been logged.", (IDictionary<string, string[]>?)null),
        };
        if (status == 500) log.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
        if (http.Response.HasStarted) return true;
        http.Response.StatusCode = status;
        var pd = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null) pd.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new() { HttpContext = http, ProblemDetails = pd, Exception = exception });
    }

    /// <summary>'Failed to bind parameter "Nullable&lt;int&gt; page" from "abc".' names the query parameter "page".</summary>
    static Dictionary<string, string[]>? BindingErrors(BadHttpRequestException b)
    {
        var m = System.Text.RegularExpressions.Regex.Match(b.Message, "^Failed to bind parameter \"[^\"]* (?<name>[A-Za-z0-9_]+)\" from \"");
        return m.Success ? new() { [m.Groups["name"].Value] = [$"{m.Groups["name"].Value} has an invalid value."] } : null;
    }

    /// <summary>
    /// A page's typed query parameter that would not parse ("Cannot parse the value 'abc' as type
    /// 'System.Nullable`1[System.Int32]' for 'page'.", thrown by Blazor's router) names "page".
    /// </summary>
    static string? PageQueryParameter(InvalidOperationException e)
    {
        if (e.TargetSite?.DeclaringType?.Namespace != "Microsoft.AspNetCore.Components.Routing") return null;
        var m = System.Text.RegularExpressions.Regex.Match(e.Message, "^Cannot parse the value '.*' as type '.*' for '(?<name>[A-Za-z0-9_]+)'\\.$", System.Text.RegularExpressions.RegexOptions.Singleline);
        return m.Success ? m.Groups["name"].Value : null;
    }

    static Dictionary<string, string[]> JsonErrors(JsonException j)
    {
        // "$.categoryId" → "categoryId"; a malformed document has no useful path.
        var field = j.Path is { Length: > 2 } p ? p[2..] : "body";
        return new() { [field] = [$"{field} has an invalid value."] };
    }
}
