using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Rally.Features.Members;

namespace Rally.Data.Bulk;

/// <summary>
/// Inserts members with their status history and admissions without change tracking: binary
/// COPY on PostgreSQL, one prepared and reused INSERT per table on SQLite, all in one
/// transaction with one audit entry for the whole load. Ids are explicit (continuing after the
/// tables' current maximum, see <see cref="Next"/>); identity sequences are moved past them at the end.
/// </summary>
public sealed class MemberBulkInsert : IAsyncDisposable
{
    /// <summary>The first free id of each table when the load began.</summary>
    public readonly record struct Ids(int Member, long StatusChange, int Admission, int Affirmation);

    readonly RallyDb db;
    readonly IDbContextTransaction? ownTransaction;
    readonly Writer writer;
    bool completed;

    public Ids Next { get; }
    public int MembersWritten { get; private set; }
    public long StatusChangesWritten { get; private set; }
    public int AdmissionsWritten { get; private set; }

    MemberBulkInsert(RallyDb db, IDbContextTransaction? ownTransaction, Writer writer, Ids next)
    {
        this.db = db;
        this.ownTransaction = ownTransaction;
        this.writer = writer;
        Next = next;
    }

    /// <summary>Starts a load in the context's current transaction, or in a new one that <see cref="CompleteAsync"/> commits.</summary>
    public static async Task<MemberBulkInsert> BeginAsync(RallyDb db, CancellationToken ct = default)
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
            return new MemberBulkInsert(db, own, writer, next);
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
    public async Task CompleteAsync(string entityId, string? scopePath, TimeProvider clock, CancellationToken ct = default)
    {
        await writer.FinishAsync(ct);
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
            nameof(Member.Status), nameof(Member.StatusSince), nameof(Member.CreatedAt), nameof(Member.UpdatedAt), nameof(Member.Version));

        public readonly Table StatusChanges = Table.Of<MemberStatusChange>(model,
            nameof(MemberStatusChange.Id), nameof(MemberStatusChange.MemberId), nameof(MemberStatusChange.FromStatus), nameof(MemberStatusChange.ToStatus),
            nameof(MemberStatusChange.EffectiveOn), nameof(MemberStatusChange.Reason), nameof(MemberStatusChange.RecordedBy), nameof(MemberStatusChange.RecordedAt));

        public readonly Table Admissions = Table.Of<Admission>(model,
            nameof(Admission.Id), nameof(Admission.MemberId), nameof(Admission.OrgUnitId), nameof(Admission.AdmittedOn),
            nameof(Admission.AdmittedBy), nameof(Admission.RecordedAt));

        public readonly Table Affirmations = Table.Of<AdmissionAffirmation>(model,
            nameof(AdmissionAffirmation.Id), nameof(AdmissionAffirmation.AdmissionId), nameof(AdmissionAffirmation.CriterionId), nameof(AdmissionAffirmation.Text));
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

    abstract class Writer : IDisposable
    {
        public abstract Task<long> MaxIdAsync(Table table, DbTransaction transaction, CancellationToken ct);
        public abstract void Write(MemberRows rows);
        public abstract Task FinishAsync(CancellationToken ct);
        public virtual void Dispose() { }
    }

    sealed class PostgresWriter(NpgsqlConnection connection, Tables tables) : Writer
    {
        public override async Task<long> MaxIdAsync(Table table, DbTransaction transaction, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand($"SELECT COALESCE(MAX(\"{table.Columns[0]}\"), 0) FROM \"{table.Name}\"", connection);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        static string Copy(Table t) => $"COPY \"{t.Name}\" ({t.QuotedColumns}) FROM STDIN (FORMAT BINARY)";

        public override void Write(MemberRows rows)
        {
            if (rows.Members.Count > 0)
            {
                using var copy = connection.BeginBinaryImport(Copy(tables.Members));
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
                }
                copy.Complete();
            }
            if (rows.StatusChanges.Count > 0)
            {
                using var copy = connection.BeginBinaryImport(Copy(tables.StatusChanges));
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
                using var copy = connection.BeginBinaryImport(Copy(tables.Admissions));
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
                using var copy = connection.BeginBinaryImport(Copy(tables.Affirmations));
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
            foreach (var t in new[] { tables.Members, tables.StatusChanges, tables.Admissions, tables.Affirmations })
                await IdentitySequence.ResetAsync(connection, t.Name, t.Columns[0], ct);
        }
    }

    sealed class SqliteWriter : Writer
    {
        readonly SqliteConnection connection;
        readonly SqliteTransaction transaction;
        readonly Tables tables;
        readonly long previousCacheSize;
        readonly Func<DateTimeOffset, object> instant;
        readonly Dictionary<int, string> days = [];
        SqliteCommand? members, changes, admissions, affirmations;

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, Tables tables, IModel model)
        {
            this.connection = connection;
            this.transaction = transaction;
            this.tables = tables;
            // The same conversion EF applies (DateTimeOffsetToBinaryConverter on SQLite), read from the model.
            var converter = model.FindEntityType(typeof(Member))!.FindProperty(nameof(Member.CreatedAt))!.GetTypeMapping().Converter;
            instant = converter is null ? v => v : v => converter.ConvertToProvider(v)!;
            previousCacheSize = Scalar("PRAGMA cache_size");
            // Index pages of a million-row load should stay in memory until the commit (256 MB, negative = KiB).
            Scalar("PRAGMA cache_size = -262144");
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

        SqliteCommand Prepare(Table t)
        {
            var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = $"INSERT INTO \"{t.Name}\" ({t.QuotedColumns}) VALUES ({string.Join(", ", t.Columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < t.Columns.Length; i++)
                cmd.Parameters.Add(new SqliteParameter("$p" + i, null));
            cmd.Prepare();
            return cmd;
        }

        /// <summary>EF stores DateOnly as 'yyyy-MM-dd' text on SQLite; a load uses few distinct days, so each string is made once.</summary>
        string Day(DateOnly day)
        {
            if (!days.TryGetValue(day.DayNumber, out var text))
                days[day.DayNumber] = text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return text;
        }

        static object Value(string? s) => s is null ? DBNull.Value : s;

        public override void Write(MemberRows rows)
        {
            if (rows.Members.Count > 0)
            {
                members ??= Prepare(tables.Members);
                var p = members.Parameters;
                foreach (ref readonly var m in rows.Members.AsSpan())
                {
                    p[0].Value = m.Id;
                    p[1].Value = m.MembershipNumber;
                    p[2].Value = m.FirstName;
                    p[3].Value = Value(m.Patronymic);
                    p[4].Value = m.LastName;
                    p[5].Value = m.LastNameKey;
                    p[6].Value = m.FirstNameKey;
                    p[7].Value = Value(m.Email);
                    p[8].Value = Value(m.Phone);
                    p[9].Value = Value(m.Address);
                    p[10].Value = m.DateOfBirth is { } born ? Day(born) : DBNull.Value;
                    p[11].Value = m.CategoryId;
                    p[12].Value = Value(m.Trade);
                    p[13].Value = m.OrgUnitId;
                    p[14].Value = m.WorkplaceId is { } workplace ? workplace : DBNull.Value;
                    p[15].Value = m.Status;
                    p[16].Value = Day(m.StatusSince);
                    p[17].Value = instant(m.CreatedAt);
                    p[18].Value = instant(m.UpdatedAt);
                    p[19].Value = 0;
                    members.ExecuteNonQuery();
                }
            }
            if (rows.StatusChanges.Count > 0)
            {
                changes ??= Prepare(tables.StatusChanges);
                var p = changes.Parameters;
                foreach (ref readonly var s in rows.StatusChanges.AsSpan())
                {
                    p[0].Value = s.Id;
                    p[1].Value = s.MemberId;
                    p[2].Value = Value(s.FromStatus);
                    p[3].Value = s.ToStatus;
                    p[4].Value = Day(s.EffectiveOn);
                    p[5].Value = Value(s.Reason);
                    p[6].Value = Value(s.RecordedBy);
                    p[7].Value = instant(s.RecordedAt);
                    changes.ExecuteNonQuery();
                }
            }
            if (rows.Admissions.Count > 0)
            {
                admissions ??= Prepare(tables.Admissions);
                var p = admissions.Parameters;
                foreach (ref readonly var a in rows.Admissions.AsSpan())
                {
                    p[0].Value = a.Id;
                    p[1].Value = a.MemberId;
                    p[2].Value = a.OrgUnitId;
                    p[3].Value = Day(a.AdmittedOn);
                    p[4].Value = a.AdmittedBy;
                    p[5].Value = instant(a.RecordedAt);
                    admissions.ExecuteNonQuery();
                }
            }
            if (rows.Affirmations.Count > 0)
            {
                affirmations ??= Prepare(tables.Affirmations);
                var p = affirmations.Parameters;
                foreach (ref readonly var f in rows.Affirmations.AsSpan())
                {
                    p[0].Value = f.Id;
                    p[1].Value = f.AdmissionId;
                    p[2].Value = f.CriterionId;
                    p[3].Value = f.Text;
                    affirmations.ExecuteNonQuery();
                }
            }
        }

        // SQLite's AUTOINCREMENT bookkeeping follows explicit ids by itself.
        public override Task FinishAsync(CancellationToken ct) => Task.CompletedTask;

        public override void Dispose()
        {
            members?.Dispose();
            changes?.Dispose();
            admissions?.Dispose();
            affirmations?.Dispose();
            members = changes = admissions = affirmations = null;
            if (connection.State == System.Data.ConnectionState.Open)
                Scalar($"PRAGMA cache_size = {previousCacheSize}");
        }
    }
}
