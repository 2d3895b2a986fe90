using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rally.Data;
using Rally.Features.Accounts;

namespace Rally.Web;

static class Authentication
{
    public const string Bearer = "Bearer";

    public static void AddRallyAuthentication(this IServiceCollection services)
    {
        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<RallyDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "rally";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/forbidden";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = RejectDisabledSessions;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Bearer, null);

        services.AddAuthorizationBuilder()
            .AddPolicy("api", p => p.AddAuthenticationSchemes(Bearer).RequireAuthenticatedUser())
            .AddPolicy("ui", p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
    }

    /// <summary>
    /// A cookie outlives a disabled account or a changed security stamp unless checked: look the
    /// user up on every request (one primary-key read) and end the session at once.
    /// </summary>
    static async Task RejectDisabledSessions(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType);
        var db = context.HttpContext.RequestServices.GetRequiredService<RallyDb>();
        var user = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.DisabledAt, u.SecurityStamp }).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (user is null || user.DisabledAt is not null || stamp is not null && stamp != user.SecurityStamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}

/// <summary>Authenticates "Authorization: Bearer rly_..." against the hashed personal access tokens.</summary>
sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RallyDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        var token = await AccessTokens.FindActiveAsync(db, secret, Context.RequestAborted);
        if (token is null)
            return AuthenticateResult.Fail("unknown or revoked token");
        var user = await db.Users.AsNoTracking().Where(u => u.Id == token.UserId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.DisabledAt }).FirstOrDefaultAsync(Context.RequestAborted);
        if (user is null || user.DisabledAt is not null)
            return AuthenticateResult.Fail("user disabled");

        // Record use at most every few minutes, so reads stay reads.
        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        db.Entry(token).State = EntityState.Detached;

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Email, user.Email ?? ""), new Claim(ClaimTypes.Name, user.DisplayName)],
            Authentication.Bearer);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Authentication.Bearer));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Send a personal access token: Authorization: Bearer <token>.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "Your role does not allow this.").ExecuteAsync(Context);
}
