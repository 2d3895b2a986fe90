using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rally.Data;
using Rally.Data.Demo;
using Rally.Features.Accounts;
using Rally.Features.Bodies;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Bench;

/// <summary>
/// The ladder's readiness lists over real HTTP for a federation-wide viewer: a fresh demo set of N
/// members, with about 30% of the active ones given a ladder history (rung 1, and some moving up to
/// rungs 2–4 over the years, seeded Random), the clock on 1 March 1919; then each list, page 1 of 50,
/// repeatedly; prints the median and 95th percentile per list.
/// </summary>
static class ReadinessBench
{
    const int WarmUp = 5;

    sealed class Pinned(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public static async Task<int> RunAsync(BenchOptions o)
    {
        Console.WriteLine($"readiness benchmark: {o.Members:N0} members on {o.Database}, {o.Requests} requests per list");
        var now = new DateTimeOffset(Federation1919.Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var clock = new Pinned(now);
        // RALLY_BENCH_REUSE=1 keeps the SQLite set of an earlier run (to time a change without building the data again).
        var reuse = Environment.GetEnvironmentVariable("RALLY_BENCH_REUSE") is "1" && o.Database == "sqlite";
        var settings = reuse
            ? new DatabaseSettings(DatabaseSettings.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), "rally-bench", "readiness", "rally.db")};Pooling=True", Path.Combine(Path.GetTempPath(), "rally-bench", "readiness"))
            : await o.FreshDatabaseAsync("readiness");
        if (!reuse)
        await using (var db = BenchOptions.Open(settings))
        {
            await Schema.MigrateAsync(db);
            var started = Stopwatch.GetTimestamp();
            var code = await DemoCommand.RunAsync(db, o.Members, clock, Console.Out, Console.Error, CancellationToken.None);
            if (code != 0) return code;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo: {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
            started = Stopwatch.GetTimestamp();
            var assignments = await LadderHistoryAsync(db, settings, now);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{assignments:N0} assignments inserted in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        }

        var app = RallyHost.Build(settings, ["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
            if (Environment.GetEnvironmentVariable("RALLY_BENCH_SQL") is "1") b.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
            b.Services.AddSingleton<TimeProvider>(clock);
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            string token;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var user = await CreateUser.RunAsync(scope.ServiceProvider, new($"bench-viewer-{Guid.NewGuid():N}@example.org", "Bench viewer", Roles.Viewer, null, null), default);
                (_, token) = await AccessTokens.IssueAsync(scope.ServiceProvider.GetRequiredService<RallyDb>(), user.User!.Id, "bench", clock);
            }
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var list in new[] { "ready", "never-engaged", "stalled" })
            {
                var url = $"/api/v1/ladder/readiness?list={list}&page=1&pageSize=50";
                var first = Stopwatch.GetTimestamp();
                var total = await GetAsync(http, url);
                var cold = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
                for (var i = 0; i < WarmUp; i++) await GetAsync(http, url);
                var times = new double[o.Requests];
                for (var i = 0; i < o.Requests; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await GetAsync(http, url);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                Array.Sort(times);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GET {url} ({total:N0} on the list): first {cold:0} ms, median {times[times.Length / 2]:0.0} ms, p95 {times[Math.Min(times.Length - 1, (int)Math.Ceiling(0.95 * times.Length) - 1)]:0.0} ms over {o.Requests} requests"));
            }
            Console.WriteLine($"load average after: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return 0;
    }

    /// <summary>One body with a post on each rung, and ladder histories for about 30% of the active members, in one transaction with a prepared command.</summary>
    static async Task<int> LadderHistoryAsync(RallyDb db, DatabaseSettings settings, DateTimeOffset now)
    {
        var root = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync();
        var body = new Body { Name = "Bench council", KindId = 6, OrgUnitId = root, CreatedAt = now, Version = 1 };
        db.Bodies.Add(body);
        await db.SaveChangesAsync();
        var rungs = await db.Rungs.OrderBy(r => r.Position).Select(r => r.Id).ToListAsync();
        var posts = rungs.Select(r => new Post { BodyId = body.Id, Title = "Bench post", Seats = 1_000_000, RungId = r, Version = 1 }).ToList();
        db.Posts.AddRange(posts);
        await db.SaveChangesAsync();
        var ids = await db.Members.Where(m => m.Status == MemberRules.Active).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();

        var today = Federation1919.Today;
        var r = new Random(1919);
        var rows = new List<(int Post, int Member, DateOnly From, DateOnly? To)>();
        foreach (var id in ids)
        {
            if (r.NextDouble() >= 0.3) continue;
            var from = new DateOnly(1916, 1, 1).AddDays(r.Next(today.DayNumber - new DateOnly(1916, 1, 1).DayNumber - 30));
            var rung = 0;
            while (true)
            {
                var stay = r.Next(3, 25);
                var next = from.AddMonths(stay);
                var up = rung < 3 && next < today && r.NextDouble() < 0.45;
                if (!up)
                {
                    rows.Add((posts[rung].Id, id, from, r.NextDouble() < 0.15 && next < today ? next.AddDays(-1) : null));
                    break;
                }
                rows.Add((posts[rung].Id, id, from, next.AddDays(-1)));
                from = next;
                rung++;
            }
        }
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO \"Assignments\" (\"PostId\", \"MemberId\", \"StartsOn\", \"EndsOn\", \"CreatedAt\", \"CreatedBy\", \"Version\") VALUES (@p, @m, @s, @e, @c, 'bench', 1)";
        object createdAt = settings.IsPostgres ? now : new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;
        object Day(DateOnly d) => settings.IsPostgres ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (p, m, s, e, c) = (command.CreateParameter(), command.CreateParameter(), command.CreateParameter(), command.CreateParameter(), command.CreateParameter());
        (p.ParameterName, m.ParameterName, s.ParameterName, e.ParameterName, c.ParameterName) = ("p", "m", "s", "e", "c");
        command.Parameters.Add(p); command.Parameters.Add(m); command.Parameters.Add(s); command.Parameters.Add(e); command.Parameters.Add(c);
        c.Value = createdAt;
        foreach (var row in rows)
        {
            p.Value = row.Post;
            m.Value = row.Member;
            s.Value = Day(row.From);
            e.Value = row.To is { } to ? Day(to) : DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return rows.Count;
    }

    static async Task<int> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("total").GetInt32();
    }
}
