using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Rally.Data.Bulk;

/// <summary>
/// After rows are written with explicit ids, PostgreSQL's identity sequence still stands where it
/// was; this moves it to the table's maximum so the next ordinary insert gets a fresh id.
/// (SQLite needs nothing: its AUTOINCREMENT bookkeeping follows explicit ids.)
/// </summary>
public static class IdentitySequence
{
    public static async Task ResetAsync(NpgsqlConnection connection, string table, string column, CancellationToken ct = default)
    {
        // setval(seq, 1, false) on an empty table makes the next id 1 again.
        await using var cmd = new NpgsqlCommand(
            $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE(MAX(\"{column}\"), 1), MAX(\"{column}\") IS NOT NULL) FROM \"{table}\"",
            connection);
        await cmd.ExecuteScalarAsync(ct);
    }

    public static Task ResetAsync(RallyDb db, Type entity, CancellationToken ct = default)
    {
        if (!db.IsPostgres) return Task.CompletedTask;
        var type = db.Model.FindEntityType(entity)!;
        var key = type.FindPrimaryKey()!.Properties[0];
        return ResetAsync((NpgsqlConnection)db.Database.GetDbConnection(), type.GetTableName()!, key.GetColumnName(), ct);
    }
}
