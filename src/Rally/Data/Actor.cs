using System.Security.Claims;

namespace Rally.Data;

/// <summary>
/// Who is acting, and when: the signed-in user of the request, or a named system actor (the CLI,
/// the demo loader); the clock stamps the audit trail.
/// </summary>
public sealed class Actor
{
    readonly IHttpContextAccessor? http;
    readonly string? fixedName;

    public Actor(IHttpContextAccessor http, TimeProvider? clock = null) => (this.http, Clock) = (http, clock ?? TimeProvider.System);

    Actor(string name, TimeProvider clock) => (fixedName, Clock) = (name, clock);

    public static Actor Named(string name, TimeProvider? clock = null) => new(name, clock ?? TimeProvider.System);

    public TimeProvider Clock { get; }

    ClaimsPrincipal? Principal => http?.HttpContext?.User;

    public string? UserId => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The user's e-mail; outside any request (start-up work such as loading the demo) "system".</summary>
    public string Name => fixedName ?? (http?.HttpContext is null ? "system" : Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.Identity?.Name ?? "anonymous");
}
