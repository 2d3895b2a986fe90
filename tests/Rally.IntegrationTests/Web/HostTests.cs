using System.Net;
using System.Text.Json;

namespace Rally.IntegrationTests.Web;

public class HostTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Health_answers_200_with_the_database_checked(string provider)
    {
        var app = await fixture.For(provider);
        var response = await app.Client().GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_OpenAPI_document_is_served_as_json_without_a_token(string provider)
    {
        var app = await fixture.For(provider);
        var response = await app.Client().GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("3.", doc.RootElement.GetProperty("openapi").GetString());
        Assert.Equal("Rally API", doc.RootElement.GetProperty("info").GetProperty("title").GetString());
    }
}
