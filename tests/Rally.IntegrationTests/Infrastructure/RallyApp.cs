using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.IntegrationTests.Infrastructure;

/// <summary>
/// The whole Rally app on Kestrel over real HTTP (loopback, a random port), on a fresh migrated
/// database of one provider, with the small <see cref="OrgTree"/> seeded.
/// </summary>
public sealed class RallyApp : IAsyncDisposable
{
    /// <summary>Set while a helper works outside a request, so its writes are audited under a test actor's name.</summary>
    static readonly AsyncLocal<string?> ActingAs = new();

    readonly SocketsHttpHandler handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    RallyApp(TestDatabase database, WebApplication app, Uri baseAddress)
    {
        Database = database;
        App = app;
        BaseAddress = baseAddress;
    }

    public TestDatabase Database { get; }
    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => App.Services;
    public string Provider => Database.Provider;
    public OrgTree Org { get; private set; } = null!;

    public static async Task<RallyApp> StartAsync(string provider, bool seed = true, Action<WebApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        var database = await TestDatabase.CreateAsync(provider, ct);
        try
        {
            var app = RallyHost.Build(database.Settings, ["--urls", "http://127.0.0.1:0", "--applicationName", "rally"], b =>
            {
                b.Logging.SetMinimumLevel(LogLevel.Warning);
                b.Services.AddScoped(sp => ActingAs.Value is { } name ? Actor.Named(name) : new Actor(sp.GetRequiredService<IHttpContextAccessor>()));
                configure?.Invoke(b);
            });
            await using (var scope = app.Services.CreateAsyncScope())
                await Schema.MigrateAsync(scope.ServiceProvider.GetRequiredService<RallyDb>(), ct);
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var rally = new RallyApp(database, app, new Uri(address));
            if (seed)
                rally.Org = await rally.InScopeAsync((sp, db) => OrgTree.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), ct), "test:seed");
            return rally;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>An anonymous client, or one that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = BaseAddress };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> in a fresh service scope, outside any request, as <paramref name="actor"/>.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, RallyDb, Task<T>> work, string actor = "test")
    {
        ActingAs.Value = actor;
        try
        {
            await using var scope = Services.CreateAsyncScope();
            return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<RallyDb>());
        }
        finally
        {
            ActingAs.Value = null;
        }
    }

    public sealed record TestUser(string Id, string Email, string Role, string? Scope, string Token);

    /// <summary>
    /// Creates a token-only user with <paramref name="role"/> on <paramref name="scope"/> (an org unit
    /// code; null: the whole federation) through the same use case as the CLI, and issues a token.
    /// </summary>
    public Task<TestUser> CreateUserAsync(string role, string? scope = null, string? email = null, CancellationToken ct = default) =>
        InScopeAsync(async (sp, db) =>
        {
            email ??= $"{role}.{scope ?? "fed"}.{Guid.NewGuid():N}@test.example".ToLowerInvariant();
            var result = await CreateUser.RunAsync(sp, new CreateUser.Request(email, $"Test {role}", role, scope, null), ct);
            if (result.Errors is { } errors)
                throw new InvalidOperationException("creating the test user failed: " + string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
            var (_, secret) = await AccessTokens.IssueAsync(db, result.User!.Id, "test", sp.GetRequiredService<TimeProvider>(), ct);
            return new TestUser(result.User.Id, email, role, scope, secret);
        }, "test:setup");

    /// <summary>A client signed in (by bearer token) as a new user with <paramref name="role"/> on <paramref name="scope"/>.</summary>
    public async Task<HttpClient> ClientAsAsync(string role, string? scope = null, CancellationToken ct = default) =>
        Client((await CreateUserAsync(role, scope, ct: ct)).Token);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        finally
        {
            handler.Dispose();
            await Database.DisposeAsync();
        }
    }
}
