using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Web;

/// <summary>Every /api/v1 endpoint wants a live personal access token, and says so as problem details.</summary>
public class ApiAuthenticationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static HttpRequestMessage Request(ApiEndpoints.Route route, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (route.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return request;
    }

    static async Task AssertUnauthorizedProblem(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)response.StatusCode}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: expected application/problem+json, got {response.Content.Headers.ContentType}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(401, doc.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_api_endpoint_answers_401_problem_details_without_a_token(string provider)
    {
        var app = await fixture.For(provider);
        var routes = ApiEndpoints.Of(app);
        Assert.True(routes.Count > 0, ApiEndpoints.NoneYet);
        var client = app.Client();
        foreach (var route in routes)
            await AssertUnauthorizedProblem(await client.SendAsync(Request(route, null), Ct), route.ToString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_api_endpoint_answers_401_to_an_unknown_or_malformed_token(string provider)
    {
        var app = await fixture.For(provider);
        var routes = ApiEndpoints.Of(app);
        Assert.True(routes.Count > 0, ApiEndpoints.NoneYet);
        var client = app.Client();
        string[] bad = ["Bearer rly_thisTokenWasNeverIssued0000000000000000000", "Bearer ", "Bearer not-even-a-rally-token", "Basic YWRtaW46YWRtaW4="];
        foreach (var route in routes)
            foreach (var header in bad)
                await AssertUnauthorizedProblem(await client.SendAsync(Request(route, header), Ct), $"{route} with '{header}'");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_token_works_until_it_is_revoked_and_then_answers_401(string provider)
    {
        var app = await fixture.For(provider);
        var user = await app.CreateUserAsync(Roles.Administrator, ct: Ct);
        var client = app.Client(user.Token);

        var before = await client.GetAsync("/api/v1/members", Ct);
        Assert.True(before.StatusCode == HttpStatusCode.OK, $"GET /api/v1/members with a live administrator token: expected 200, got {(int)before.StatusCode} (needs the members endpoint)");

        await app.InScopeAsync(async (sp, db) =>
        {
            var token = await db.AccessTokens.SingleAsync(t => t.UserId == user.Id, Ct);
            token.RevokedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return await db.SaveChangesAsync(Ct);
        });

        await AssertUnauthorizedProblem(await client.GetAsync("/api/v1/members", Ct), "GET /api/v1/members with a revoked token");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_token_of_a_disabled_user_answers_401(string provider)
    {
        var app = await fixture.For(provider);
        var user = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionA, ct: Ct);
        await app.InScopeAsync(async (sp, db) =>
        {
            var u = await db.Users.SingleAsync(x => x.Id == user.Id, Ct);
            u.DisabledAt = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return await db.SaveChangesAsync(Ct);
        });
        await AssertUnauthorizedProblem(await app.Client(user.Token).GetAsync("/api/v1/members", Ct), "GET /api/v1/members as a disabled user");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_401_tells_the_client_to_send_a_bearer_token(string provider)
    {
        var app = await fixture.For(provider);
        var response = await app.Client().GetAsync("/api/v1/members", Ct);
        await AssertUnauthorizedProblem(response, "GET /api/v1/members without a token");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }
}
