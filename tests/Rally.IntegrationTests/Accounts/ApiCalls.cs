using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rally.IntegrationTests.Accounts;

/// <summary>Small helpers for JSON calls that say what came back when a status is not the expected one.</summary>
static class ApiCalls
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static async Task<JsonElement> Expect(this HttpResponseMessage response, HttpStatusCode status, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        if (text.Length == 0) return default;
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts a problem-details answer with <paramref name="status"/>; for 400 also that <paramref name="field"/> is named in errors.</summary>
    public static async Task<JsonElement> ExpectProblem(this HttpResponseMessage response, HttpStatusCode status, CancellationToken ct, string? field = null)
    {
        var body = await response.Expect(status, ct);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        if (field is not null)
            Assert.True(body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"expected errors.{field} in {body}");
        return body;
    }

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body, CancellationToken ct) =>
        client.PostAsJsonAsync(url, body, ct);

    public static Task<HttpResponseMessage> Put(this HttpClient client, string url, object body, string? ifMatch, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, ct);
    }

    public static Task<HttpResponseMessage> Delete(this HttpClient client, string url, string? ifMatch, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, ct);
    }

    public static IEnumerable<JsonElement> Items(this JsonElement list) => list.GetProperty("items").EnumerateArray();

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    /// <summary>A short unique suffix, so that tests sharing one app's database can find their own rows.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
