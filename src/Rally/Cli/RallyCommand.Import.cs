using System.CommandLine;
using System.Globalization;
using Rally.Data;
using Rally.Features.Imports;

namespace Rally.Cli;

/// <summary><c>rally import members FILE</c> and <c>rally import rollback BATCH_ID</c>: the CLI acts with full access, as <c>cli:USER</c>.</summary>
public static partial class RallyCommand
{
    static Command ImportVerb()
    {
        var file = new Argument<string>("FILE") { Description = "The CSV file (canonical columns: " + string.Join(",", Features.Members.MemberCsv.Columns) + ")" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and match every row; write nothing" };
        var into = new Option<string?>("--into") { Description = "Org unit code: rows without org_unit go there; rows outside it are rejected" };
        var encoding = new Option<string?>("--encoding") { Description = "File encoding when it has no byte order mark: utf-8 (default), utf-16, windows-1251, ..." };
        var map = new Option<string[]>("--map") { Description = "SOURCE=FIELD: read the file's column SOURCE as the canonical FIELD (- to ignore it); repeatable", AllowMultipleArgumentsPerToken = true };
        var members = new Command("members", "Import members from a CSV file: validated, matched to existing members, recorded as a batch that can be rolled back")
            { file, dryRun, into, encoding, map };
        members.SetAction(async (p, ct) =>
        {
            var path = p.GetValue(file)!;
            var pairs = new Dictionary<string, string>();
            foreach (var m in p.GetValue(map) ?? [])
            {
                var eq = m.IndexOf('=');
                if (eq <= 0) return Fail($"--map {m}: expected SOURCE=FIELD", Usage);
                pairs[m[..eq]] = m[(eq + 1)..];
            }
            if (MemberImport.EncodingFor(p.GetValue(encoding)) is null) return Fail($"unknown encoding '{p.GetValue(encoding)}' (try utf-8, utf-16 or windows-1251)", Failed);
            FileStream input;
            try { input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return Fail($"cannot read {path}: {e.Message}", Failed);
            }
            await using var _ = input;
            await using var host = await OpenAsync(p, ct);
            var options = new ImportOptions(path, p.GetValue(dryRun), p.GetValue(into), p.GetValue(encoding), pairs);
            var (rejectedPath, rejected) = OpenRejected(path);
            try
            {
                return await host.RunAsync(async (db, sp) =>
                {
                    var bar = new ProgressBar();
                    var outcome = await MemberImport.RunAsync(db, ImportActor.Full("cli:" + Environment.UserName), input, options, bar, ct, rejected);
                    bar.Done();
                    if (!outcome.Succeeded)
                        return Fail(outcome.Errors is { } errors ? string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)) : outcome.Detail ?? "import failed", Failed);
                    var s = outcome.Value!;
                    await rejected.DisposeAsync();
                    Console.WriteLine(s.DryRun ? $"Dry run of {s.FileName}: nothing written." : $"Import {s.BatchId} of {s.FileName}:");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  read {s.Read}, inserted {s.Inserted}, updated {s.Updated}, unchanged {s.Unchanged}, rejected {s.Rejected}, sent to review {s.SentToReview} in {s.Elapsed.TotalSeconds:0.0} s ({(s.Read / Math.Max(s.Elapsed.TotalSeconds, 0.001)):0} rows/s)"));
                    foreach (var r in s.Rejections.Take(10))
                        Console.WriteLine($"  row {r.RowNumber}{(string.IsNullOrEmpty(r.Column) ? "" : $", {r.Column}")}: {r.Reason}");
                    if (s.Rejected > 10) Console.WriteLine($"  ... and {s.Rejected - 10} more");
                    if (s.Rejected > 0) Console.WriteLine($"Rejected rows: {rejectedPath}");
                    else File.Delete(rejectedPath);
                    if (s.BatchId is { } id) Console.WriteLine($"Undo with: rally import rollback {id}");
                    return Ok;
                });
            }
            finally
            {
                await rejected.DisposeAsync();
                if (File.Exists(rejectedPath) && new FileInfo(rejectedPath).Length == 0) File.Delete(rejectedPath);
            }
        });

        var batch = new Argument<int>("BATCH_ID") { Description = "The import's number (printed by rally import members)" };
        var rollback = new Command("rollback", "Undo an import: restore the members it updated, remove the members it inserted") { batch };
        rollback.SetAction(async (p, ct) =>
        {
            await using var host = await OpenAsync(p, ct);
            return await host.RunAsync(async (db, _) =>
            {
                var outcome = await ImportRollback.RunAsync(db, ImportActor.Full("cli:" + Environment.UserName), p.GetValue(batch), ct);
                if (!outcome.Succeeded) return Fail(outcome.Detail ?? "rollback failed", Failed);
                var b = outcome.Value!;
                Console.WriteLine($"Import {b.Id} rolled back: {b.Inserted} inserted members removed, {b.Updated} updated members restored.");
                return Ok;
            });
        });
        return new Command("import", "Import members from CSV, or roll an import back") { members, rollback };
    }

    /// <summary>FILE.rejected.csv beside the input, or in the current directory when that is not writable.</summary>
    static (string Path, StreamWriter Writer) OpenRejected(string input)
    {
        var name = Path.GetFileName(input) + ".rejected.csv";
        foreach (var dir in new[] { Path.GetDirectoryName(Path.GetFullPath(input)) ?? ".", Directory.GetCurrentDirectory() })
        {
            var path = Path.Combine(dir, name);
            try { return (path, new StreamWriter(path, false, new System.Text.UTF8Encoding(true))); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        var temp = Path.Combine(Path.GetTempPath(), name);
        return (temp, new StreamWriter(temp, false, new System.Text.UTF8Encoding(true)));
    }

    /// <summary>A bar redrawn in place when standard error is a terminal; otherwise a plain line every few seconds.</summary>
    sealed class ProgressBar : IProgress<ImportProgress>
    {
        readonly bool terminal = !Console.IsErrorRedirected;
        readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? last;
        bool drawn;

        public void Report(ImportProgress p)
        {
            var every = terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
            if (last is { } l && clock.Elapsed - l < every) return;
            last = clock.Elapsed;
            var rate = p.RowsRead / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var text = string.Create(CultureInfo.InvariantCulture, $"{p.RowsRead:N0} rows, {p.BytesRead / 1048576.0:0.0} MB, {rate:N0} rows/s");
            if (p.TotalBytes is > 0 and var total)
            {
                var share = Math.Clamp((double)p.BytesRead / total, 0, 1);
                var width = 30;
                var filled = (int)(share * width);
                text = $"[{new string('#', filled)}{new string('.', width - filled)}] {share,4:P0} " + text;
            }
            if (terminal) { Console.Error.Write("\r" + text + "   "); drawn = true; }
            else Console.Error.WriteLine("import: " + text);
        }

        public void Done()
        {
            if (drawn) Console.Error.WriteLine();
        }
    }
}
