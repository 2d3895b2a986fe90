using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Rally.IntegrationTests.Infrastructure;

/// <summary>The app's own list of its /api/v1 endpoints, so that rules meant for every endpoint are checked on every endpoint.</summary>
public static partial class ApiEndpoints
{
    public sealed record Route(string Method, string Pattern, string Path, bool TakesJsonBody)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }

    public static IReadOnlyList<Route> Of(RallyApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new Route(
                method,
                e.RoutePattern.RawText!,
                // Any value will do for a route parameter: the rules under test apply before the handler looks it up.
                "/" + Parameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), "1"),
                e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)) == true)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    public const string NoneYet = "the app has no endpoints under /api/v1 yet: this test needs at least the members endpoint (GET/POST /api/v1/members)";

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
