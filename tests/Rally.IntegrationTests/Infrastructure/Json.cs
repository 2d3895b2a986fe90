using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Rally.IntegrationTests.Infrastructure;

/// <summary>Small helpers for JSON over HTTP in tests.</summary>
public static class Json
{
    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, CancellationToken ct, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url, ct);
        var body = await response.ReadAsync(ct);
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object body, CancellationToken ct, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, ct);
    }

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string json, CancellationToken ct) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, ct);

    /// <summary>Asserts a 400 validation problem whose errors name <paramref name="fields"/>.</summary>
    public static async Task AssertFieldErrors(HttpResponseMessage response, CancellationToken ct, params string[] fields)
    {
        var body = await response.ReadAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = body.GetProperty("errors");
        foreach (var field in fields)
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}' in {errors}");
    }

    public static string[] Strings(this JsonElement items, string property) =>
        items.EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToArray();
}
