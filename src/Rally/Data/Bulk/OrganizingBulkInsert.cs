using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using Rally.Features.Assessments;
using Rally.Features.Campaigns;
using Rally.Features.Conversations;
using Rally.Features.Members;
using Rally.Features.StructureTests;

namespace Rally.Data.Bulk;

/// <summary>
/// Writes organizing rows (<see cref="OrganizingRows"/>) without change tracking, in the context's
/// current transaction: binary COPY on PostgreSQL, prepared and reused multi-row INSERTs on SQLite (through SQLitePCL).
/// Into empty tables (the demo), their indexes and (on PostgreSQL) foreign keys are dropped first and
/// made again at the end, one sort each instead of millions of random inserts; on SQLite the caller
/// suspends foreign keys (<see cref="SqliteForeignKeys"/>) and they are checked here at the end.
/// </summary>
public sealed class OrganizingBulkInsert : IDisposable
{
    /// <summary>The first free id of each table with a generated key.</summary>
    public readonly record struct Ids(long Assessment, long Conversation, long FollowUp, long Participation);

    readonly RallyDb db;
    readonly Tables tables;
    readonly Writer writer;
    readonly List<string> deferred;

    public Ids Next { get; }
    public long AssessmentsWritten { get; private set; }
    public long ConversationsWritten { get; private set; }
    public long IssuesWritten { get; private set; }
    public long FollowUpsWritten { get; private set; }
    public long TargetsWritten { get; private set; }
    public long ParticipationsWritten { get; private set; }

    OrganizingBulkInsert(RallyDb db, Tables tables, Writer writer, Ids next, List<string> deferred)
    {
        (this.db, this.tables, this.writer, this.deferred) = (db, tables, writer, deferred);
        Next = next;
    }

    /// <summary>Starts writing in the context's current transaction (there must be one).</summary>
    public static async Task<OrganizingBulkInsert> BeginAsync(RallyDb db, CancellationToken ct = default)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("the organizing bulk insert runs in the caller's transaction");
        var tables = new Tables(db.Model);
        Writer writer = db.IsPostgres
            ? new PostgresWriter((NpgsqlConnection)db.Database.GetDbConnection())
            : new SqliteWriter((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction, db.Model);
        try
        {
            var next = new Ids(
                await writer.MaxIdAsync(tables.Assessments.Name, ct) + 1, await writer.MaxIdAsync(tables.Conversations.Name, ct) + 1,
                await writer.MaxIdAsync(tables.FollowUps.Name, ct) + 1, await writer.MaxIdAsync(tables.Participations.Name, ct) + 1);
            var deferred = new List<string>();
            if (next == new Ids(1, 1, 1, 1) && await writer.CountAsync(tables.CampaignTargets.Name, ct) == 0)
            {
                foreach (var table in tables.All)
                    foreach (var (name, definition) in await writer.ForeignKeysAsync(table, ct))
                    {
                        await writer.ExecuteAsync($"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\"", ct);
                        deferred.Add($"ALTER TABLE \"{table}\" ADD CONSTRAINT \"{name}\" {definition}");
                    }
                foreach (var table in tables.All)
                    foreach (var (name, create) in await writer.IndexesAsync(table, ct))
                    {
                        await writer.ExecuteAsync($"DROP INDEX \"{name}\"", ct);
                        deferred.Insert(0, create); // indexes before the keys that use them
                    }
            }
            return new OrganizingBulkInsert(db, tables, writer, next, deferred);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    public void Write(OrganizingRows rows)
    {
        writer.Write(tables.Assessments, rows.Assessments.AsSpan());
        writer.Write(tables.Conversations, rows.Conversations.AsSpan());
        writer.Write(tables.ConversationIssues, rows.ConversationIssues.AsSpan());
        writer.Write(tables.FollowUps, rows.FollowUps.AsSpan());
        writer.Write(tables.CampaignTargets, rows.CampaignTargets.AsSpan());
        writer.Write(tables.Participations, rows.Participations.AsSpan());
        AssessmentsWritten += rows.Assessments.Count;
        ConversationsWritten += rows.Conversations.Count;
        IssuesWritten += rows.ConversationIssues.Count;
        FollowUpsWritten += rows.FollowUps.Count;
        TargetsWritten += rows.CampaignTargets.Count;
        ParticipationsWritten += rows.Participations.Count;
    }

    /// <summary>Builds the deferred indexes and keys, checks keys on SQLite, refreshes statistics, moves sequences and writes one audit entry.</summary>
    public async Task CompleteAsync(string entityId, string? scopePath, TimeProvider clock, CancellationToken ct = default)
    {
        if (deferred.Count > 0 && db.IsPostgres)
            await writer.ExecuteAsync("SET LOCAL maintenance_work_mem = '256MB'", ct);
        foreach (var sql in deferred)
            await writer.ExecuteAsync(sql, ct);
        await SqliteForeignKeys.CheckAsync(db, tables.All, ct);
        await TableStatistics.UpdateAsync(db, tables.All, ct);
        foreach (var entity in new[] { typeof(Assessment), typeof(Conversation), typeof(FollowUp), typeof(Participation) })
            await IdentitySequence.ResetAsync(db, entity, ct);
        // The rows went past the tracked writes that keep campaign progress: count it afresh.
        await CampaignProgressDeltas.RebuildAllAsync(db, ct);
        db.AuditEntries.Add(new Features.Audit.AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = db.Actor.UserId,
            UserName = db.Actor.Name,
            Action = "bulk-insert",
            EntityType = "Organizing",
            EntityId = entityId,
            Changes = JsonSerializer.Serialize(new
            {
                assessments = AssessmentsWritten, conversations = ConversationsWritten, issues = IssuesWritten,
                followUps = FollowUpsWritten, campaignTargets = TargetsWritten, participations = ParticipationsWritten,
            }),
            ScopePath = scopePath,
        });
        await db.SaveChangesAsync(ct);
    }

    public void Dispose() => writer.Dispose();

    /// <summary>The tables, their columns, and how a row is written: the same sequence of typed values for both writers.</summary>
    sealed class Tables(IModel model)
    {
        public readonly Spec<AssessmentRow> Assessments = Spec<AssessmentRow>.Of<Assessment>(model,
            [nameof(Assessment.Id), nameof(Assessment.MemberId), nameof(Assessment.ScaleId), nameof(Assessment.Level), nameof(Assessment.AssessedAt),
             nameof(Assessment.AssessedBy), nameof(Assessment.Evidence), nameof(Assessment.ConversationId), nameof(Assessment.RecordedAt)],
            static (s, in r) => { s.Long(r.Id); s.Int(r.MemberId); s.Int(r.ScaleId); s.Int(r.Level); s.Instant(r.AssessedAt); s.Text(r.AssessedBy); s.Text(r.Evidence); s.Long(r.ConversationId); s.Instant(r.RecordedAt); });

        public readonly Spec<ConversationRow> Conversations = Spec<ConversationRow>.Of<Conversation>(model,
            [nameof(Conversation.Id), nameof(Conversation.MemberId), nameof(Conversation.HeldAt), nameof(Conversation.HeldById), nameof(Conversation.Channel),
             nameof(Conversation.WorkplaceId), nameof(Conversation.Ask), nameof(Conversation.Commitment), nameof(Conversation.CampaignId),
             nameof(Conversation.RecordedAt), nameof(Conversation.RecordedBy)],
            static (s, in r) => { s.Long(r.Id); s.Int(r.MemberId); s.Instant(r.HeldAt); s.Text(r.HeldById); s.Text(r.Channel); s.Int(r.WorkplaceId); s.Text(r.Ask); s.Text(r.Commitment); s.Int(r.CampaignId); s.Instant(r.RecordedAt); s.Text(r.RecordedBy); });

        public readonly Spec<ConversationIssueRow> ConversationIssues = Spec<ConversationIssueRow>.Of<ConversationIssue>(model,
            [nameof(ConversationIssue.ConversationId), nameof(ConversationIssue.IssueTagId)],
            static (s, in r) => { s.Long(r.ConversationId); s.Int(r.IssueTagId); });

        public readonly Spec<FollowUpRow> FollowUps = Spec<FollowUpRow>.Of<FollowUp>(model,
            [nameof(FollowUp.Id), nameof(FollowUp.MemberId), nameof(FollowUp.AssigneeId), nameof(FollowUp.DueOn), nameof(FollowUp.Action), nameof(FollowUp.ConversationId),
             nameof(FollowUp.CreatedAt), nameof(FollowUp.CreatedBy), nameof(FollowUp.DoneAt), nameof(FollowUp.DoneBy), nameof(FollowUp.Version)],
            static (s, in r) => { s.Long(r.Id); s.Int(r.MemberId); s.Text(r.AssigneeId); s.Day(r.DueOn); s.Text(r.Action); s.Long(r.ConversationId); s.Instant(r.CreatedAt); s.Text(r.CreatedBy); s.Instant(r.DoneAt); s.Text(r.DoneBy); s.Int(0); });

        public readonly Spec<CampaignTargetRow> CampaignTargets = Spec<CampaignTargetRow>.Of<CampaignTarget>(model,
            [nameof(CampaignTarget.CampaignId), nameof(CampaignTarget.MemberId), nameof(CampaignTarget.OrganiserId), nameof(CampaignTarget.AddedAt), nameof(CampaignTarget.WorkplaceId)],
            static (s, in r) => { s.Int(r.CampaignId); s.Int(r.MemberId); s.Text(r.OrganiserId); s.Instant(r.AddedAt); s.Int(r.WorkplaceId); });

        public readonly Spec<ParticipationRow> Participations = Spec<ParticipationRow>.Of<Participation>(model,
            [nameof(Participation.Id), nameof(Participation.StructureTestId), nameof(Participation.MemberId), nameof(Participation.ParticipatedOn),
             nameof(Participation.RecordedAt), nameof(Participation.RecordedBy)],
            static (s, in r) => { s.Long(r.Id); s.Int(r.StructureTestId); s.Int(r.MemberId); s.Day(r.ParticipatedOn); s.Instant(r.RecordedAt); s.Text(r.RecordedBy); });

        public string[] All => [Assessments.Name, Conversations.Name, ConversationIssues.Name, FollowUps.Name, CampaignTargets.Name, Participations.Name];
    }

    /// <summary>Where a row's values go, in column order; the writer of each database supplies one.</summary>
    interface ISink
    {
        void Int(int? value);
        void Long(long? value);
        void Text(string? value);
        void Day(DateOnly value);
        void Instant(DateTimeOffset? value);
    }

    delegate void RowWriter<T>(ISink sink, in T row);

    sealed record Spec<T>(string Name, string[] Columns, RowWriter<T> Write)
    {
        public static Spec<T> Of<TEntity>(IModel model, string[] properties, RowWriter<T> write)
        {
            var entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model");
            // A new required column that this writer does not fill would fail every row; say so plainly instead.
            foreach (var p in entity.GetProperties())
                if (!p.IsNullable && !properties.Contains(p.Name))
                    throw new InvalidOperationException($"the bulk insert into {entity.GetTableName()} does not fill the required column {p.Name}");
            return new Spec<T>(entity.GetTableName()!, [.. properties.Select(p => entity.FindProperty(p)!.GetColumnName())], write);
        }

        public string QuotedColumns => string.Join(", ", Columns.Select(c => $"\"{c}\""));
    }

    abstract class Writer : IDisposable
    {
        public abstract Task<long> MaxIdAsync(string table, CancellationToken ct);
        public abstract Task<long> CountAsync(string table, CancellationToken ct);
        public abstract Task<List<(string Name, string Create)>> IndexesAsync(string table, CancellationToken ct);
        public virtual Task<List<(string Name, string Definition)>> ForeignKeysAsync(string table, CancellationToken ct) => Task.FromResult(new List<(string, string)>());
        public abstract Task ExecuteAsync(string sql, CancellationToken ct);
        public abstract void Write<T>(Spec<T> spec, ReadOnlySpan<T> rows);
        public virtual void Dispose() { }
    }

    sealed class PostgresWriter(NpgsqlConnection connection) : Writer
    {
        async Task<object?> ScalarAsync(string sql, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            return await cmd.ExecuteScalarAsync(ct);
        }

        public override async Task<long> MaxIdAsync(string table, CancellationToken ct) =>
            Convert.ToInt64(await ScalarAsync($"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"", ct), CultureInfo.InvariantCulture);

        public override async Task<long> CountAsync(string table, CancellationToken ct) =>
            Convert.ToInt64(await ScalarAsync($"SELECT COUNT(*) FROM \"{table}\"", ct), CultureInfo.InvariantCulture);

        public override async Task<List<(string Name, string Create)>> IndexesAsync(string table, CancellationToken ct) => await PairsAsync("""
            SELECT c.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = to_regclass(@table) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY c.relname
            """, table, ct);

        public override async Task<List<(string Name, string Definition)>> ForeignKeysAsync(string table, CancellationToken ct) =>
            await PairsAsync("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass(@table) AND contype = 'f' ORDER BY conname", table, ct);

        async Task<List<(string, string)>> PairsAsync(string sql, string table, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            cmd.Parameters.AddWithValue("table", $"\"{table}\"");
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

        public override void Write<T>(Spec<T> spec, ReadOnlySpan<T> rows)
        {
            if (rows.Length == 0) return;
            using var copy = connection.BeginBinaryImport($"COPY \"{spec.Name}\" ({spec.QuotedColumns}) FROM STDIN (FORMAT BINARY)");
            var sink = new CopySink(copy);
            foreach (ref readonly var row in rows)
            {
                copy.StartRow();
                spec.Write(sink, in row);
            }
            copy.Complete();
        }

        sealed class CopySink(NpgsqlBinaryImporter copy) : ISink
        {
            public void Int(int? value) { if (value is { } v) copy.Write(v, NpgsqlDbType.Integer); else copy.WriteNull(); }
            public void Long(long? value) { if (value is { } v) copy.Write(v, NpgsqlDbType.Bigint); else copy.WriteNull(); }
            public void Text(string? value) { if (value is null) copy.WriteNull(); else copy.Write(value, NpgsqlDbType.Text); }
            public void Day(DateOnly value) => copy.Write(value, NpgsqlDbType.Date);
            public void Instant(DateTimeOffset? value) { if (value is { } v) copy.Write(v, NpgsqlDbType.TimestampTz); else copy.WriteNull(); }
        }
    }

    /// <summary>
    /// Prepared multi-row INSERTs driven through SQLitePCL on the connection's own handle (so inside its
    /// transaction), bound by position: no parameter objects, no boxing (as <see cref="MemberBulkInsert"/> does).
    /// </summary>
    sealed class SqliteWriter : Writer, ISink
    {
        /// <summary>Rows per multi-row INSERT: fewer statement executions, well under SQLite's parameter limit.</summary>
        const int RowsPerStatement = 32;

        readonly SqliteConnection connection;
        readonly SqliteTransaction transaction;
        readonly Func<DateTimeOffset, long> instant;
        readonly Dictionary<string, (SqliteStatement Many, SqliteStatement One)> statements = [];
        readonly Dictionary<int, string> days = [];
        SqliteStatement? current;
        int parameter;

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, IModel model)
        {
            this.connection = connection;
            this.transaction = transaction;
            // The conversion EF applies to DateTimeOffset on SQLite (DateTimeOffsetToBinaryConverter), read from the model.
            var converter = model.FindEntityType(typeof(Member))!.FindProperty(nameof(Member.CreatedAt))!.GetTypeMapping().Converter as ValueConverter<DateTimeOffset, long>
                ?? throw new InvalidOperationException("expected DateTimeOffset to be stored as a long on SQLite");
            instant = converter.ConvertToProviderExpression.Compile();
        }

        SqliteCommand Command(string sql)
        {
            var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = sql;
            return cmd;
        }

        public override async Task<long> MaxIdAsync(string table, CancellationToken ct)
        {
            await using var cmd = Command($"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"");
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        public override async Task<long> CountAsync(string table, CancellationToken ct)
        {
            await using var cmd = Command($"SELECT COUNT(*) FROM \"{table}\"");
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        public override async Task<List<(string Name, string Create)>> IndexesAsync(string table, CancellationToken ct)
        {
            // Indexes behind PRIMARY KEY / UNIQUE constraints have no sql and cannot be dropped.
            await using var cmd = Command("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL ORDER BY name");
            cmd.Parameters.AddWithValue("$table", table);
            var list = new List<(string, string)>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                list.Add((reader.GetString(0), reader.GetString(1)));
            return list;
        }

        public override async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var cmd = Command(sql);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        SqliteStatement Prepare<T>(Spec<T> spec, int rows)
        {
            var width = spec.Columns.Length;
            var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(0, width).Select(c => "?" + (r * width + c + 1))) + ")");
            return new SqliteStatement(connection.Handle!, $"INSERT INTO \"{spec.Name}\" ({spec.QuotedColumns}) VALUES {string.Join(", ", values)}");
        }

        public override void Write<T>(Spec<T> spec, ReadOnlySpan<T> rows)
        {
            if (rows.Length == 0) return;
            if (!statements.TryGetValue(spec.Name, out var pair))
                statements[spec.Name] = pair = (Prepare(spec, RowsPerStatement), Prepare(spec, 1));
            var i = 0;
            for (; i + RowsPerStatement <= rows.Length; i += RowsPerStatement)
            {
                (current, parameter) = (pair.Many, 1);
                for (var r = 0; r < RowsPerStatement; r++)
                    spec.Write(this, in rows[i + r]);
                pair.Many.Execute();
            }
            for (; i < rows.Length; i++)
            {
                (current, parameter) = (pair.One, 1);
                spec.Write(this, in rows[i]);
                pair.One.Execute();
            }
        }

        public void Int(int? value) => current!.Int(parameter++, value);
        public void Long(long? value) => current!.Int(parameter++, value);
        public void Text(string? value) => current!.Text(parameter++, value);
        public void Day(DateOnly value) => current!.Text(parameter++, DayText(value));
        public void Instant(DateTimeOffset? value) => current!.Int(parameter++, value is { } v ? instant(v) : null);

        /// <summary>EF stores DateOnly as 'yyyy-MM-dd' text on SQLite; a load uses few distinct days, so each string is made once.</summary>
        string DayText(DateOnly day)
        {
            if (!days.TryGetValue(day.DayNumber, out var text))
                days[day.DayNumber] = text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return text;
        }

        public override void Dispose()
        {
            foreach (var (many, one) in statements.Values)
            {
                many.Dispose();
                one.Dispose();
            }
            statements.Clear();
        }
    }
}
