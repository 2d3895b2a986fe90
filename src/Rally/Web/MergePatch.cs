using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Rally.Web;

/// <summary>
/// JSON merge patch (RFC 7396) over a use case's full request: the present fields replace the
/// current ones, null clears them, absent ones stay. Unknown fields are an error, not ignored.
/// </summary>
public static class MergePatch
{
    public static Outcome<T> Apply<T>(T current, JsonElement patch, JsonSerializerOptions options)
    {
        if (patch.ValueKind != JsonValueKind.Object) return Outcome<T>.Invalid("body", "A merge patch must be a JSON object.");
        var node = JsonSerializer.SerializeToNode(current, options)!.AsObject();
        var errors = new FieldErrors();
        foreach (var field in patch.EnumerateObject())
        {
            var key = node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, field.Name, StringComparison.OrdinalIgnoreCase));
            if (key is null) errors.Add(field.Name, $"{field.Name} is not a field that can be changed.");
            else node[key] = JsonNode.Parse(field.Value.GetRawText());
        }
        if (errors.Any) return Outcome<T>.Invalid(errors);
        try
        {
            return Outcome<T>.Ok(node.Deserialize<T>(options)!);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } p ? p[2..] : "body";
            return Outcome<T>.Invalid(field, $"{field} has an invalid value.");
        }
    }

    public static JsonSerializerOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}
