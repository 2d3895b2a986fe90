namespace Rally.IntegrationTests.Cli;

/// <summary><c>rally import members</c> and <c>rally import rollback</c>, run as a user would, on a SQLite data directory holding the demo structure.</summary>
public class ImportCliTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Header = "membership_number,given_name,middle_name,family_name,email,phone,date_of_birth,category,trade,org_unit,workplace,status,joined_on\n";

    static async Task<string> DemoStructureAsync(string work)
    {
        var data = Path.Combine(work, "data");
        var demo = await RallyCli.RunAsync(["demo", "--members", "0", "--data", data], Ct, work);
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        return data;
    }

    [Fact]
    public async Task Import_reports_counts_writes_rejected_rows_beside_the_file_and_rolls_back()
    {
        var work = Directory.CreateTempSubdirectory("rally-cli-import-").FullName;
        try
        {
            var data = await DemoStructureAsync(work);
            var file = Path.Combine(work, "members.csv");
            await File.WriteAllTextAsync(file, Header +
                "K-001,Klavdia,,Nikolaeva,,,1890-01-01,proletarian,weaver,TEXTILE-MOSCOW-1,,,\n" +
                "K-002,Bad,,Unit,,,,proletarian,,NOWHERE,,,\n" +
                "K-003,Semyon,,Kanatchikov,,,,proletarian,,TEXTILE-MOSCOW-1,,,\n", Ct);

            var run = await RallyCli.RunAsync(["import", "members", file, "--data", data], Ct, work);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("Import 1 of members.csv:", run.Stdout);
            Assert.Contains("read 3, inserted 2, updated 0, unchanged 0, rejected 1, sent to review 0", run.Stdout);
            Assert.Contains("row 2, org_unit: unknown org unit 'NOWHERE'", run.Stdout);
            var rejected = file + ".rejected.csv";
            Assert.Contains($"Rejected rows: {rejected}", run.Stdout);
            var lines = (await File.ReadAllLinesAsync(rejected, Ct)).Select(l => l.TrimStart('\uFEFF')).ToArray();
            Assert.Equal([Header.TrimEnd('\n') + ",row_number,column,reason", "K-002,Bad,,Unit,,,,proletarian,,NOWHERE,,,,2,org_unit,unknown org unit 'NOWHERE'"], lines);
            // Standard error is not a terminal here: progress comes as plain lines, never a stack trace.
            Assert.All(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("import: ", l));

            var dry = await RallyCli.RunAsync(["import", "members", file, "--dry-run", "--data", data], Ct, work);
            Assert.Contains("Dry run of members.csv: nothing written.", dry.Stdout);
            Assert.Contains("inserted 0, updated 0, unchanged 2, rejected 1", dry.Stdout);

            var rollback = await RallyCli.RunAsync(["import", "rollback", "1", "--data", data], Ct, work);
            Assert.True(rollback.ExitCode == 0, rollback.Stderr);
            Assert.Contains("Import 1 rolled back: 2 inserted members removed, 0 updated members restored.", rollback.Stdout);
            var again = await RallyCli.RunAsync(["import", "rollback", "1", "--data", data], Ct, work);
            Assert.Equal(1, again.ExitCode);
            RallyCli.AssertOneClearLine(again);

            // After the rollback the same file inserts again.
            var reimport = await RallyCli.RunAsync(["import", "members", file, "--data", data], Ct, work);
            Assert.Contains("Import 2 of members.csv:", reimport.Stdout);
            Assert.Contains("inserted 2", reimport.Stdout);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Fatal_problems_are_one_line_a_failure_exit_code_and_nothing_written()
    {
        var work = Directory.CreateTempSubdirectory("rally-cli-import-").FullName;
        try
        {
            var data = await DemoStructureAsync(work);
            var noFamily = Path.Combine(work, "no-family.csv");
            await File.WriteAllTextAsync(noFamily, "membership_number,given_name,category,org_unit\nK-100,Nameless,proletarian,TEXTILE-MOSCOW-1\n", Ct);
            var good = Path.Combine(work, "good.csv");
            await File.WriteAllTextAsync(good, Header + "K-101,Good,,Row,,,,proletarian,,TEXTILE-MOSCOW-1,,,\n", Ct);

            foreach (var args in new[]
            {
                new[] { "import", "members", Path.Combine(work, "missing.csv") },
                ["import", "members", noFamily],
                ["import", "members", good, "--encoding", "klingon-8"],
                ["import", "members", good, "--map", "given_name=shoe_size"],
                ["import", "members", good, "--map", "nonsense"],
                ["import", "members", good, "--into", "NOWHERE"],
            })
            {
                var run = await RallyCli.RunAsync([.. args, "--data", data], Ct, work);
                Assert.True(run.ExitCode != 0, $"{string.Join(' ', args)}: exit 0\n{run.Stdout}");
                RallyCli.AssertOneClearLine(run);
                Assert.Equal("", run.Stdout);
            }
            var first = await RallyCli.RunAsync(["import", "members", good, "--data", data], Ct, work);
            // Nothing before was written: this is the first batch.
            Assert.Contains("Import 1 of good.csv:", first.Stdout);
            Assert.False(File.Exists(good + ".rejected.csv"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
