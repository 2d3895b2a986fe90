using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rally.Features.Members;

namespace Rally.Data.Bulk;

/// <summary>
/// Inserts members with their status history and admissions without change tracking: binary
/// COPY on PostgreSQL, one prepared and reused INSERT per table on SQLite, all in one
/// transaction with one audit entry for the whole load. Ids are explicit (continuing after the
/// tables' current maximum, see <see cref="Next"/>); identity sequences are moved past them at the end.
/// Loading into an empty member table, the member indexes are dropped first and built again at
/// the end, inside the same transaction: one sort per index instead of a million random inserts.
/// On PostgreSQL the foreign keys of the loaded tables are likewise dropped and added again, which
/// checks every row in one join instead of one trigger query per row and key.
/// </summary>
public sealed class MemberBulkInsert : IAsyncDisposable
{
    /// <summary>The first free id of each table when the load began.</summary>
    public readonly record struct Ids(int Member, long StatusChange, int Admission, int Affirmation);

    readonly RallyDb db;
    readonly IDbContextTransaction? ownTransaction;
    readonly Writer writer;
    readonly List<string> deferredIndexes;
    readonly List<string> deferredConstraints;
    bool completed;

    public Ids Next { get; }
    public int MembersWritten { get; private set; }
    public long StatusChangesWritten { get; private set; }
    public int AdmissionsWritten { get; private set; }

    /// <summary>Whether the member table's indexes are built at the end rather than maintained row by row.</summary>
    public bool DefersIndexes => deferredIndexes.Count > 0;

    MemberBulkInsert(RallyDb db, IDbContextTransaction? ownTransaction, Writer writer, Ids next, List<string> deferredIndexes, List<string> deferredConstraints)
    {
        this.deferredConstraints = deferredConstraints;
        this.db = db;
        this.ownTransaction = ownTransaction;
        this.writer = writer;
        this.deferredIndexes = deferredIndexes;
        Next = next;
    }

    /// <summary>Starts a load in the context's current transaction, or in a new one that <see cref="CompleteAsync"/> commits.</summary>
    /// <param name="deferIndexes">drop and rebuild the member indexes; default: when the member table is empty</param>
    public static async Task<MemberBulkInsert> BeginAsync(RallyDb db, CancellationToken ct = default, bool? deferIndexes = null)
    {
        await db.Database.OpenConnectionAsync(ct);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        Writer? writer = null;
        try
        {
            var tables = new Tables(db.Model);
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            writer = db.IsPostgres
                ? new PostgresWriter((NpgsqlConnection)connection, tables)
                : new SqliteWriter((SqliteConnection)connection, (SqliteTransaction)transaction, tables, db.Model);
            var next = new Ids(
                (int)await writer.MaxIdAsync(tables.Members, transaction, ct) + 1,
                await writer.MaxIdAsync(tables.StatusChanges, transaction, ct) + 1,
                (int)await writer.MaxIdAsync(tables.Admissions, transaction, ct) + 1,
                (int)await writer.MaxIdAsync(tables.Affirmations, transaction, ct) + 1);
            var (indexes, constraints) = (new List<string>(), new List<string>());
            if (deferIndexes ?? next.Member == 1)
            {
                foreach (var table in tables.All)
                    foreach (var (name, definition) in await writer.ForeignKeysAsync(table, ct))
                    {
                        await writer.ExecuteAsync($"ALTER TABLE \"{table.Name}\" DROP CONSTRAINT \"{name}\"", ct);
                        constraints.Add($"ALTER TABLE \"{table.Name}\" ADD CONSTRAINT \"{name}\" {definition}");
                    }
                foreach (var (name, create) in await writer.IndexesAsync(tables.Members, ct))
                {
                    await writer.ExecuteAsync($"DROP INDEX \"{name}\"", ct);
                    indexes.Add(create);
                }
            }
            return new MemberBulkInsert(db, own, writer, next, indexes, constraints);
        }
        catch
        {
            writer?.Dispose();
            if (own is not null) await own.DisposeAsync();
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    /// <summary>Writes a batch: members first, then the rows that refer to them.</summary>
    public void Write(MemberRows rows)
    {
        writer.Write(rows);
        MembersWritten += rows.Members.Count;
        StatusChangesWritten += rows.StatusChanges.Count;
        AdmissionsWritten += rows.Admissions.Count;
    }

    /// <summary>Writes the audit entry, moves the identity sequences past the new ids and commits (if the load owns its transaction).</summary>
    /// <param name="audit">false when the caller writes its own entry for the load (an import audits its batch)</param>
    public async Task CompleteAsync(string entityId, string? scopePath, TimeProvider clock, CancellationToken ct = default, bool audit = true)
    {
        // Room to sort a million keys in memory while the indexes are rebuilt (for this transaction only).
        if (deferredIndexes.Count > 0 && db.IsPostgres)
            await writer.ExecuteAsync("SET LOCAL maintenance_work_mem = '256MB'", ct);
        foreach (var create in deferredIndexes)
            await writer.ExecuteAsync(create, ct);
        foreach (var add in deferredConstraints)
            await writer.ExecuteAsync(add, ct);
        await SqliteForeignKeys.CheckAsync(db, writer.Tables.All.Select(t => t.Name), ct);
        await TableStatistics.UpdateAsync(db, writer.Tables.All.Select(t => t.Name), ct);
        await writer.FinishAsync(ct);
        if (audit)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(),
                UserId = db.Actor.UserId,
                UserName = db.Actor.Name,
                Action = "bulk-insert",
                EntityType = "Member",
                EntityId = entityId,
                Changes = JsonSerializer.Serialize(new { count = MembersWritten, statusChanges = StatusChangesWritten, admissions = AdmissionsWritten }),
                ScopePath = scopePath,
            });
            await db.SaveChangesAsync(ct);
        }
        if (ownTransaction is not null)
            await ownTransaction.CommitAsync(ct);
        completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        writer.Dispose();
        if (ownTransaction is not null)
        {
            if (!completed) await ownTransaction.RollbackAsync();
            await ownTransaction.DisposeAsync();
        }
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>Table and column names read from the EF model, in the order the writers emit values.</summary>
    sealed class Tables(IModel model)
    {
        public readonly Table Members = Table.Of<Member>(model,
            nameof(Member.Id), nameof(Member.MembershipNumber), nameof(Member.FirstName), nameof(Member.Patronymic), nameof(Member.LastName),
            nameof(Member.LastNameKey), nameof(Member.FirstNameKey), nameof(Member.Email), nameof(Member.Phone), nameof(Member.Address),
            nameof(Member.DateOfBirth), nameof(Member.CategoryId), nameof(Member.Trade), nameof(Member.OrgUnitId), nameof(Member.WorkplaceId),
            nameof(Member.Status), nameof(Member.StatusSince), nameof(Member.CreatedAt), nameof(Member.UpdatedAt), nameof(Member.Version),
            nameof(Member.ImportBatchId));

        public readonly Table StatusChanges = Table.Of<MemberStatusChange>(model,
            nameof(MemberStatusChange.Id), nameof(MemberStatusChange.MemberId), nameof(MemberStatusChange.FromStatus), nameof(MemberStatusChange.ToStatus),
            nameof(MemberStatusChange.EffectiveOn), nameof(MemberStatusChange.Reason), nameof(MemberStatusChange.RecordedBy), nameof(MemberStatusChange.RecordedAt));

        public readonly Table Admissions = Table.Of<Admission>(model,
            nameof(Admission.Id), nameof(Admission.MemberId), nameof(Admission.OrgUnitId), nameof(Admission.AdmittedOn),
            nameof(Admission.AdmittedBy), nameof(Admission.RecordedAt));

        public readonly Table Affirmations = Table.Of<AdmissionAffirmation>(model,
            nameof(AdmissionAffirmation.Id), nameof(AdmissionAffirmation.AdmissionId), nameof(AdmissionAffirmation.CriterionId), nameof(AdmissionAffirmation.Text));

        public Table[] All => [Members, StatusChanges, Admissions, Affirmations];
    }

    sealed record Table(string Name, string[] Columns)
    {
        public static Table Of<T>(IModel model, params string[] properties)
        {
            var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
            // A new required column that this writer does not fill would fail every row; say so plainly instead.
            foreach (var p in entity.GetProperties())
                if (!p.IsNullable && !properties.Contains(p.Name))
                    throw new InvalidOperationException($"the bulk insert into {entity.GetTableName()} does not fill the required column {p.Name}");
            return new Table(entity.GetTableName()!, [.. properties.Select(p => entity.FindProperty(p)!.GetColumnName())]);
        }

        public string QuotedColumns => string.Join(", ", Columns.Select(c => $"\"{c}\""));
    }

    abstract class Writer(Tables tables) : IDisposable
    {
        public Tables Tables => tables;

        public abstract Task<long> MaxIdAsync(Table table, DbTransaction transaction, CancellationToken ct);
        /// <summary>The table's own indexes (not those behind its primary key or constraints), with the statement that creates each.</summary>
        public abstract Task<List<(string Name, string Create)>> IndexesAsync(Table table, CancellationToken ct);
        public abstract Task ExecuteAsync(string sql, CancellationToken ct);
        /// <summary>The table's foreign keys that can be dropped and added again, with their definitions; none on SQLite, which cannot.</summary>
        public virtual Task<List<(string Name, string Definition)>> ForeignKeysAsync(Table table, CancellationToken ct) => Task.FromResult(new List<(string, string)>());
        public abstract void Write(MemberRows rows);
        public abstract Task FinishAsync(CancellationToken ct);
        public virtual void Dispose() { }
    }

    sealed class PostgresWriter(NpgsqlConnection connection, Tables t) : Writer(t)
    {
        public override async Task<long> MaxIdAsync(Table table, DbTransaction transaction, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand($"SELECT COALESCE(MAX(\"{table.Columns[0]}\"), 0) FROM \"{table.Name}\"", connection);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        public override async Task<List<(string Name, string Create)>> IndexesAsync(Table table, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT c.relname, pg_get_indexdef(i.indexrelid)
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = to_regclass(@table) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY c.relname
                """, connection);
            cmd.Parameters.AddWithValue("table", $"\"{table.Name}\"");
            var list = new List<(string, string)>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                list.Add((reader.GetString(0), reader.GetString(1)));
            return list;
        }

        public override async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public override async Task<List<(string Name, string Definition)>> ForeignKeysAsync(Table table, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass(@table) AND contype = 'f' ORDER BY conname", connection);
            cmd.Parameters.AddWithValue("table", $"\"{table.Name}\"");
            var list = new List<(string, string)>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                list.Add((reader.GetString(0), reader.GetString(1)));
            return list;
        }

        static string Copy(Table t) => $"COPY \"{t.Name}\" ({t.QuotedColumns}) FROM STDIN (FORMAT BINARY)";

        public override void Write(MemberRows rows)
        {
            if (rows.Members.Count > 0)
            {
                using var copy = connection.BeginBinaryImport(Copy(Tables.Members));
                foreach (ref readonly var m in rows.Members.AsSpan())
                {
                    copy.StartRow();
                    copy.Write(m.Id, NpgsqlDbType.Integer);
                    copy.Write(m.MembershipNumber, NpgsqlDbType.Varchar);
                    copy.Write(m.FirstName, NpgsqlDbType.Varchar);
                    Text(copy, m.Patronymic);
                    copy.Write(m.LastName, NpgsqlDbType.Varchar);
                    copy.Write(m.LastNameKey, NpgsqlDbType.Varchar);
                    copy.Write(m.FirstNameKey, NpgsqlDbType.Varchar);
                    Text(copy, m.Email);
                    Text(copy, m.Phone);
                    Text(copy, m.Address);
                    if (m.DateOfBirth is { } born) copy.Write(born, NpgsqlDbType.Date); else copy.WriteNull();
                    copy.Write(m.CategoryId, NpgsqlDbType.Integer);
                    Text(copy, m.Trade);
                    copy.Write(m.OrgUnitId, NpgsqlDbType.Integer);
                    if (m.WorkplaceId is { } workplace) copy.Write(workplace, NpgsqlDbType.Integer); else copy.WriteNull();
                    copy.Write(m.Status, NpgsqlDbType.Varchar);
                    copy.Write(m.StatusSince, NpgsqlDbType.Date);
                    copy.Write(m.CreatedAt, NpgsqlDbType.TimestampTz);
                    copy.Write(m.UpdatedAt, NpgsqlDbType.TimestampTz);
                    copy.Write(0, NpgsqlDbType.Integer);
                    if (m.ImportBatchId is { } batch) copy.Write(batch, NpgsqlDbType.Integer); else copy.WriteNull();
                }
                copy.Complete();
            }
            if (rows.StatusChanges.Count > 0)
            {
                using var copy = connection.BeginBinaryImport(Copy(Tables.StatusChanges));
                foreach (ref readonly var s in rows.StatusChanges.AsSpan())
                {
                    copy.StartRow();
                    copy.Write(s.Id, NpgsqlDbType.Bigint);
                    copy.Write(s.MemberId, NpgsqlDbType.Integer);
                    Text(copy, s.FromStatus);
                    copy.Write(s.ToStatus, NpgsqlDbType.Varchar);
                    copy.Write(s.EffectiveOn, NpgsqlDbType.Date);
                    Text(copy, s.Reason);
                    Text(copy, s.RecordedBy);
                    copy.Write(s.RecordedAt, NpgsqlDbType.TimestampTz);
                }
                copy.Complete();
            }
            if (rows.Admissions.Count > 0)
            {
                using var copy = connection.BeginBinaryImport(Copy(Tables.Admissions));
                foreach (ref readonly var a in rows.Admissions.AsSpan())
                {
                    copy.StartRow();
                    copy.Write(a.Id, NpgsqlDbType.Integer);
                    copy.Write(a.MemberId, NpgsqlDbType.Integer);
                    copy.Write(a.OrgUnitId, NpgsqlDbType.Integer);
                    copy.Write(a.AdmittedOn, NpgsqlDbType.Date);
                    copy.Write(a.AdmittedBy, NpgsqlDbType.Varchar);
                    copy.Write(a.RecordedAt, NpgsqlDbType.TimestampTz);
                }
                copy.Complete();
            }
            if (rows.Affirmations.Count > 0)
            {
                using var copy = connection.BeginBinaryImport(Copy(Tables.Affirmations));
                foreach (ref readonly var f in rows.Affirmations.AsSpan())
                {
                    copy.StartRow();
                    copy.Write(f.Id, NpgsqlDbType.Integer);
                    copy.Write(f.AdmissionId, NpgsqlDbType.Integer);
                    copy.Write(f.CriterionId, NpgsqlDbType.Integer);
                    copy.Write(f.Text, NpgsqlDbType.Varchar);
                }
                copy.Complete();
            }
        }

        static void Text(NpgsqlBinaryImporter copy, string? value)
        {
            if (value is null) copy.WriteNull();
            else copy.Write(value, NpgsqlDbType.Varchar);
        }

        /// <summary>COPY does not advance identity sequences; without this the next ordinary insert would collide.</summary>
        public override async Task FinishAsync(CancellationToken ct)
        {
            foreach (var t in new[] { Tables.Members, Tables.StatusChanges, Tables.Admissions, Tables.Affirmations })
                await IdentitySequence.ResetAsync(connection, t.Name, t.Columns[0], ct);
        }
    }

    /// <summary>
    /// SQLite: prepared statements per table, reset and re-bound for every batch of rows. They are
    /// driven through SQLitePCL on the connection's own handle (so inside its transaction) rather
    /// than through SqliteCommand, which looks every parameter up by name and boxes every value on
    /// each execution. Each statement inserts <see cref="RowsPerStatement"/> rows at once, so that
    /// SQLite opens its cursors on the table and its indexes once per batch, not once per row.
    /// </summary>
    sealed class SqliteWriter : Writer
    {
        const int RowsPerStatement = 32;

        readonly SqliteConnection connection;
        readonly SqliteTransaction transaction;
        readonly Tables tables;
        readonly long previousCacheSize;
        readonly Func<DateTimeOffset, long> instant;
        readonly Dictionary<int, string> days = [];
        readonly List<SqliteStatement> statements = [];
        Inserter<MemberRow>? members;
        Inserter<StatusChangeRow>? changes;
        Inserter<AdmissionRow>? admissions;
        Inserter<AffirmationRow>? affirmations;

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, Tables tables, IModel model) : base(tables)
        {
            this.connection = connection;
            this.transaction = transaction;
            this.tables = tables;
            // The conversion EF applies to DateTimeOffset on SQLite (DateTimeOffsetToBinaryConverter), read from the model.
            var converter = model.FindEntityType(typeof(Member))!.FindProperty(nameof(Member.CreatedAt))!.GetTypeMapping().Converter as ValueConverter<DateTimeOffset, long>
                ?? throw new InvalidOperationException("expected DateTimeOffset to be stored as a long on SQLite");
            instant = converter.ConvertToProviderExpression.Compile();
            previousCacheSize = Scalar("PRAGMA cache_size");
            // The pages a million-member load touches should stay in memory until the commit (512 MB; negative = KiB).
            Scalar("PRAGMA cache_size = -524288");
        }

        long Scalar(string sql)
        {
            using var cmd = connection.CreateCommand();
            // After the commit the transaction is spent (its Connection is null).
            cmd.Transaction = transaction.Connection is null ? null : transaction;
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
        }

        public override async Task<long> MaxIdAsync(Table table, DbTransaction tx, CancellationToken ct)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = $"SELECT COALESCE(MAX(\"{table.Columns[0]}\"), 0) FROM \"{table.Name}\"";
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        public override async Task<List<(string Name, string Create)>> IndexesAsync(Table table, CancellationToken ct)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            // Indexes behind PRIMARY KEY / UNIQUE constraints have no sql and cannot be dropped.
            cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL ORDER BY name";
            cmd.Parameters.AddWithValue("$table", table.Name);
            var list = new List<(string, string)>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                list.Add((reader.GetString(0), reader.GetString(1)));
            return list;
        }

        public override async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync(ct);
        }

        SqliteStatement Prepare(Table t, int rows)
        {
            var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", t.Columns.Select((_, c) => "?" + (r * t.Columns.Length + c + 1))) + ")");
            var statement = new SqliteStatement(connection.Handle!, $"INSERT INTO \"{t.Name}\" ({t.QuotedColumns}) VALUES {string.Join(", ", values)}");
            statements.Add(statement);
            return statement;
        }

        Inserter<T> Inserter<T>(Table t, Binder<T> bind) where T : struct => new(Prepare(t, RowsPerStatement), Prepare(t, 1), t.Columns.Length, bind);

        /// <summary>EF stores DateOnly as 'yyyy-MM-dd' text on SQLite; a load uses few distinct days, so each string is made once.</summary>
        string Day(DateOnly day)
        {
            if (!days.TryGetValue(day.DayNumber, out var text))
                days[day.DayNumber] = text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return text;
        }

        public override void Write(MemberRows rows)
        {
            (members ??= Inserter<MemberRow>(tables.Members, BindMember)).Insert(rows.Members.AsSpan());
            (changes ??= Inserter<StatusChangeRow>(tables.StatusChanges, BindChange)).Insert(rows.StatusChanges.AsSpan());
            (admissions ??= Inserter<AdmissionRow>(tables.Admissions, BindAdmission)).Insert(rows.Admissions.AsSpan());
            (affirmations ??= Inserter<AffirmationRow>(tables.Affirmations, BindAffirmation)).Insert(rows.Affirmations.AsSpan());
        }

        // Parameters in the order of Tables; i is the first parameter of the row (1-based).
        void BindMember(SqliteStatement st, int i, in MemberRow m)
        {
            st.Int(i, m.Id);
            st.Text(i + 1, m.MembershipNumber);
            st.Text(i + 2, m.FirstName);
            st.Text(i + 3, m.Patronymic);
            st.Text(i + 4, m.LastName);
            st.Text(i + 5, m.LastNameKey);
            st.Text(i + 6, m.FirstNameKey);
            st.Text(i + 7, m.Email);
            st.Text(i + 8, m.Phone);
            st.Text(i + 9, m.Address);
            st.Text(i + 10, m.DateOfBirth is { } born ? Day(born) : null);
            st.Int(i + 11, m.CategoryId);
            st.Text(i + 12, m.Trade);
            st.Int(i + 13, m.OrgUnitId);
            st.Int(i + 14, m.WorkplaceId);
            st.Text(i + 15, m.Status);
            st.Text(i + 16, Day(m.StatusSince));
            st.Int(i + 17, instant(m.CreatedAt));
            st.Int(i + 18, instant(m.UpdatedAt));
            st.Int(i + 19, 0);
            st.Int(i + 20, m.ImportBatchId);
        }

        void BindChange(SqliteStatement st, int i, in StatusChangeRow s)
        {
            st.Int(i, s.Id);
            st.Int(i + 1, s.MemberId);
            st.Text(i + 2, s.FromStatus);
            st.Text(i + 3, s.ToStatus);
            st.Text(i + 4, Day(s.EffectiveOn));
            st.Text(i + 5, s.Reason);
            st.Text(i + 6, s.RecordedBy);
            st.Int(i + 7, instant(s.RecordedAt));
        }

        void BindAdmission(SqliteStatement st, int i, in AdmissionRow a)
        {
            st.Int(i, a.Id);
            st.Int(i + 1, a.MemberId);
            st.Int(i + 2, a.OrgUnitId);
            st.Text(i + 3, Day(a.AdmittedOn));
            st.Text(i + 4, a.AdmittedBy);
            st.Int(i + 5, instant(a.RecordedAt));
        }

        static void BindAffirmation(SqliteStatement st, int i, in AffirmationRow f)
        {
            st.Int(i, f.Id);
            st.Int(i + 1, f.AdmissionId);
            st.Int(i + 2, f.CriterionId);
            st.Text(i + 3, f.Text);
        }

        // SQLite's AUTOINCREMENT bookkeeping follows explicit ids by itself.
        public override Task FinishAsync(CancellationToken ct) => Task.CompletedTask;

        public override void Dispose()
        {
            foreach (var statement in statements)
                statement.Dispose();
            statements.Clear();
            members = null;
            changes = null;
            admissions = null;
            affirmations = null;
            if (connection.State == System.Data.ConnectionState.Open)
                Scalar($"PRAGMA cache_size = {previousCacheSize}");
        }
    }

    delegate void Binder<T>(SqliteStatement statement, int firstParameter, in T row) where T : struct;

    /// <summary>Inserts rows <c>RowsPerStatement</c> at a time through one statement, the rest one by one through another.</summary>
    sealed class Inserter<T>(SqliteStatement many, SqliteStatement one, int columns, Binder<T> bind) where T : struct
    {
        readonly int perStatement = many.Parameters / columns;

        public void Insert(ReadOnlySpan<T> rows)
        {
            var i = 0;
            for (; i + perStatement <= rows.Length; i += perStatement)
            {
                for (var r = 0; r < perStatement; r++)
                    bind(many, r * columns + 1, in rows[i + r]);
                many.Execute();
            }
            for (; i < rows.Length; i++)
            {
                bind(one, 1, in rows[i]);
                one.Execute();
            }
        }
    }
}
