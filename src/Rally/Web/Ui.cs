using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Rally.Features.Accounts;

namespace Rally.Web;

static class Ui
{
    /// <summary>The server-rendered pages (Blazor static SSR, no interactivity) and the sign-out post.</summary>
    public static void MapUi(this WebApplication app)
    {
        app.MapRazorComponents<App>();

        // A form post from the header; antiforgery is checked here because no form field is bound.
        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<User> signIns) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await signIns.SignOutAsync();
            return Results.LocalRedirect("/signin");
        }).ExcludeFromDescription();
    }
}
