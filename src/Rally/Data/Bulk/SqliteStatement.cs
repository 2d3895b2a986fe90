using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Rally.Data.Bulk;

/// <summary>
/// A prepared SQLite statement bound by position, below ADO.NET: the bulk writers bind millions
/// of values, and <see cref="Execute"/> steps the statement and resets it for the next rows.
/// </summary>
sealed class SqliteStatement : IDisposable
{
    readonly sqlite3 db;
    readonly sqlite3_stmt stmt;

    public SqliteStatement(sqlite3 db, string sql)
    {
        this.db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out stmt));
        Parameters = raw.sqlite3_bind_parameter_count(stmt);
    }

    public int Parameters { get; }

    public void Int(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(stmt, index, v) : raw.sqlite3_bind_null(stmt, index));

    public void Text(int index, string? value) => Check(value is null ? raw.sqlite3_bind_null(stmt, index) : raw.sqlite3_bind_text16(stmt, index, value.AsSpan()));

    public void Execute()
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE) Check(rc);
    }

    void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
    }

    public void Dispose() => stmt.Dispose();
}
