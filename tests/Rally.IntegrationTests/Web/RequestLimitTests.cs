using System.Net;
using System.Text;
using System.Text.Json;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Web;

public class RequestLimitTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Well-formed JSON just over the limit, so only its size can be the reason for refusing it.</summary>
    static string OversizedJson()
    {
        var filler = new string('x', 1024 * 1024 + 1024); // the limit the issue sets: 1 MiB
        return $"{{\"note\":\"{filler}\"}}";
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_body_over_1_MiB_to_any_api_endpoint_that_reads_json_is_413_problem_details(string provider)
    {
        var app = await fixture.For(provider);
        var routes = ApiEndpoints.Of(app).Where(r => r.TakesJsonBody && r.Method is "POST" or "PUT" or "PATCH").ToList();
        Assert.True(routes.Count > 0, ApiEndpoints.NoneYet);
        Assert.Contains(routes, r => r.Method == "POST");
        // An administrator over the whole federation, so that no route refuses for want of rights before it reads the body.
        var client = await app.ClientAsAsync(Roles.Administrator, ct: Ct);
        var body = OversizedJson();
        foreach (var route in routes)
        {
            var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            // Wait for the server's word before sending the body, as a well-behaved client does: Kestrel
            // refuses by Content-Length at once, and the client is not left writing into a closed socket.
            request.Headers.ExpectContinue = true;
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var response = await client.SendAsync(request, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{route}: expected 413, got {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(413, doc.RootElement.GetProperty("status").GetInt32());
        }
    }
}
