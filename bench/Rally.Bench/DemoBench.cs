using System.Diagnostics;
using System.Globalization;
using Rally.Data;
using Rally.Data.Bulk;
using Rally.Data.Demo;
using Microsoft.EntityFrameworkCore;

namespace Rally.Bench;

/// <summary>
/// Measures, in one run and each on a fresh database:
/// (a) <c>rally demo --members N</c> (DemoCommand: structure, generator, bulk writer, commit);
/// (b) a bare bulk insert of the same rows into the same tables with their indexes in place: the
///     rows are generated beforehand and only the inserts (prepared statement / COPY) are timed;
/// (c) the same as (b) but with the writer's empty-table strategy, which is what (a) does: member
///     indexes built at the end, foreign keys checked once at the end (dropped and re-added on
///     PostgreSQL, suspended and then checked on SQLite), so that (a)/(c) is the cost of generating.
/// </summary>
static class DemoBench
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        Console.WriteLine($"demo benchmark: {o.Members:N0} members on {o.Database}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        var a = await o.FreshDatabaseAsync("demo");
        double demoSeconds, demoCpu;
        await using (var db = BenchOptions.Open(a))
        {
            await Schema.MigrateAsync(db);
            var server = await ServerCpu.OpenAsync(db);
            var cpu = Cpu() + server.Seconds();
            var started = Stopwatch.GetTimestamp();
            var code = await DemoCommand.RunAsync(db, o.Members, TimeProvider.System, Console.Out, Console.Error, CancellationToken.None);
            demoSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            demoCpu = Cpu() + server.Seconds() - cpu;
            if (code != 0) return code;
        }
        var demoRate = o.Members / demoSeconds;
        Report("(a) rally demo --members N (whole command)", o.Members, demoSeconds, demoCpu, null);

        var (bareSeconds, bareCpu, rows) = await BareAsync(o, "bare", deferIndexes: false);
        var bareRate = o.Members / bareSeconds;
        Report("(b) bare insert, indexes and keys in place", o.Members, bareSeconds, bareCpu, rows);

        var (writerSeconds, writerCpu, _) = await BareAsync(o, "writer", deferIndexes: true);
        var writerRate = o.Members / writerSeconds;
        Report("(c) bare insert, indexes and keys after", o.Members, writerSeconds, writerCpu, rows);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio (a)/(b) = {demoRate / bareRate:0.00}, (a)/(c) = {demoRate / writerRate:0.00}   [required: (a) >= 50,000 members/s and >= half the bare rate]"));
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    static void Report(string what, int members, double seconds, double cpu, long? rows) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-44} {seconds,7:0.00} s  {members / seconds,9:N0} members/s{(rows is { } r ? $"  ({r:N0} rows in 4 tables, {r / seconds:N0} rows/s)" : "")}  [CPU {cpu:0.00} s: this process + its PostgreSQL backend]"));

    /// <summary>The structure saved untimed, every row generated up front, then only the writer timed (through its commit).</summary>
    static async Task<(double Seconds, double Cpu, long Rows)> BareAsync(BenchOptions o, string name, bool deferIndexes)
    {
        var settings = await o.FreshDatabaseAsync(name);
        await using var db = BenchOptions.Open(settings);
        await Schema.MigrateAsync(db);
        // (c) takes the demo command's whole empty-database strategy, SQLite's foreign keys checked once at the end included.
        await using var foreignKeys = deferIndexes ? await SqliteForeignKeys.SuspendAsync(db) : null;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var plan = DemoPlan.Build(DemoCommand.Seed);
        await DemoStructure.SaveAsync(db, plan, CancellationToken.None);
        // Dropping the indexes of an empty table (when deferring) takes no time; it stays outside the timing.
        await using var bulk = await MemberBulkInsert.BeginAsync(db, deferIndexes: deferIndexes);
        var generator = new DemoMembers(plan, DemoCommand.Seed, o.Members, bulk.Next);
        var batches = new List<MemberRows>();
        for (var rows = new MemberRows(8192); generator.Fill(rows, 8192) > 0; rows = new MemberRows(8192))
            batches.Add(rows);
        var total = batches.Sum(r => (long)r.Members.Count + r.StatusChanges.Count + r.Admissions.Count + r.Affirmations.Count);
        GC.Collect();

        var server = await ServerCpu.OpenAsync(db);
        var cpu = Cpu() + server.Seconds();
        var started = Stopwatch.GetTimestamp();
        foreach (var rows in batches)
            bulk.Write(rows);
        await bulk.CompleteAsync("bench", plan.Root.Path, TimeProvider.System);
        await transaction.CommitAsync();
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, Cpu() + server.Seconds() - cpu, total);
    }

    /// <summary>The generator alone, without a database: how much of (a) is not the writer.</summary>
    public static int Generate(BenchOptions o)
    {
        var plan = DemoPlan.Build(DemoCommand.Seed);
        plan.AssignIdsInMemory();
        var before = Cpu();
        var started = Stopwatch.GetTimestamp();
        var generator = new DemoMembers(plan, DemoCommand.Seed, o.Members, new MemberBulkInsert.Ids(1, 1, 1, 1));
        var rows = new MemberRows(8192);
        long total = 0;
        while (generator.Fill(rows, 8192) > 0)
        {
            total += rows.StatusChanges.Count;
            rows.Clear();
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generator alone: {o.Members:N0} members ({total:N0} status changes) in {seconds:0.00} s wall, {Cpu() - before:0.00} s CPU = {o.Members / seconds:N0} members/s"));
        return 0;
    }

    /// <summary>CPU time of the PostgreSQL backend serving the context's connection, when the server runs on this machine.</summary>
    sealed class ServerCpu(int? pid)
    {
        public static async Task<ServerCpu> OpenAsync(RallyDb db)
        {
            if (!db.IsPostgres) return new(null);
            await db.Database.OpenConnectionAsync();
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = "SELECT pg_backend_pid()";
            return new(Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        }

        public double Seconds()
        {
            var stat = $"/proc/{pid}/stat";
            if (pid is null || !File.Exists(stat)) return 0;
            var fields = File.ReadAllText(stat).Split(") ")[1].Split(' ');
            // utime and stime (fields 14 and 15 of stat, counted after the command name), in clock ticks of 1/100 s.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
    }

    static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
