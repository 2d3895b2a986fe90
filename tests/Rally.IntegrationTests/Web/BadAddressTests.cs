using System.Net;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Web;

/// <summary>Values in the address that a page or an endpoint cannot use are a 400 naming the parameter, never a 500.</summary>
public class BadAddressTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_page_parameter_that_does_not_parse_is_a_400_naming_it(string provider)
    {
        var app = await fixture.For(provider);
        using var officer = await PageClient.SignInAsync(app, Roles.Officer, null, Ct);
        foreach (var (address, name) in new[] { ("/members?page=abc", "page"), ("/members?page=99999999999", "page"), ("/findings?overdue=maybe", "overdue"), ("/ladder?page=1.5", "page") })
            await (await officer.GetAsync(address, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, name);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/members?page=1", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Dates_at_the_ends_of_the_calendar_are_refused_before_any_arithmetic_on_them(string provider)
    {
        var app = await fixture.For(provider);
        var officer = await app.ClientAsAsync(Roles.Officer, null, Ct);
        foreach (var (address, name) in new[]
                 {
                     ("/api/v1/conversations?to=9999-12-31", "to"), ("/api/v1/conversations?from=0001-01-01", "from"),
                     ("/api/v1/issues-map?to=9999-12-31", "to"), ("/api/v1/issues-map?from=0001-01-01", "from"),
                     ("/api/v1/dashboard/participation?to=0001-01", "to"),
                 })
            await (await officer.GetAsync(address, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, name);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/v1/conversations?from=1919-01-01&to=1919-12-31", Ct)).StatusCode);
    }
}
