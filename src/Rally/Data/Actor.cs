using System.Security.Claims;

namespace Rally.Data;

/// <summary>Who is acting: the signed-in user of the request, or a named system actor (the CLI, the demo loader).</summary>
public sealed class Actor
{
    readonly IHttpContextAccessor? http;
    readonly string? fixedName;

    public Actor(IHttpContextAccessor http) => this.http = http;

    Actor(string name) => fixedName = name;

    public static Actor Named(string name) => new(name);

    ClaimsPrincipal? Principal => http?.HttpContext?.User;

    public string? UserId => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The user's e-mail; outside any request (start-up work such as loading the demo) "system".</summary>
    public string Name => fixedName ?? (http?.HttpContext is null ? "system" : Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.Identity?.Name ?? "anonymous");
}
