using System.Collections.Concurrent;

namespace Rally.IntegrationTests.Infrastructure;

/// <summary>A clock that says what a test tells it to, so that "overdue" and "stale" are worked out against a known today.</summary>
public sealed class PinnedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Like <see cref="AppFixture"/>, but each app's clock is pinned to <see cref="Now"/> (1919-03-01 12:00 UTC),
/// so tests can write dates relative to a today they know.
/// </summary>
public sealed class PinnedClockFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(1919, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(1919, 3, 1);

    readonly ConcurrentDictionary<string, Lazy<Task<RallyApp>>> apps = new();

    public Task<RallyApp> For(string provider) =>
        apps.GetOrAdd(provider, p => new Lazy<Task<RallyApp>>(() =>
            RallyApp.StartAsync(p, configure: b => b.Services.AddSingleton<TimeProvider>(new PinnedClock(Now))))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
            await app.Value.Result.DisposeAsync();
    }
}
