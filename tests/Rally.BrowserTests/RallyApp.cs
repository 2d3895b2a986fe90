using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rally.Data;
using Rally.Data.Demo;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Web;

[assembly: AssemblyFixture(typeof(Rally.BrowserTests.RallyApp))]

namespace Rally.BrowserTests;

/// <summary>
/// The real application on Kestrel over a fresh SQLite data directory with the demo data set,
/// an administrator and an organizer scoped to one union, and the system's Chromium.
/// </summary>
public sealed class RallyApp : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    public const string AdminEmail = "admin@example.org";
    public const string OrganizerEmail = "organizer@example.org";

    readonly string dataDir = Path.Combine(Path.GetTempPath(), "rally-browser-" + Guid.NewGuid().ToString("N"));
    WebApplication? app;
    IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The union the organizer is scoped to, and another one they must not see.</summary>
    public string OwnUnion { get; private set; } = "";
    public string OtherUnion { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var settings = DatabaseSettings.Resolve(new ConfigurationBuilder().Build(), "sqlite", null, dataDir);
        app = RallyHost.Build(settings, ["--urls", "http://127.0.0.1:0"], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RallyDb>();
            await Schema.MigrateAsync(db);
            await DemoCommand.RunAsync(db, null, default);
            if (!await db.Members.AnyAsync())
                await Seed.SmallFederationAsync(db);
            // Two unions that both have members: the organizer gets the first, the second is out of their reach.
            var unions = await db.OrgUnits.Where(u => u.Kind.Code == "union" && db.Members.Any(m => m.OrgUnit.Path.StartsWith(u.Path)))
                .OrderBy(u => u.Id).Select(u => u.Code).Take(2).ToListAsync();
            if (unions.Count < 2) throw new InvalidOperationException("The test data needs two unions with members.");
            (OwnUnion, OtherUnion) = (unions[0], unions[1]);
            await CreateAsync(scope.ServiceProvider, new(AdminEmail, "Ada Admin", Roles.Administrator, null, Password));
            await CreateAsync(scope.ServiceProvider, new(OrganizerEmail, "Olga Organizer", Roles.Organizer, OwnUnion, Password));
        }
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RALLY_TEST_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    static async Task<string> CreateAsync(IServiceProvider services, CreateUser.Request request)
    {
        var result = await CreateUser.RunAsync(services, request, default);
        if (result.Errors is { } e) throw new InvalidOperationException(string.Join("; ", e.ToDictionary().SelectMany(x => x.Value)));
        return result.User!.Id;
    }

    /// <summary>A user with <see cref="Password"/>, made the way the CLI makes them; returns their id.</summary>
    public async Task<string> CreateUserAsync(string email, string role, string? scope)
    {
        await using var services = app!.Services.CreateAsyncScope();
        return await CreateAsync(services.ServiceProvider, new(email, email.Split('@')[0], role, scope, Password));
    }

    /// <summary>Runs a query against the application's database (to pick test subjects, never to assert through the back door what the UI should show).</summary>
    public async Task<T> QueryAsync<T>(Func<RallyDb, Task<T>> query)
    {
        await using var scope = app!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RallyDb>());
    }

    /// <summary>
    /// New active members of the organizer's union, never assessed, holding no post, without workplace or phone, for one
    /// test alone: journeys that picked members from the demo by rule, at the same time, picked the same one (seen on CI).
    /// They belong to the union's unit with the most post holders, which the ladder journey's own pick avoids, and are no
    /// specialists, whom the decision journey picks. No test picks "the newest member" any more: these would be it.
    /// </summary>
    public Task<List<(int Id, string Number)>> NewMembersAsync(int count) => QueryAsync(async db =>
    {
        var path = await db.OrgUnits.Where(u => u.Code == OwnUnion).Select(u => u.Path).SingleAsync();
        var unit = await db.Members.Where(m => m.OrgUnit.Path.StartsWith(path) && db.Assignments.Any(a => a.MemberId == m.Id))
            .GroupBy(m => m.OrgUnitId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        // The first category the demo seeded: categories other tests add (and archive) come later.
        var category = await db.Categories.Where(c => c.ArchivedAt == null && c.Code != Rally.Features.Placements.Placement.SpecialistCategory).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        string[] names = ["Novikova", "Petrova", "Sokolova", "Morozova", "Lebedeva"];
        var members = Enumerable.Range(0, count).Select(i =>
        {
            var m = new Member
            {
                MembershipNumber = $"T-{tag}-{i + 1}", FirstName = "Agafya", LastName = names[i % names.Length], OrgUnitId = unit, CategoryId = category,
                Status = MemberRules.Active, StatusSince = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1),
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Version = 1,
            };
            MemberRules.SetKeys(m);
            return m;
        }).ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        return members.Select(m => (m.Id, m.MembershipNumber)).ToList();
    });

    /// <summary>A fresh browser context (its own cookies), signed in as <paramref name="email"/> unless null.</summary>
    public async Task<IPage> PageAsync(string? email = AdminEmail)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        if (email is not null) await SignInAsync(page, email);
        return page;
    }

    /// <summary>
    /// Waits until the page's address is <paramref name="url"/> (a whole address) or matches it. Not WaitForURLAsync: when
    /// the address already matches, that waits for the "load" event, and Playwright's client can miss one that fires
    /// between its check and its subscription (seen twice on CI: the page had loaded, the wait timed out).
    /// </summary>
    public static Task ArrivedAsync(IPage page, string url) => ArrivedAsync(page, new Regex("^" + Regex.Escape(url) + "$"));

    public static Task ArrivedAsync(IPage page, Regex url) => Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 90_000 });

    /// <summary>Signs in through the sign-in page and waits for the overview.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ArrivedAsync(page, new Regex("^https?://[^/]+/$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }
}
