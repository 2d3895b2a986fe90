using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Data.Bulk;
using Rally.Data.Demo;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Bodies;
using Rally.Features.Dashboard;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Bench;

/// <summary>
/// The participation dashboard over real HTTP: N demo members, assignments for 30% of N (a quarter of the members
/// hold a first post on rung 1 or 2 started up to 2½ years ago, a third of those ended; one in twenty moved up later
/// to rung 3 or 4) and two engagement assessments per member spread over the last two years, all written in bulk;
/// the stored monthly figures built once; then <c>GET /api/v1/dashboard/participation</c> for the whole federation
/// (24 months) and for the largest union, the first call after start reported apart from the median.
/// </summary>
static class DashboardBench
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        Console.WriteLine($"dashboard benchmark: {o.Members:N0} members on {o.Database}, {o.Requests} requests per scope, load average {ListBench.LoadAverage()}");
        var settings = await o.FreshDatabaseAsync("dashboard");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string union;
        await using (var db = BenchOptions.Open(settings))
        {
            await Schema.MigrateAsync(db);
            var code = await DemoCommand.RunAsync(db, o.Members, TimeProvider.System, Console.Out, Console.Error, CancellationToken.None);
            if (code != 0) return code;
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var started = Stopwatch.GetTimestamp();
            await db.Assessments.ExecuteDeleteAsync();
            await AssessAsync(db, today);
            await AssignAsync(db, today);
            await TableStatistics.UpdateAsync(db, [db.Model.FindEntityType(typeof(Assessment))!.GetTableName()!, db.Model.FindEntityType(typeof(Assignment))!.GetTableName()!]);
            Console.WriteLine($"assessments: {await db.Assessments.LongCountAsync():N0}, assignments: {await db.Assignments.LongCountAsync():N0} " +
                $"({await db.Assignments.Select(a => a.MemberId).Distinct().CountAsync():N0} members) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
            started = Stopwatch.GetTimestamp();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await DashboardStore.RebuildAsync(db, today, TimeProvider.System);
            Console.WriteLine($"stored monthly figures built in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s " +
                $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU in this process): {await db.Set<DashboardCell>().CountAsync():N0} cells");
            union = await db.OrgUnits.Where(u => u.Kind.Code == "union").OrderByDescending(u => db.Members.Count(m => m.OrgUnit.Path.StartsWith(u.Path))).Select(u => u.Code).FirstAsync();
        }

        var app = RallyHost.Build(settings, ["--urls", "http://127.0.0.1:0"], b => b.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            string token;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RallyDb>();
                var officer = await CreateUser.RunAsync(scope.ServiceProvider, new CreateUser.Request("officer@bench.example", "Bench Officer", Roles.Officer, null, null), CancellationToken.None);
                (_, token) = await AccessTokens.IssueAsync(db, officer.User!.Id, "bench", TimeProvider.System);
            }
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var (label, query) in new[] { ("whole federation", ""), ($"union {union}", $"?scope={union}") })
            {
                var started = Stopwatch.GetTimestamp();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var last = await GetAsync(http, query);
                var coldMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var coldCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                var times = new double[o.Requests];
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < o.Requests; i++)
                {
                    started = Stopwatch.GetTimestamp();
                    last = await GetAsync(http, query);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / o.Requests;
                Array.Sort(times);
                using var json = JsonDocument.Parse(last);
                var points = json.RootElement.GetProperty("points");
                var now = points[points.GetArrayLength() - 1];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GET /api/v1/dashboard/participation{query} ({label}, {points.GetArrayLength()} months; {now.GetProperty("members").GetInt32():N0} members, " +
                    $"{now.GetProperty("participants").GetInt32():N0} holding a post = {now.GetProperty("share").GetDecimal():0.0000} in {now.GetProperty("month").GetString()}): " +
                    $"first call {coldMs:0.0} ms ({coldCpuMs:0} ms CPU); median {times[times.Length / 2]:0.0} ms, p95 {times[(int)Math.Ceiling(0.95 * times.Length) - 1]:0.0} ms, max {times[^1]:0.0} ms " +
                    $"over {o.Requests} requests; {cpuMs:0.0} ms of CPU per request in this process (client, server and, on SQLite, the database)   [required: median <= {(query == "" ? 300 : 100)} ms]"));
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

    static async Task<string> GetAsync(HttpClient http, string query)
    {
        using var response = await http.GetAsync("/api/v1/dashboard/participation" + query);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET dashboard answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Two engagement assessments per member: the first 700–101 days ago, the second 100–1 days ago, levels spread over 1–5.</summary>
    static async Task AssessAsync(RallyDb db, DateOnly today)
    {
        var entity = db.Model.FindEntityType(typeof(Assessment))!;
        var table = entity.GetTableName();
        var converter = entity.FindProperty(nameof(Assessment.AssessedAt))!.GetTypeMapping().Converter;
        var members = db.Model.FindEntityType(typeof(Member))!.GetTableName();
        foreach (var (daysAgo, span, factor) in new[] { (700, 600, 7), (100, 100, 13) })
        {
            var origin = new DateTimeOffset(today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            string when;
            if (db.IsPostgres)
                when = $"TIMESTAMPTZ '{origin:yyyy-MM-dd HH:mm:ss}+00' + ((m.\"Id\" * {factor}) % {span}) * INTERVAL '1 day'";
            else
            {
                var start = (long)converter!.ConvertToProvider(origin)!;
                var day = (long)converter.ConvertToProvider(origin.AddDays(1))! - start;
                when = $"{start} + ((m.\"Id\" * {factor}) % {span}) * {day}";
            }
            var sql = $"INSERT INTO \"{table}\" (\"MemberId\", \"ScaleId\", \"Level\", \"AssessedAt\", \"AssessedBy\", \"RecordedAt\") " +
                $"SELECT m.\"Id\", {AssessmentScale.EngagementId}, ((m.\"Id\" * {factor}) % 5) + 1, {when}, 'bench', {when} FROM \"{members}\" m";
            await db.Database.ExecuteSqlRawAsync(sql); // names from the EF model, numbers computed here
        }
    }

    /// <summary>A body with a post on each rung per union; first posts (rung 1–2) for a quarter of the members, later posts (rung 3–4) for one in twenty.</summary>
    static async Task AssignAsync(RallyDb db, DateOnly today)
    {
        var unions = await db.OrgUnits.Where(u => u.Kind.Code == "union").Select(u => u.Id).ToListAsync();
        var kind = await db.BodyKinds.Where(k => k.Code == "co-operative").Select(k => k.Id).FirstAsync();
        var rungs = await db.Rungs.OrderBy(r => r.Position).Select(r => r.Id).ToListAsync();
        var bodies = unions.Select(u => new Body { Name = $"Co-operative {u}", KindId = kind, OrgUnitId = u, CreatedAt = DateTimeOffset.UtcNow }).ToList();
        db.Bodies.AddRange(bodies);
        await db.SaveChangesAsync();
        var low = new List<Post>();
        var high = new List<Post>();
        foreach (var b in bodies)
        {
            low.Add(new Post { BodyId = b.Id, Title = "Supply duty", Seats = 100_000, RungId = rungs[0] });
            low.Add(new Post { BodyId = b.Id, Title = "Production supervisor", Seats = 100_000, RungId = rungs[1] });
        }
        db.Posts.AddRange(low);
        await db.SaveChangesAsync();
        foreach (var b in bodies)
        {
            high.Add(new Post { BodyId = b.Id, Title = "Control group member", Seats = 100_000, RungId = rungs[2] });
            high.Add(new Post { BodyId = b.Id, Title = "Commissar", Seats = 100_000, RungId = rungs[3] });
        }
        db.Posts.AddRange(high);
        await db.SaveChangesAsync();
        var (lowFirst, highFirst) = (low.Min(p => p.Id), high.Min(p => p.Id));
        var table = db.Model.FindEntityType(typeof(Assignment))!.GetTableName();
        var members = db.Model.FindEntityType(typeof(Member))!.GetTableName();
        var createdAt = db.Model.FindEntityType(typeof(Assignment))!.FindProperty(nameof(Assignment.CreatedAt))!.GetTypeMapping().Converter;
        var created = db.IsPostgres ? "now()" : ((long)createdAt!.ConvertToProvider(DateTimeOffset.UtcNow)!).ToString(CultureInfo.InvariantCulture);
        string Day(string daysAgo) => db.IsPostgres ? $"(DATE '{today:yyyy-MM-dd}' - ({daysAgo})::int)" : $"date('{today:yyyy-MM-dd}', '-' || ({daysAgo}) || ' days')";
        // First posts start 30–929 days ago; a third of them ended 60–359 days after they started (if that day has come).
        var start1 = "30 + (m.\"Id\" * 7) % 900";
        var end1 = $"CASE WHEN m.\"Id\" % 3 = 0 AND {start1} - (60 + m.\"Id\" % 300) > 0 THEN {Day($"{start1} - (60 + m.\"Id\" % 300)")} END";
        var sql = $"INSERT INTO \"{table}\" (\"PostId\", \"MemberId\", \"StartsOn\", \"EndsOn\", \"CreatedAt\", \"CreatedBy\", \"Version\") " +
            $"SELECT {lowFirst} + (m.\"Id\" / 4) % {low.Count}, m.\"Id\", {Day(start1)}, {end1}, {created}, 'bench', 0 FROM \"{members}\" m WHERE m.\"Id\" % 4 = 0";
        await db.Database.ExecuteSqlRawAsync(sql);
        // One in twenty moved up later, half-way between their first start and today.
        sql = $"INSERT INTO \"{table}\" (\"PostId\", \"MemberId\", \"StartsOn\", \"EndsOn\", \"CreatedAt\", \"CreatedBy\", \"Version\") " +
            $"SELECT {highFirst} + (m.\"Id\" / 20) % {high.Count}, m.\"Id\", {Day($"({start1}) / 2")}, NULL, {created}, 'bench', 0 FROM \"{members}\" m WHERE m.\"Id\" % 20 = 0";
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
