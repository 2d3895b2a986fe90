using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rally.Data;

namespace Rally.Bench;

sealed record BenchOptions(string Verb, int Members, string Database, string? Connection, int Requests)
{
    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("demo" or "list" or "progress" or "queue" or "readiness" or "dashboard" or "generate" or "import")) return null;
        var (members, database, connection, requests) = (1_000_000, "sqlite", (string?)null, 300);
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--members" when value is not null: members = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--database" when value is "sqlite" or "postgres": database = value; i++; break;
                case "--connection" when value is not null: connection = value; i++; break;
                case "--requests" when value is not null: requests = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                default: return null;
            }
        }
        if (database == "postgres" && connection is null) return null;
        return new BenchOptions(args[0], members, database, connection, requests);
    }

    /// <summary>A fresh, empty database: a new SQLite file, or a PostgreSQL database dropped and created again.</summary>
    public async Task<DatabaseSettings> FreshDatabaseAsync(string name)
    {
        if (Database == "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "rally-bench", name);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
            return new DatabaseSettings(DatabaseSettings.Sqlite, $"Data Source={Path.Combine(dir, "rally.db")};Pooling=True", dir);
        }
        var server = new NpgsqlConnectionStringBuilder(Connection) { Database = "postgres", Pooling = false };
        await using (var c = new NpgsqlConnection(server.ConnectionString))
        {
            await c.OpenAsync();
            var db = "rally_bench_" + name;
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)", c);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{db}\"", c);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(Connection) { Database = "rally_bench_" + name }.ConnectionString;
        return new DatabaseSettings(DatabaseSettings.Postgres, cs, Path.GetTempPath());
    }

    /// <summary>A context outside any host, as the CLI's own verbs get one.</summary>
    public static RallyDb Open(DatabaseSettings settings)
    {
        var actor = Actor.Named("bench");
        return settings.IsPostgres
            ? new PostgresRallyDb(new DbContextOptionsBuilder<PostgresRallyDb>().UseNpgsql(settings.ConnectionString).Options, actor)
            : new SqliteRallyDb(new DbContextOptionsBuilder<SqliteRallyDb>().UseSqlite(settings.ConnectionString).Options, actor);
    }
}
