using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rally.Data.Bulk;

/// <summary>
/// SQLite checks foreign keys row by row as it inserts, which costs a bulk load more than a check
/// of the whole table afterwards. Enforcement can only be switched outside a transaction, so the
/// caller that owns the load's transaction suspends it around that transaction; the loaded tables
/// are then checked with <c>PRAGMA foreign_key_check</c> before the commit (<see cref="CheckAsync"/>).
/// </summary>
public static class SqliteForeignKeys
{
    /// <summary>Turns enforcement off on the context's connection (kept open) until the result is disposed; nothing on PostgreSQL.</summary>
    public static async Task<IAsyncDisposable> SuspendAsync(RallyDb db, CancellationToken ct = default)
    {
        if (db.IsPostgres || db.Database.CurrentTransaction is not null) return new Restore(null);
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF", ct);
        return new Restore(db);
    }

    /// <summary>When enforcement is off, fails on the first row of the tables whose parent does not exist.</summary>
    public static async Task CheckAsync(RallyDb db, IEnumerable<string> tables, CancellationToken ct = default)
    {
        if (db.IsPostgres) return;
        var connection = db.Database.GetDbConnection();
        await using var enabled = connection.CreateCommand();
        enabled.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        enabled.CommandText = "PRAGMA foreign_keys";
        if (Convert.ToInt64(await enabled.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) != 0) return;
        foreach (var table in tables)
        {
            await using var check = connection.CreateCommand();
            check.Transaction = enabled.Transaction;
            check.CommandText = $"PRAGMA foreign_key_check(\"{table}\")";
            await using var reader = await check.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
                throw new InvalidOperationException($"row {reader.GetValue(1)} of {table} refers to a missing row of {reader.GetString(2)}");
        }
    }

    sealed class Restore(RallyDb? db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (db is null) return;
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON");
            await db.Database.CloseConnectionAsync();
        }
    }
}
