namespace Rally.Web;

/// <summary>The one list shape: {"items": [...], "page": 1, "pageSize": 50, "total": N}.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Paging and sorting parameters, validated the same way on every list.</summary>
public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static void Validate(FieldErrors errors, int? page, int? pageSize)
    {
        if (page is < 1) errors.Add("page", "page must be 1 or more.");
        if (pageSize is < 1 or > MaxSize) errors.Add("pageSize", $"pageSize must be between 1 and {MaxSize}.");
    }

    /// <summary>Parses "field" or "-field" against the allowed keys; returns null and records an error when unknown.</summary>
    public static (string Key, bool Descending)? Sort(FieldErrors errors, string? sort, string defaultKey, IReadOnlyCollection<string> keys)
    {
        if (string.IsNullOrWhiteSpace(sort)) return (defaultKey, false);
        var descending = sort.StartsWith('-');
        var key = sort.TrimStart('-', '+').Trim();
        if (keys.Contains(key)) return (key, descending);
        errors.Add("sort", $"Unknown sort '{key}'; use one of {string.Join(", ", keys)}, with '-' in front for descending.");
        return null;
    }
}

/// <summary>ETags are the row version; a stale If-Match is a 412 before anything changes.</summary>
public static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>
    /// The version an If-Match header asks for: none when absent or "*"; a header that names no
    /// version of ours can never match, so it is answered 412 at once.
    /// </summary>
    public static (int? Version, IResult? Error) Expected(HttpRequest request)
    {
        var values = request.Headers.IfMatch.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (values.Count == 0 || values.Contains("*")) return (null, null);
        foreach (var v in values)
        {
            var tag = v.StartsWith("W/", StringComparison.Ordinal) ? v[2..] : v;
            if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && int.TryParse(tag[1..^1], out var version)) return (version, null);
        }
        return (null, PreconditionFailed());
    }

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = Of(version);

    public static IResult PreconditionFailed() => TypedResults.Problem(statusCode: 412, title: "Precondition failed",
        detail: "The record has changed since you read it (If-Match does not match its ETag); reload it and try again.");
}
