using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Rally.Data;

/// <summary>Where Rally keeps its data: the provider, the connection and the data directory.</summary>
public sealed record DatabaseSettings(string Provider, string ConnectionString, string DataDir)
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public bool IsPostgres => Provider == Postgres;

    /// <summary>
    /// Resolves settings from options, then configuration (appsettings, Rally__Database__* variables),
    /// then defaults; throws <see cref="SettingsException"/> with a one-line reason when they are unusable.
    /// </summary>
    public static DatabaseSettings Resolve(IConfiguration config, string? provider, string? connection, string? dataDir)
    {
        dataDir = Path.GetFullPath(dataDir ?? config["Rally:Data"] ?? "data");
        provider = (provider ?? config["Rally:Database:Provider"] ?? Sqlite).Trim().ToLowerInvariant();
        if (provider == "postgresql") provider = Postgres;
        connection ??= config["Rally:Database:ConnectionString"];
        switch (provider)
        {
            case Sqlite:
                connection = string.IsNullOrWhiteSpace(connection) ? $"Data Source={Path.Combine(dataDir, "rally.db")}" : connection;
                try
                {
                    var b = new SqliteConnectionStringBuilder(connection);
                    if (string.IsNullOrWhiteSpace(b.DataSource)) throw new SettingsException("the SQLite connection string names no Data Source");
                    if (b.DataSource != ":memory:" && b.Mode != SqliteOpenMode.Memory)
                    {
                        // Relative files live in the data directory, not wherever the process started.
                        b.DataSource = Path.IsPathRooted(b.DataSource) ? b.DataSource : Path.Combine(dataDir, b.DataSource);
                        Directory.CreateDirectory(Path.GetDirectoryName(b.DataSource)!);
                    }
                    b.Pooling = true;
                    b.DefaultTimeout = Math.Max(b.DefaultTimeout, 30);
                    connection = b.ConnectionString;
                }
                catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
                {
                    throw new SettingsException($"invalid SQLite connection string: {e.Message}");
                }
                break;
            case Postgres:
                if (string.IsNullOrWhiteSpace(connection))
                    throw new SettingsException("--database postgres needs --connection or Rally__Database__ConnectionString");
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(connection);
                }
                catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
                {
                    throw new SettingsException($"invalid PostgreSQL connection string: {e.Message}");
                }
                break;
            default:
                throw new SettingsException($"unknown database provider '{provider}' (use sqlite or postgres)");
        }
        return new DatabaseSettings(provider, connection, dataDir);
    }

    public void AddTo(IServiceCollection services)
    {
        if (IsPostgres)
            services.AddDbContext<RallyDb, PostgresRallyDb>(o => o.UseNpgsql(ConnectionString));
        else
            // EF's SQLite table rebuilds turn foreign keys off outside the transaction; the warning it logs on every
            // first start names nothing a user could act on.
            services.AddDbContext<RallyDb, SqliteRallyDb>(o => o.UseSqlite(ConnectionString)
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning)));
    }

    /// <summary>A connection string without its password, for messages and logs.</summary>
    public string Describe() => IsPostgres
        ? $"PostgreSQL {new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.Host}/{new NpgsqlConnectionStringBuilder(ConnectionString).Database}"
        : $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
}

/// <summary>Settings or a database that Rally cannot use; the message is the one line the user sees.</summary>
public sealed class SettingsException(string message) : Exception(message);

static class Schema
{
    /// <summary>
    /// Applies pending migrations. Refuses a database that has migrations this build does not
    /// know: it was written by a newer Rally, and migrating it down or around would corrupt it.
    /// </summary>
    public static async Task MigrateAsync(RallyDb db, CancellationToken ct = default)
    {
        try
        {
            var known = db.Database.GetMigrations().ToHashSet();
            var applied = await db.Database.GetAppliedMigrationsAsync(ct);
            var unknown = applied.Where(m => !known.Contains(m)).ToList();
            if (unknown.Count > 0)
                throw new SettingsException($"the database was written by a newer version of Rally (migration {unknown[^1]}); refusing to run — upgrade Rally");
            if (!db.IsPostgres)
            {
                // WAL lets the web server read while an import writes.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            // Campaigns started before progress was kept get theirs counted once, when its table is made.
            var counting = (await db.Database.GetPendingMigrationsAsync(ct)).Any(m => m.EndsWith("_CampaignProgressDeltas", StringComparison.Ordinal));
            await db.Database.MigrateAsync(ct);
            if (counting && await db.Campaigns.AnyAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await Features.Campaigns.CampaignProgressDeltas.RebuildAllAsync(db, ct);
                await tx.CommitAsync(ct);
            }
            if (!db.IsPostgres)
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct); // statistics for the query planner, when stale
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException || e is InvalidOperationException { InnerException: NpgsqlException or SqliteException })
        {
            var reason = (e.InnerException ?? e).Message.Split('\n')[0].Trim();
            throw new SettingsException($"cannot use the database: {reason}");
        }
    }
}
