using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Rally.Data;
using Rally.Data.Demo;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Bench;

/// <summary>
/// The scoped member list over real HTTP: N demo members in a fresh database, the app on Kestrel,
/// an organizer scoped to one union with a personal access token, then
/// <c>GET /api/v1/members?search=&lt;surname prefix&gt;&amp;sort=lastName&amp;page=1&amp;pageSize=50</c>
/// with varied 3–4 letter prefixes; prints the median and 95th percentile.
/// </summary>
static class ListBench
{
    const string Scope = "TEXTILE";
    const int WarmUp = 30;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        Console.WriteLine($"list benchmark: {o.Members:N0} members on {o.Database}, organizer scoped to {Scope}, {o.Requests} requests, load average {LoadAverage()}");
        var settings = await o.FreshDatabaseAsync("list");
        await using (var db = BenchOptions.Open(settings))
        {
            await Schema.MigrateAsync(db);
            var code = await DemoCommand.RunAsync(db, o.Members, TimeProvider.System, Console.Out, Console.Error, CancellationToken.None);
            if (code != 0) return code;
        }

        var app = RallyHost.Build(settings, ["--urls", "http://127.0.0.1:0"], b => b.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            string token;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var created = await CreateUser.RunAsync(scope.ServiceProvider,
                    new CreateUser.Request("organizer@bench.example", "Bench Organizer", Roles.Organizer, Scope, null), CancellationToken.None);
                if (created.User is null) throw new InvalidOperationException("could not create the organizer: " + JsonSerializer.Serialize(created.Errors?.ToDictionary()));
                var db = scope.ServiceProvider.GetRequiredService<RallyDb>();
                (_, token) = await AccessTokens.IssueAsync(db, created.User.Id, "bench", TimeProvider.System);
            }

            using var http = new HttpClient { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            // Varied prefixes: 3 or 4 letters of the surnames, common and rare alike.
            var prefixes = DemoNames.Surnames.Select((s, i) => s.Male.Key[..Math.Min(s.Male.Key.Length, 3 + i % 2)]).Distinct().ToArray();
            var random = new Random(7);
            var totals = new List<int>();

            for (var i = 0; i < WarmUp; i++)
                await GetAsync(http, prefixes[random.Next(prefixes.Length)], null);
            var times = new double[o.Requests];
            var asked = new string[o.Requests];
            for (var i = 0; i < o.Requests; i++)
            {
                asked[i] = prefixes[random.Next(prefixes.Length)];
                var started = Stopwatch.GetTimestamp();
                await GetAsync(http, asked[i], totals);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            // The slowest requests, to tell a heavy search from a pause.
            Console.WriteLine("slowest: " + string.Join(", ", times.Select((t, i) => (t, i)).OrderByDescending(x => x.t).Take(12)
                .Select(x => string.Create(CultureInfo.InvariantCulture, $"#{x.i} {asked[x.i]} {x.t:0} ms ({totals[x.i]:N0} matches)"))));
            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GET /api/v1/members?search=<3-4 letters>&sort=lastName&page=1&pageSize=50 as an organizer of {Scope}: " +
                $"median {Percentile(times, 0.50):0.0} ms, p95 {Percentile(times, 0.95):0.0} ms, max {times[^1]:0.0} ms over {o.Requests} requests " +
                $"(matches per search: median {totals.Order().ElementAt(totals.Count / 2):N0}, max {totals.Max():N0})   [required: median <= 50 ms, p95 <= 100 ms]"));
            Console.WriteLine($"load average after: {LoadAverage()}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return 0;
    }

    static async Task GetAsync(HttpClient http, string prefix, List<int>? totals)
    {
        using var response = await http.GetAsync($"/api/v1/members?search={Uri.EscapeDataString(prefix)}&sort=lastName&page=1&pageSize=50");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET members?search={prefix} answered {(int)response.StatusCode}: {body}");
        if (totals is not null)
        {
            using var json = JsonDocument.Parse(body);
            totals.Add(json.RootElement.GetProperty("total").GetInt32());
        }
    }

    static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
