using System.Collections.Concurrent;

namespace Rally.IntegrationTests.Infrastructure;

/// <summary>
/// One <see cref="RallyApp"/> per provider for a test class (use as IClassFixture), started on
/// first use. A PostgreSQL app that cannot start fails the PostgreSQL tests with the reason and
/// leaves the SQLite ones alone.
/// </summary>
public sealed class AppFixture : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, Lazy<Task<RallyApp>>> apps = new();

    public Task<RallyApp> For(string provider) =>
        apps.GetOrAdd(provider, p => new Lazy<Task<RallyApp>>(() => RallyApp.StartAsync(p))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
            await app.Value.Result.DisposeAsync();
    }
}

/// <summary>The providers every data test runs on: <c>[Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]</c>.</summary>
public static class Providers
{
    public static TheoryData<string> Both => new(TestDatabase.Sqlite, TestDatabase.Postgres);
}
