using System.Diagnostics;

namespace Rally.IntegrationTests.Cli;

/// <summary>The built <c>rally</c> executable, run as a user would run it.</summary>
public class CliTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Help_describes_every_verb_and_exits_0()
    {
        var run = await RallyCli.RunAsync(["--help"], Ct);
        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "serve", "migrate", "demo", "users", "tokens", "--database", "--connection", "--data" })
            Assert.Contains(verb, run.Stdout);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("migrate", "--bogus")]
    [InlineData("users", "create", "--email", "a@example.org", "--name", "A", "--role", "king")]
    [InlineData("users", "create", "--name", "A", "--role", "viewer")]
    [InlineData("demo", "--members", "many")]
    public async Task A_wrong_option_is_one_line_on_stderr_and_exit_code_2(params string[] args)
    {
        var run = await RallyCli.RunAsync(args, Ct);
        Assert.Equal(2, run.ExitCode);
        RallyCli.AssertOneClearLine(run);
    }

    [Theory]
    [InlineData(2, "audit", "verify")]
    [InlineData(1, "export", "members")]
    public async Task A_verb_that_only_reads_refuses_a_data_directory_without_a_database_and_makes_none(int exitCode, params string[] args)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rally-none-" + Guid.NewGuid().ToString("N"));
        var run = await RallyCli.RunAsync([.. args, "--data", dir], Ct);
        Assert.Equal(exitCode, run.ExitCode);
        RallyCli.AssertOneClearLine(run);
        Assert.Contains("no Rally database", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "rally.db")));
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("migrate", "--database", "postgres", "--connection", "Host=;;;=bad")]
    [InlineData("--database", "postgres", "--connection", "Host=;;;=bad")]
    [InlineData("migrate", "--database", "postgres")]
    [InlineData("migrate", "--database", "oracle")]
    public async Task Bad_database_settings_are_one_clear_line_and_a_failure_exit_code(params string[] args)
    {
        var run = await RallyCli.RunAsync(args, Ct);
        Assert.NotEqual(0, run.ExitCode);
        RallyCli.AssertOneClearLine(run);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_server_is_one_clear_line()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var run = await RallyCli.RunAsync(["migrate", "--database", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=rally;Password=x;Timeout=5"], Ct);
        Assert.NotEqual(0, run.ExitCode);
        RallyCli.AssertOneClearLine(run);
        Assert.Contains("cannot use the database", run.Stderr);
    }

    [Fact]
    public async Task Migrate_creates_the_SQLite_database_in_the_data_directory()
    {
        var work = Directory.CreateTempSubdirectory("rally-cli-").FullName;
        try
        {
            var data = Path.Combine(work, "data");
            var run = await RallyCli.RunAsync(["migrate", "--data", data], Ct, work);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.True(File.Exists(Path.Combine(data, "rally.db")), $"no rally.db in {data}");
            Assert.Contains("Schema is up to date", run.Stdout);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

static class RallyCli
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>The rally.dll the solution build produced for this configuration; beside the tests as a fallback.</summary>
    static string Executable()
    {
        var here = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(here).Parent?.Name ?? "Debug"; // .../bin/{Configuration}/net10.0/
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Rally.slnx"))) continue;
            var built = Path.Combine(dir.FullName, "src", "Rally", "bin", configuration, "net10.0", "rally.dll");
            if (File.Exists(built)) return built;
            break;
        }
        var beside = Path.Combine(here, "rally.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("rally.dll not found: build the solution first");
    }

    /// <summary>Runs rally with <paramref name="args"/> and no standard input, in <paramref name="workDir"/> or a fresh directory removed afterwards.</summary>
    public static async Task<Run> RunAsync(string[] args, CancellationToken ct, string? workDir = null)
    {
        var work = workDir ?? Directory.CreateTempSubdirectory("rally-cli-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            start.ArgumentList.Add(Executable());
            foreach (var a in args) start.ArgumentList.Add(a);
            // The caller's environment must not choose the database for these tests.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Rally__", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(key);
            start.Environment["DOTNET_NOLOGO"] = "1";

            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
            guard.CancelAfter(TimeSpan.FromMinutes(2)); // against a hang, not a speed check
            try
            {
                await process.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"rally {string.Join(' ', args)} did not exit");
            }
            return new Run(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (workDir is null) Directory.Delete(work, recursive: true);
        }
    }

    public static void AssertOneClearLine(Run run)
    {
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{run.Stderr}");
        Assert.StartsWith("rally: ", lines[0]);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }
}
