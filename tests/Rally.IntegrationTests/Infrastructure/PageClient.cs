using System.Net;
using System.Text.RegularExpressions;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests;

/// <summary>A browser by hand, for the server-rendered pages: a signed-in cookie client, and the hidden inputs of a page's forms.</summary>
static partial class PageClient
{
    const string Password = "correct horse battery";

    /// <summary>A new user with a password and <paramref name="role"/>, signed in through the sign-in form; redirects are not followed.</summary>
    public static async Task<HttpClient> SignInAsync(RallyApp app, string role, string? scope, CancellationToken ct)
    {
        var email = $"{role}.{scope ?? "fed"}.{Guid.NewGuid():N}@test.example".ToLowerInvariant();
        await app.InScopeAsync(async (sp, _) =>
        {
            var created = await CreateUser.RunAsync(sp, new CreateUser.Request(email, "Page " + role, role, scope, Password), ct);
            Assert.Null(created.Errors);
            return 0;
        }, "test:setup");
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var form = Hidden(await client.GetStringAsync("/signin", ct));
        form["Input.Email"] = email;
        form["Input.Password"] = Password;
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent(form), ct);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)signedIn.StatusCode}");
        return client;
    }

    /// <summary>Posts one of a page's Blazor forms (by its form name) with the antiforgery token, as the browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields, CancellationToken ct, (string, string)[]? repeated = null)
    {
        var token = Hidden(await client.GetStringAsync(page, ct))["__RequestVerificationToken"];
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("_handler", handler) };
        form.AddRange(fields);
        form.AddRange((repeated ?? []).Select(r => new KeyValuePair<string, string>(r.Item1, r.Item2)));
        return await client.PostAsync(page, new FormUrlEncodedContent(form), ct);
    }

    /// <summary>Where a redirect points, as a path and query.</summary>
    public static string? Location(HttpResponseMessage response) => response.Headers.Location is not { } l ? null : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    /// <summary>The hidden inputs of the page's forms (the last of a name wins): the antiforgery token, Blazor's form name.</summary>
    public static Dictionary<string, string> Hidden(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in Input().Matches(html))
        {
            var name = Regex.Match(input.Value, "name=\"([^\"]*)\"");
            var value = Regex.Match(input.Value, "value=\"([^\"]*)\"");
            if (input.Value.Contains("type=\"hidden\"") && name.Success)
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
        }
        return fields;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Input();
}
