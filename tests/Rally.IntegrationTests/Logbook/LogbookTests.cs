using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;
using Rally.IntegrationTests.Cli;
using LogbookChain = Rally.Features.Logbook.Logbook;

namespace Rally.IntegrationTests.Logbook;

/// <summary>The tamper-evident logbook on a real database: rows altered or removed behind Rally's back are found and named.</summary>
public class LogbookTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task AppendAsync(RallyDb db, int count, string tag)
    {
        for (var i = 0; i < count; i++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await LogbookChain.AppendAsync(db, "decision-recorded", "Decision", i + 1, $$"""{"decision":{{i + 1}},"title":"{{tag}} {{i}}"}""", Ct);
            await db.SaveChangesAsync(Ct);
            await tx.CommitAsync(Ct);
        }
    }

    /// <summary>Runs SQL behind Rally's back (the table name comes from the model, not from input).</summary>
    static Task<int> Tamper(RallyDb db, string sql, params object[] values) => db.Database.ExecuteSqlRawAsync(sql, values, Ct);

    static string Table(RallyDb db) => db.Model.FindEntityType(typeof(Features.Logbook.LogbookEntry))!.GetTableName()!;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_altered_payload_or_a_deleted_entry_breaks_verification_at_that_entry(string provider)
    {
        await using var app = await RallyApp.StartAsync(provider, ct: Ct);
        var client = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionB, Ct);
        await app.InScopeAsync(async (_, db) => { await AppendAsync(db, 5, "coal"); return 0; });
        var intact = await (await client.GetAsync("/api/v1/logbook/verify", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.True(intact.GetProperty("intact").GetBoolean());
        Assert.Equal(5, intact.GetProperty("entries").GetInt64());
        var head = intact.Str("head");

        // Someone with database access rewrites what entry 3 says.
        await app.InScopeAsync(async (_, db) => await Tamper(db, $"UPDATE \"{Table(db)}\" SET \"Payload\" = {{0}} WHERE \"Sequence\" = 3", """{"decision":3,"title":"coke 2"}"""));
        var altered = await (await client.GetAsync("/api/v1/logbook/verify", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.False(altered.GetProperty("intact").GetBoolean());
        Assert.Equal(3, altered.GetProperty("brokenAt").GetInt64());
        Assert.Contains("entry 3 was altered", altered.Str("reason"));

        // Put back as it was, then remove entry 2 altogether: the gap is named.
        await app.InScopeAsync(async (_, db) => await Tamper(db, $"UPDATE \"{Table(db)}\" SET \"Payload\" = {{0}} WHERE \"Sequence\" = 3", """{"decision":3,"title":"coal 2"}"""));
        Assert.True((await (await client.GetAsync("/api/v1/logbook/verify", Ct)).Expect(HttpStatusCode.OK, Ct)).GetProperty("intact").GetBoolean());
        await app.InScopeAsync(async (_, db) => await Tamper(db, $"DELETE FROM \"{Table(db)}\" WHERE \"Sequence\" = 2"));
        var deleted = await (await client.GetAsync("/api/v1/logbook/verify", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.False(deleted.GetProperty("intact").GetBoolean());
        Assert.Equal(2, deleted.GetProperty("brokenAt").GetInt64());
        Assert.Contains("entry 2 is missing", deleted.Str("reason"));
        Assert.NotEqual(head, deleted.TryGetProperty("head", out var h) ? h.GetString() : null);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Parallel_appends_keep_the_chain_a_line(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var db = database.Open())
            await Schema.MigrateAsync(db, Ct);
        // Eight writers at once, each on its own connection, five entries each.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            await using var db = database.Open($"writer-{w}");
            await AppendAsync(db, 5, $"w{w}");
        }, Ct)));
        await using (var db = database.Open())
        {
            var result = await LogbookChain.VerifyAsync(db, Ct);
            Assert.True(result.Intact, result.FirstBroken?.Reason);
            Assert.Equal(40, result.Entries);
            var entries = await db.LogbookEntries.OrderBy(e => e.Sequence).ToListAsync(Ct);
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), entries.Select(e => e.Sequence));
            Assert.Equal(40, entries.Select(e => e.PreviousHash).Distinct().Count());
        }
    }

    [Fact]
    public async Task Rally_audit_verify_exits_0_when_intact_and_1_naming_the_first_broken_link()
    {
        var work = Directory.CreateTempSubdirectory("rally-cli-").FullName;
        try
        {
            var data = Path.Combine(work, "data");
            var migrate = await RallyCli.RunAsync(["migrate", "--data", data], Ct, work);
            Assert.True(migrate.ExitCode == 0, migrate.Stderr);
            var connection = $"Data Source={Path.Combine(data, "rally.db")};Pooling=False";
            RallyDb Open() => new SqliteRallyDb(new DbContextOptionsBuilder<SqliteRallyDb>().UseSqlite(connection).Options, Actor.Named("test"));
            await using (var db = Open())
                await AppendAsync(db, 3, "fuel");

            var ok = await RallyCli.RunAsync(["audit", "verify", "--data", data], Ct, work);
            Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
            Assert.Contains("intact: 3 entries", ok.Stdout);

            await using (var db = Open())
                await Tamper(db, $"UPDATE \"{Table(db)}\" SET \"Actor\" = 'someone else' WHERE \"Sequence\" = 2");
            var broken = await RallyCli.RunAsync(["audit", "verify", "--data", data], Ct, work);
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("BROKEN at entry 2", broken.Stdout);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
