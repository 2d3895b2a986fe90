using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Data.Bulk;
using Rally.Data.Demo;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Bench;

/// <summary>
/// A campaign's progress over real HTTP: N demo members, two engagement assessments per member
/// (written in bulk here unless the demo already holds assessments), the app on Kestrel, an officer
/// of the federation with a token. Two level-share campaigns are started through the API — on the
/// largest branch and on the largest union — their turf split by workplace among three organisers, then
/// <c>GET /api/v1/campaigns/{id}/progress</c> is timed; prints the medians and 95th percentiles.
/// </summary>
static class ProgressBench
{
    const int WarmUp = 5;

    public static async Task<int> RunAsync(BenchOptions o)
    {
        Console.WriteLine($"progress benchmark: {o.Members:N0} members on {o.Database}, {o.Requests} requests per campaign, load average {ListBench.LoadAverage()}");
        var settings = await o.FreshDatabaseAsync("progress");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string branch, union;
        long assessments;
        await using (var db = BenchOptions.Open(settings))
        {
            await Schema.MigrateAsync(db);
            var code = await DemoCommand.RunAsync(db, o.Members, TimeProvider.System, Console.Out, Console.Error, CancellationToken.None);
            if (code != 0) return code;
            var started = Stopwatch.GetTimestamp();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10)); // two million rows in one statement, on a shared machine
            if (!await db.Assessments.AnyAsync()) await AssessAsync(db, today);
            assessments = await db.Assessments.LongCountAsync();
            Console.WriteLine($"assessments: {assessments:N0} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
            branch = await db.Members.GroupBy(m => m.OrgUnitId).OrderByDescending(g => g.Count()).Select(g => g.First().OrgUnit.Code).FirstAsync();
            union = await db.OrgUnits.Where(u => u.Depth == 1).OrderByDescending(u => db.Members.Count(m => m.OrgUnit.Path.StartsWith(u.Path))).Select(u => u.Code).FirstAsync();
        }

        var app = RallyHost.Build(settings, ["--urls", "http://127.0.0.1:0"], b => b.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            string token;
            var organisers = new List<string>();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RallyDb>();
                var officer = await CreateUser.RunAsync(scope.ServiceProvider, new CreateUser.Request("officer@bench.example", "Bench Officer", Roles.Officer, null, null), CancellationToken.None);
                (_, token) = await AccessTokens.IssueAsync(db, officer.User!.Id, "bench", TimeProvider.System);
                for (var i = 1; i <= 3; i++)
                {
                    var organiser = await CreateUser.RunAsync(scope.ServiceProvider, new CreateUser.Request($"organiser{i}@bench.example", $"Organiser {i}", Roles.Organizer, null, null), CancellationToken.None);
                    organisers.Add(organiser.User!.Id);
                }
            }
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            foreach (var unit in new[] { branch, union })
            {
                var started = Stopwatch.GetTimestamp();
                var created = await http.PostAsJsonAsync("/api/v1/campaigns", new
                {
                    name = "Supporters in " + unit, orgUnit = unit, segment = new { },
                    goal = new { kind = "level-share", scale = AssessmentScale.EngagementCode, level = 2, share = 0.4 },
                    startsOn = today.AddDays(-60), deadline = today.AddDays(30), organisers,
                });
                var body = await created.Content.ReadAsStringAsync();
                if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"POST campaigns answered {(int)created.StatusCode}: {body}");
                var createMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                using var json = JsonDocument.Parse(body);
                var id = json.RootElement.GetProperty("id").GetInt32();
                var targets = json.RootElement.GetProperty("targets").GetInt32();
                started = Stopwatch.GetTimestamp();
                var split = await http.PostAsJsonAsync($"/api/v1/campaigns/{id}/turf", new { by = "workplace" });
                if (!split.IsSuccessStatusCode) throw new InvalidOperationException($"POST turf answered {(int)split.StatusCode}: {await split.Content.ReadAsStringAsync()}");
                var splitMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                string last = "";
                for (var i = 0; i < WarmUp; i++) last = await GetAsync(http, id);
                var times = new double[o.Requests];
                // CPU time of this process (client, server and, on SQLite, the database too) per request: unlike
                // the wall-clock times it hardly grows when the machine is shared.
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var serverCpu = BackendsCpuSeconds(settings);
                for (var i = 0; i < o.Requests; i++)
                {
                    started = Stopwatch.GetTimestamp();
                    last = await GetAsync(http, id);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                var cpuMs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / o.Requests;
                var serverCpuMs = (BackendsCpuSeconds(settings) - serverCpu) * 1000 / o.Requests;
                Array.Sort(times);
                using var progress = JsonDocument.Parse(last);
                var now = progress.RootElement.GetProperty("now");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"campaign on {unit}: {targets:N0} targets (created in {createMs:0} ms, turf split by workplace in {splitMs:0} ms); " +
                    $"now {now.GetProperty("achieved").GetInt32():N0} at level 2 or better = {now.GetProperty("value").GetDecimal():0.0000}, " +
                    $"{progress.RootElement.GetProperty("series").GetArrayLength()} days, {progress.RootElement.GetProperty("byWorkplace").GetArrayLength()} workplaces"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GET /api/v1/campaigns/{{id}}/progress ({targets:N0} targets; {o.Members:N0} members, {assessments:N0} assessments): " +
                    $"median {Percentile(times, 0.50):0.0} ms, p95 {Percentile(times, 0.95):0.0} ms, max {times[^1]:0.0} ms over {o.Requests} requests; " +
                    $"{cpuMs:0} ms of CPU per request in this process{(settings.IsPostgres ? $" + {serverCpuMs:0} ms in the PostgreSQL backends of the bench database (if the server runs on this machine)" : "")}   [required: median <= 200 ms]"));
            }
            Console.WriteLine($"load average after: {ListBench.LoadAverage()}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return 0;
    }

    static async Task<string> GetAsync(HttpClient http, int id)
    {
        using var response = await http.GetAsync($"/api/v1/campaigns/{id}/progress");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET progress answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>
    /// Two engagement assessments per member, by one INSERT ... SELECT each: the first 120–61 days ago,
    /// the second 60–1 days ago, levels spread over 1–5 by the member's id.
    /// </summary>
    static async Task AssessAsync(RallyDb db, DateOnly today)
    {
        var entity = db.Model.FindEntityType(typeof(Assessment))!;
        var table = entity.GetTableName();
        var at = entity.FindProperty(nameof(Assessment.AssessedAt))!;
        var members = db.Model.FindEntityType(typeof(Member))!.GetTableName();
        var converter = at.GetTypeMapping().Converter;
        foreach (var (daysAgo, factor) in new[] { (120, 7), (60, 13) })
        {
            var origin = new DateTimeOffset(today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            string when;
            if (db.IsPostgres)
                when = $"TIMESTAMPTZ '{origin:yyyy-MM-dd HH:mm:ss}+00' + ((m.\"Id\" * {factor}) % 60) * INTERVAL '1 day'";
            else
            {
                // The binary form of a UTC DateTimeOffset grows linearly with its ticks, so whole days add a constant step.
                var start = (long)converter!.ConvertToProvider(origin)!;
                var day = (long)converter.ConvertToProvider(origin.AddDays(1))! - start;
                when = $"{start} + ((m.\"Id\" * {factor}) % 60) * {day}";
            }
            var sql = $"INSERT INTO \"{table}\" (\"MemberId\", \"ScaleId\", \"Level\", \"AssessedAt\", \"AssessedBy\", \"RecordedAt\") " +
                $"SELECT m.\"Id\", {AssessmentScale.EngagementId}, ((m.\"Id\" * {factor}) % 5) + 1, {when}, 'bench', {when} FROM \"{members}\" m";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
        await TableStatistics.UpdateAsync(db, [table!]);
        if (db.IsPostgres)
        {
            var vacuum = $"VACUUM (FREEZE) \"{table}\""; // a name from the EF model
            await db.Database.ExecuteSqlRawAsync(vacuum);
        }
    }

    /// <summary>
    /// CPU seconds of the PostgreSQL backends connected to the bench database, when the server runs on this
    /// machine (0 otherwise): the pool keeps the same backends between requests, so the difference is the database's work.
    /// </summary>
    static double BackendsCpuSeconds(DatabaseSettings settings)
    {
        if (!settings.IsPostgres || !Directory.Exists("/proc")) return 0;
        var database = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString).Database;
        double seconds = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
                var title = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!title.StartsWith("postgres: ", StringComparison.Ordinal) || !title.Contains($" {database} ", StringComparison.Ordinal)) continue;
                var fields = File.ReadAllText(Path.Combine(dir, "stat")).Split(") ")[1].Split(' ');
                // utime and stime (fields 14 and 15 of stat, counted after the command name), in clock ticks of 1/100 s.
                seconds += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return seconds;
    }

    static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
