using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Rally.Data.Demo;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Web;

/// <summary>
/// Every operation in the OpenAPI document, as an administrator over the demonstration set, with bad
/// values in each path parameter, each query parameter and each field of the body: never a 5xx.
/// </summary>
public class ApiFuzzTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly string[] BadText = ["abc", "-1", "99999999999", "0001-01-01", "9999-12-31", "1.5", " "];
    static readonly JsonNode?[] BadValues =
        [null, "abc", -1, 1L << 40, 1.5, "", "0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", new JsonArray(), new JsonObject(), new string('x', 5000), true];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task No_bad_value_anywhere_in_a_request_gets_a_server_error(string provider)
    {
        await using var app = await RallyApp.StartAsync(provider, seed: false, ct: Ct);
        Assert.Equal(0, await app.InScopeAsync((sp, db) => DemoCommand.RunAsync(db, null, sp.GetRequiredService<TimeProvider>(), new StringWriter(), new StringWriter(), Ct)));
        var admin = await app.CreateUserAsync(Roles.Administrator, ct: Ct);
        using var client = app.Client(admin.Token);
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", Ct))!;
        var schemas = document["components"]?["schemas"]?.AsObject();

        var failures = new List<string>();
        var sent = 0;
        async Task SendAsync(string method, string path, JsonNode? body, bool hasBody, string what)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (hasBody) request.Content = new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request, Ct);
            sent++;
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {method} {path} ({what})");
        }

        foreach (var (template, item) in document["paths"]!.AsObject())
        foreach (var (verb, operationNode) in item!.AsObject())
        {
            if (verb is not ("get" or "post" or "put" or "patch" or "delete")) continue;
            var method = verb.ToUpperInvariant();
            var parameters = operationNode!["parameters"]?.AsArray().Select(p => (Name: (string)p!["name"]!, In: (string)p["in"]!)).ToList() ?? [];
            var bodySchema = operationNode["requestBody"]?["content"]?["application/json"]?["schema"];
            var hasBody = bodySchema is not null;
            var sample = hasBody ? Sample(bodySchema, schemas, 0) : null;
            string Path(string? name = null, string? value = null) => parameters.Where(p => p.In == "path")
                .Aggregate(template, (t, p) => t.Replace("{" + p.Name + "}", Uri.EscapeDataString(p.Name == name ? value! : "1"), StringComparison.Ordinal));

            foreach (var p in parameters)
            foreach (var bad in BadText)
            {
                var path = p.In == "path" ? Path(p.Name, bad) : $"{Path()}?{p.Name}={Uri.EscapeDataString(bad)}";
                if (p.In is "path" or "query") await SendAsync(method, path, sample?.DeepClone(), hasBody, $"{p.Name}={bad}");
            }
            if (!hasBody) continue;
            await SendAsync(method, Path(), sample?.DeepClone(), true, "sample body");
            await SendAsync(method, Path(), new JsonArray(), true, "an array for a body");
            if (sample is not JsonObject fields) continue;
            foreach (var field in fields.Select(f => f.Key).ToList())
            foreach (var bad in BadValues)
            {
                var body = fields.DeepClone().AsObject();
                body[field] = bad?.DeepClone();
                await SendAsync(method, Path(), body, true, $"{field}={bad?.ToJsonString() ?? "null"}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n{string.Join("\n", failures.Take(50))}");
        // The administrator's token still worked at the end, so the requests were not simply refused.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/members", Ct)).StatusCode);
        Assert.True(sent > 2000, $"only {sent} requests sent");
    }

    /// <summary>A plausible value for a schema: every property filled, dates in 1919, ids 1.</summary>
    static JsonNode? Sample(JsonNode? schema, JsonObject? schemas, int depth)
    {
        while (schema?["$ref"] is { } reference) schema = schemas?[((string)reference!).Split('/')[^1]];
        if (schema is null || depth > 3) return null;
        if (schema["enum"] is JsonArray values && values.Count > 0) return values[0]?.DeepClone();
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            JsonValue single => (string?)single,
            _ => schema["properties"] is not null ? "object" : null,
        };
        return type switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? []).Select(p => KeyValuePair.Create(p.Key, Sample(p.Value, schemas, depth + 1)))),
            "array" => new JsonArray(Sample(schema["items"], schemas, depth + 1)),
            "integer" or "number" => 1,
            "boolean" => true,
            _ => (string?)schema["format"] switch { "date" => "1919-03-01", "date-time" => "1919-03-01T10:00:00Z", _ => "x" },
        };
    }
}
