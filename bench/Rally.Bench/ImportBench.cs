using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Data.Bulk;
using Rally.Data.Demo;
using Rally.Features.Imports;
using Rally.Features.Members;

namespace Rally.Bench;

/// <summary>
/// Measures, in one run:
/// (1) an import of an N-row canonical CSV (deterministic: the demo generator's members, half with
///     an e-mail, a third with a phone) into an empty federation (the demo structure, no members);
/// (2) an import of a second file: the same rows with 10% changed (trade) plus 10% new members;
/// (3) a bare bulk insert (MemberBulkInsert, nothing else timed) of the same rows the first import
///     writes — each member and its one status change — into a fresh database with the same structure.
/// Peak memory (Process.PeakWorkingSet64) is taken after the imports, before the bare insert.
/// </summary>
static class ImportBench
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        Console.WriteLine($"import benchmark: {o.Members:N0} members on {o.Database}, {Environment.ProcessorCount} cores, load average {DemoBench.LoadAverage()}");
        var dir = Path.Combine(Path.GetTempPath(), "rally-bench", "import-files");
        Directory.CreateDirectory(dir);
        var first = Path.Combine(dir, $"members-{o.Members}.csv");
        var second = Path.Combine(dir, $"members-{o.Members}-second.csv");

        var settings = await o.FreshDatabaseAsync("import");
        long read1, read2;
        double seconds1, seconds2;
        await using (var db = BenchOptions.Open(settings))
        {
            await Schema.MigrateAsync(db);
            var plan = DemoPlan.Build(DemoCommand.Seed);
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                await DemoStructure.SaveAsync(db, plan, CancellationToken.None);
                await tx.CommitAsync();
            }
            var started = Stopwatch.GetTimestamp();
            var written = await WriteFilesAsync(db, plan, o.Members, first, second);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"files: {first} ({new FileInfo(first).Length / 1048576.0:0.0} MB, {written.First:N0} rows), {second} ({new FileInfo(second).Length / 1048576.0:0.0} MB, {written.Second:N0} rows), written in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
            db.ChangeTracker.Clear();

            (read1, seconds1) = await ImportAsync(db, first);
            (read2, seconds2) = await ImportAsync(db, second);
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        var (bareRows, bareSeconds) = await BareAsync(o);
        var bare = bareRows / bareSeconds;
        var rate1 = read1 / seconds1;
        var rate2 = read2 / seconds2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            (3) bare bulk insert of the same members    {bareSeconds,7:0.00} s  {bare,9:N0} rows/s
            ratio (1)/(3) = {rate1 / bare:0.00}, (2)/(3) = {rate2 / bare:0.00}
            peak working set during the imports: {peak / 1048576.0:N0} MB
            [required: >= 50,000 rows/s, >= 0.5 of the bare rate, peak < 500 MB]
            load average after: {DemoBench.LoadAverage()}
            """));
        return 0;

        async Task<(long Read, double Seconds)> ImportAsync(RallyDb db, string path)
        {
            GC.Collect();
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var started = Stopwatch.GetTimestamp();
            var outcome = await MemberImport.RunAsync(db, ImportActor.Full("bench"), file, new ImportOptions(Path.GetFileName(path)), null, CancellationToken.None);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (!outcome.Succeeded) throw new InvalidOperationException($"import failed: {outcome.Detail} {string.Join("; ", outcome.Errors?.ToDictionary().SelectMany(e => e.Value) ?? [])}");
            var s = outcome.Value!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"({(path == first ? 1 : 2)}) import {Path.GetFileName(path),-28} {seconds,7:0.00} s  {s.Read / seconds,9:N0} rows/s  (read {s.Read:N0}: inserted {s.Inserted:N0}, updated {s.Updated:N0}, unchanged {s.Unchanged:N0}, rejected {s.Rejected:N0}, review {s.SentToReview:N0})"));
            if (s.Rejected > 0) Console.WriteLine("    first rejection: " + s.Rejections[0]);
            return (s.Read, seconds);
        }
    }

    /// <summary>The demo generator's members as canonical rows: codes for units and categories, joined_on from the history.</summary>
    static async Task<(long First, long Second)> WriteFilesAsync(RallyDb db, DemoPlan plan, int members, string first, string second)
    {
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code);
        await using var a = new StreamWriter(first, false, new UTF8Encoding(false), 1 << 16);
        await using var b = new StreamWriter(second, false, new UTF8Encoding(false), 1 << 16);
        var header = string.Join(',', MemberCsv.Columns);
        a.WriteLine(header);
        b.WriteLine(header);
        var generator = new DemoMembers(plan, DemoCommand.Seed, members, new MemberBulkInsert.Ids(1, 1, 1, 1));
        var rows = new MemberRows(8192);
        var joined = new Dictionary<int, DateOnly>();
        var fresh = new List<string>();
        long n = 0, extra = 0;
        var line = new StringBuilder();
        while (generator.Fill(rows, 8192) > 0)
        {
            joined.Clear();
            foreach (ref readonly var s in rows.StatusChanges.AsSpan())
                if (s.ToStatus == MemberRules.Active) joined.TryAdd(s.MemberId, s.EffectiveOn);
            foreach (ref readonly var m in rows.Members.AsSpan())
            {
                n++;
                var email = n % 2 == 0 ? m.MembershipNumber.ToLowerInvariant() + "@example.org" : null;
                var phone = n % 3 == 0 ? string.Create(CultureInfo.InvariantCulture, $"+7 9{n:D9}") : null;
                var join = joined.TryGetValue(m.Id, out var j) ? j : (DateOnly?)null;
                var row = Line(line, m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName, email, phone, m.DateOfBirth, categories[m.CategoryId], m.Trade,
                    units[m.OrgUnitId], m.WorkplaceId is { } w ? units[w] : null, m.Status, join);
                a.WriteLine(row);
                // The second file: every tenth member changed, and one new member for every ten.
                b.WriteLine(n % 10 == 0
                    ? Line(line, m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName, email, phone, m.DateOfBirth, categories[m.CategoryId], (m.Trade ?? "worker") + " (senior)",
                        units[m.OrgUnitId], m.WorkplaceId is { } w2 ? units[w2] : null, m.Status, join)
                    : row);
                if (n % 10 == 5)
                {
                    extra++;
                    b.WriteLine(Line(line, "N-" + m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName, email is null ? null : "new." + email,
                        phone is null ? null : string.Create(CultureInfo.InvariantCulture, $"+7 8{n:D9}"), m.DateOfBirth?.AddDays(-1), categories[m.CategoryId], m.Trade,
                        units[m.OrgUnitId], m.WorkplaceId is { } w3 ? units[w3] : null, MemberRules.Active, join));
                }
            }
            rows.Clear();
        }
        return (n, n + extra);
    }

    static string Line(StringBuilder s, string number, string given, string? middle, string family, string? email, string? phone, DateOnly? born,
        string category, string? trade, string unit, string? workplace, string status, DateOnly? joined)
    {
        s.Clear();
        s.Append(number).Append(',').Append(Rally.Features.Imports.CsvRowReader.Quote(given)).Append(',').Append(Rally.Features.Imports.CsvRowReader.Quote(middle)).Append(',')
            .Append(Rally.Features.Imports.CsvRowReader.Quote(family)).Append(',').Append(email).Append(',').Append(phone).Append(',')
            .Append(born?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(category).Append(',')
            .Append(Rally.Features.Imports.CsvRowReader.Quote(trade)).Append(',').Append(unit).Append(',').Append(workplace).Append(',').Append(status).Append(',')
            .Append(joined?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return s.ToString();
    }

    /// <summary>
    /// The rows the first import writes — each member (as the demo generator made it) and one
    /// status change — through MemberBulkInsert into an empty member table with the same
    /// strategy the import gets (indexes built at the end). Rows are made between writes and only
    /// the writes and the commit are timed.
    /// </summary>
    static async Task<(long Rows, double Seconds)> BareAsync(BenchOptions o)
    {
        var settings = await o.FreshDatabaseAsync("importbare");
        await using var db = BenchOptions.Open(settings);
        await Schema.MigrateAsync(db);
        await using var foreignKeys = await SqliteForeignKeys.SuspendAsync(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var plan = DemoPlan.Build(DemoCommand.Seed);
        await DemoStructure.SaveAsync(db, plan, CancellationToken.None);
        await using var bulk = await MemberBulkInsert.BeginAsync(db);
        var generator = new DemoMembers(plan, DemoCommand.Seed, o.Members, bulk.Next);
        var generated = new MemberRows(8192);
        var rows = new MemberRows(8192);
        var now = DateTimeOffset.UtcNow;
        long n = 0, change = bulk.Next.StatusChange;
        var timed = TimeSpan.Zero;
        while (generator.Fill(generated, 8192) > 0)
        {
            var first = new Dictionary<int, DateOnly>();
            foreach (ref readonly var s in generated.StatusChanges.AsSpan()) first.TryAdd(s.MemberId, s.EffectiveOn);
            foreach (ref readonly var m in generated.Members.AsSpan())
            {
                n++;
                ref var r = ref rows.Members.Add();
                r = m;
                r.Email = n % 2 == 0 ? m.MembershipNumber.ToLowerInvariant() + "@example.org" : null;
                r.Phone = n % 3 == 0 ? string.Create(CultureInfo.InvariantCulture, $"+7 9{n:D9}") : null;
                r.Address = null;
                ref var c = ref rows.StatusChanges.Add();
                c.Id = change++;
                c.MemberId = m.Id;
                c.ToStatus = m.Status;
                c.EffectiveOn = first.GetValueOrDefault(m.Id, m.StatusSince);
                c.Reason = "import 1";
                c.RecordedBy = "bench";
                c.RecordedAt = now;
            }
            generated.Clear();
            var started = Stopwatch.GetTimestamp();
            bulk.Write(rows);
            timed += Stopwatch.GetElapsedTime(started);
            rows.Clear();
        }
        var completing = Stopwatch.GetTimestamp();
        await bulk.CompleteAsync("bench", plan.Root.Path, TimeProvider.System);
        await transaction.CommitAsync();
        timed += Stopwatch.GetElapsedTime(completing);
        return (n, timed.TotalSeconds);
    }
}
