namespace Rally.IntegrationTests.Cli;

/// <summary><c>rally apportion</c> as a researcher runs it: a CSV in, name,seats out, no database anywhere.</summary>
public class ApportionCliTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<RallyCli.Run> Apportion(string csv, params string[] args)
    {
        var work = Directory.CreateTempSubdirectory("rally-apportion-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(work, "table.csv"), csv, Ct);
            var run = await RallyCli.RunAsync(["apportion", .. args, "table.csv"], Ct, work);
            // No database is created or needed.
            Assert.False(Directory.Exists(Path.Combine(work, "data")), "apportion must not open a database");
            return run;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    const string Council = "name,count\nMetal,610\nTextile,290\nPoor Peasants,500\n";

    [Fact]
    public async Task Prints_name_seats_in_input_order_and_exits_0()
    {
        var run = await Apportion(Council, "--method", "dhondt", "--seats", "8");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("name,seats\nMetal,4\nTextile,1\nPoor Peasants,3\n", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("Poor Peasants=1/4")]
    [InlineData("Poor Peasants=0.25")]
    public async Task A_share_cap_binds_and_explain_shows_where_the_seats_went(string cap)
    {
        var run = await Apportion(Council, "--method", "dhondt", "--seats", "8", "--max-share", cap, "--explain");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("name,seats\nMetal,4\nTextile,2\nPoor Peasants,2\n", run.Stdout);
        Assert.Contains("Seat 7: Poor Peasants has the highest quotient (166.6666) but holds its cap of 2 seats; the seat goes on to Metal.", run.Stderr);
        Assert.Contains("Seat 8: Textile, quotient 145 (290 ÷ 2).", run.Stderr);
    }

    [Fact]
    public async Task Eligible_column_and_quota_threshold()
    {
        var run = await Apportion("name,count,eligible\nA,60,true\nB,30,false\nC,9,\nD,1,true\n", "--method", "hamilton", "--seats", "10", "--threshold-quota");
        Assert.True(run.ExitCode == 0, run.Stderr);
        // B ineligible; total 100, quota 10: C (9) and D (1) excluded; A takes all 10.
        Assert.Equal("name,seats\nA,10\nB,0\nC,0\nD,0\n", run.Stdout);
    }

    [Fact]
    public async Task A_tie_prints_the_tie_and_exits_3()
    {
        var run = await Apportion("name,count\nA,200\nB,100\n", "--method", "dhondt", "--seats", "2");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("tie for seat 2 between A, B", run.Stderr);
    }

    [Fact]
    public async Task A_tie_rule_decides_the_tie()
    {
        var run = await Apportion("name,count\nA,200\nB,100\n", "--method", "dhondt", "--seats", "2", "--tie-rule", "larger-count");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("name,seats\nA,2\nB,0\n", run.Stdout);
    }

    [Theory]
    [InlineData("nom,count\nA,1\n", "header", "--method", "dhondt", "--seats", "2")]
    [InlineData("name,count\nA,-5\n", "negative", "--method", "dhondt", "--seats", "2")]
    [InlineData("name,count\nA,1.5\n", "not a whole number", "--method", "dhondt", "--seats", "2")]
    [InlineData("name,count\nA,1\nA,2\n", "appears twice", "--method", "dhondt", "--seats", "2")]
    [InlineData("name,count\nA,1\nB,2\n", "more than the 3 seats", "--method", "dhondt", "--seats", "3", "--min-seats", "2")]
    [InlineData("name,count\nA,1\nB,2\n", "not one of the constituencies", "--method", "dhondt", "--seats", "3", "--max-seats", "C=1")]
    [InlineData("name,count\nA,1\nB,2\n", "cannot all be filled", "--method", "dhondt", "--seats", "3", "--max-seats", "A=1", "--max-seats", "B=1")]
    [InlineData("name,count\nA,1\nB,2\n", "NAME=FRACTION", "--method", "dhondt", "--seats", "3", "--max-share", "A=a quarter")]
    [InlineData("name,count\nA,1\nB,2\n", "between 0 and 1", "--method", "dhondt", "--seats", "3", "--max-share", "A=5/4")]
    [InlineData("name,count\nA,1\nB,2\n", "Must be one of", "--method", "borda", "--seats", "3")]
    public async Task Bad_input_is_one_clear_line_and_exit_2(string csv, string reason, params string[] args)
    {
        var run = await Apportion(csv, args);
        Assert.Equal(2, run.ExitCode);
        RallyCli.AssertOneClearLine(run);
        Assert.Contains(reason, run.Stderr);
        Assert.Equal("", run.Stdout);
    }
}
