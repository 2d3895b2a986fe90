using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Rally.Data;

namespace Rally.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty database for one app or one test: a SQLite file in a temporary directory, or a
/// database created on the PostgreSQL server named by RALLY_TEST_POSTGRES and dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = DatabaseSettings.Sqlite;
    public const string Postgres = DatabaseSettings.Postgres;

    readonly string? postgresName;

    TestDatabase(string provider, DatabaseSettings settings, string dataDir, string? postgresName)
    {
        Provider = provider;
        Settings = settings;
        DataDir = dataDir;
        this.postgresName = postgresName;
    }

    public string Provider { get; }
    public DatabaseSettings Settings { get; }
    public string DataDir { get; }

    public static async Task<TestDatabase> CreateAsync(string provider, CancellationToken ct = default)
    {
        var dir = Directory.CreateTempSubdirectory("rally-test-").FullName;
        var config = new ConfigurationBuilder().Build();
        switch (provider)
        {
            case Sqlite:
                return new(provider, DatabaseSettings.Resolve(config, Sqlite, $"Data Source={Path.Combine(dir, "rally.db")}", dir), dir, null);
            case Postgres:
                var name = "rally_test_" + Guid.NewGuid().ToString("N")[..16];
                await PostgresServer.ExecuteAsync($"CREATE DATABASE \"{name}\"", ct);
                var connection = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = name }.ConnectionString;
                return new(provider, DatabaseSettings.Resolve(config, Postgres, connection, dir), dir, name);
            default:
                throw new ArgumentException($"unknown provider {provider}", nameof(provider));
        }
    }

    /// <summary>A context outside any web app, acting as <paramref name="actor"/>; the caller disposes it.</summary>
    public RallyDb Open(string actor = "test")
    {
        var who = Actor.Named(actor);
        return Settings.IsPostgres
            ? new PostgresRallyDb(new DbContextOptionsBuilder<PostgresRallyDb>().UseNpgsql(Settings.ConnectionString).Options, who)
            : new SqliteRallyDb(new DbContextOptionsBuilder<SqliteRallyDb>().UseSqlite(Settings.ConnectionString).Options, who);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await PostgresServer.ExecuteAsync($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)");
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The server going away at the end of a run must not turn a passing test into a failing one.
            }
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// The PostgreSQL server the tests use, from RALLY_TEST_POSTGRES (./test.sh starts one and sets it).
/// Without it the PostgreSQL tests fail with this message: they never skip.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "RALLY_TEST_POSTGRES";

    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(value))
                throw new InvalidOperationException(
                    $"{Variable} is not set, so the PostgreSQL tests cannot run. Run them through ./test.sh, which starts a throwaway server, " +
                    $"or set {Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\" (a role that may create databases).");
            var b = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(b.Database)) b.Database = "postgres";
            b.Timeout = Math.Min(b.Timeout, 10);
            return b.ConnectionString;
        }
    }

    public static async Task ExecuteAsync(string sql, CancellationToken ct = default)
    {
        var connectionString = ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException($"cannot reach the PostgreSQL server of {Variable} ({b.Host}:{b.Port} as {b.Username}): {e.Message}", e);
        }
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
