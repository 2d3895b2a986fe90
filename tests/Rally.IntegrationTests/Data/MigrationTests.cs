using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Categories;

namespace Rally.IntegrationTests.Data;

public class MigrationTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public void No_model_change_lacks_a_migration(string provider)
    {
        // Compares the model with the provider's migrations snapshot; no server is needed for that.
        using RallyDb db = provider == TestDatabase.Postgres
            ? new PostgresRallyDb(new DbContextOptionsBuilder<PostgresRallyDb>().UseNpgsql("Host=127.0.0.1;Database=unused").Options, Actor.Named("test"))
            : new SqliteRallyDb(new DbContextOptionsBuilder<SqliteRallyDb>().UseSqlite("Data Source=:memory:").Options, Actor.Named("test"));
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration captures: add one with dotnet ef migrations add (see the common brief) for both providers.");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrating_a_fresh_database_applies_every_migration_and_a_second_run_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var db = database.Open())
        {
            await Schema.MigrateAsync(db, Ct);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        }
        await using (var db = database.Open())
        {
            await Schema.MigrateAsync(db, Ct);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_database_written_by_a_newer_Rally_is_refused_and_left_untouched(string provider)
    {
        const string future = "99991231235959_FromANewerRally";
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var db = database.Open())
        {
            await Schema.MigrateAsync(db, Ct);
            db.Categories.Add(new Category { Code = "industrial", Name = "Industrial worker" });
            await db.SaveChangesAsync(Ct);
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{future}', '99.0.0')", Ct);
        }
        var before = await SnapshotAsync(database);

        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<SettingsException>(() => Schema.MigrateAsync(db, Ct));
            Assert.Contains("newer version of Rally", refused.Message);
            Assert.Contains(future, refused.Message);
        }

        var after = await SnapshotAsync(database);
        Assert.Equal(before.History, after.History);
        Assert.Equal(before.Categories, after.Categories);
        Assert.Equal(before.AuditEntries, after.AuditEntries);
        Assert.Contains(future, after.History);
        Assert.Equal(["industrial:Industrial worker"], after.Categories);
    }

    static async Task<(List<string> History, List<string> Categories, int AuditEntries)> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var history = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"").ToListAsync(Ct);
        var categories = await db.Categories.OrderBy(c => c.Id).Select(c => c.Code + ":" + c.Name).ToListAsync(Ct);
        return (history, categories, await db.AuditEntries.CountAsync(Ct));
    }
}
