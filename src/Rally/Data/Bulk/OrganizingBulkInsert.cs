using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using Rally.Features.Assessments;
using Rally.Features.Campaigns;
using Rally.Features.Conversations;
using Rally.Features.Members;
using Rally.Features.StructureTests;

namespace Rally.Data.Bulk;

/// <summary>
/// Writes organizing rows (<see cref="OrganizingRows"/>) without change tracking, in the context's
/// current transaction: binary COPY on PostgreSQL, prepared and reused multi-row INSERTs on SQLite.
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
            ? new PostgresWriter((NpgsqlConnection)db.Database.GetDbConnection(), tables)
            : new SqliteWriter((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction, tables, db.Model);
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

    /// <summary>The tables, their columns in the order values are written, and how each value is read from a row.</summary>
    sealed class Tables(IModel model)
    {
        public readonly Spec<AssessmentRow> Assessments = Spec<AssessmentRow>.Of<Assessment>(model,
            (nameof(Assessment.Id), NpgsqlDbType.Bigint, r => r.Id),
            (nameof(Assessment.MemberId), NpgsqlDbType.Integer, r => r.MemberId),
            (nameof(Assessment.ScaleId), NpgsqlDbType.Integer, r => r.ScaleId),
            (nameof(Assessment.Level), NpgsqlDbType.Integer, r => r.Level),
            (nameof(Assessment.AssessedAt), NpgsqlDbType.TimestampTz, r => r.AssessedAt),
            (nameof(Assessment.AssessedBy), NpgsqlDbType.Varchar, r => r.AssessedBy),
            (nameof(Assessment.Evidence), NpgsqlDbType.Varchar, r => r.Evidence),
            (nameof(Assessment.ConversationId), NpgsqlDbType.Bigint, r => r.ConversationId),
            (nameof(Assessment.RecordedAt), NpgsqlDbType.TimestampTz, r => r.RecordedAt));

        public readonly Spec<ConversationRow> Conversations = Spec<ConversationRow>.Of<Conversation>(model,
            (nameof(Conversation.Id), NpgsqlDbType.Bigint, r => r.Id),
            (nameof(Conversation.MemberId), NpgsqlDbType.Integer, r => r.MemberId),
            (nameof(Conversation.HeldAt), NpgsqlDbType.TimestampTz, r => r.HeldAt),
            (nameof(Conversation.HeldById), NpgsqlDbType.Text, r => r.HeldById),
            (nameof(Conversation.Channel), NpgsqlDbType.Varchar, r => r.Channel),
            (nameof(Conversation.WorkplaceId), NpgsqlDbType.Integer, r => r.WorkplaceId),
            (nameof(Conversation.Ask), NpgsqlDbType.Varchar, r => r.Ask),
            (nameof(Conversation.Commitment), NpgsqlDbType.Varchar, r => r.Commitment),
            (nameof(Conversation.CampaignId), NpgsqlDbType.Integer, r => r.CampaignId),
            (nameof(Conversation.RecordedAt), NpgsqlDbType.TimestampTz, r => r.RecordedAt),
            (nameof(Conversation.RecordedBy), NpgsqlDbType.Varchar, r => r.RecordedBy));

        public readonly Spec<ConversationIssueRow> ConversationIssues = Spec<ConversationIssueRow>.Of<ConversationIssue>(model,
            (nameof(ConversationIssue.ConversationId), NpgsqlDbType.Bigint, r => r.ConversationId),
            (nameof(ConversationIssue.IssueTagId), NpgsqlDbType.Integer, r => r.IssueTagId));

        public readonly Spec<FollowUpRow> FollowUps = Spec<FollowUpRow>.Of<FollowUp>(model,
            (nameof(FollowUp.Id), NpgsqlDbType.Bigint, r => r.Id),
            (nameof(FollowUp.MemberId), NpgsqlDbType.Integer, r => r.MemberId),
            (nameof(FollowUp.AssigneeId), NpgsqlDbType.Text, r => r.AssigneeId),
            (nameof(FollowUp.DueOn), NpgsqlDbType.Date, r => r.DueOn),
            (nameof(FollowUp.Action), NpgsqlDbType.Varchar, r => r.Action),
            (nameof(FollowUp.ConversationId), NpgsqlDbType.Bigint, r => r.ConversationId),
            (nameof(FollowUp.CreatedAt), NpgsqlDbType.TimestampTz, r => r.CreatedAt),
            (nameof(FollowUp.CreatedBy), NpgsqlDbType.Varchar, r => r.CreatedBy),
            (nameof(FollowUp.DoneAt), NpgsqlDbType.TimestampTz, r => r.DoneAt),
            (nameof(FollowUp.DoneBy), NpgsqlDbType.Varchar, r => r.DoneBy),
            (nameof(FollowUp.Version), NpgsqlDbType.Integer, _ => 0));

        public readonly Spec<CampaignTargetRow> CampaignTargets = Spec<CampaignTargetRow>.Of<CampaignTarget>(model,
            (nameof(CampaignTarget.CampaignId), NpgsqlDbType.Integer, r => r.CampaignId),
            (nameof(CampaignTarget.MemberId), NpgsqlDbType.Integer, r => r.MemberId),
            (nameof(CampaignTarget.OrganiserId), NpgsqlDbType.Text, r => r.OrganiserId),
            (nameof(CampaignTarget.AddedAt), NpgsqlDbType.TimestampTz, r => r.AddedAt));

        public readonly Spec<ParticipationRow> Participations = Spec<ParticipationRow>.Of<Participation>(model,
            (nameof(Participation.Id), NpgsqlDbType.Bigint, r => r.Id),
            (nameof(Participation.StructureTestId), NpgsqlDbType.Integer, r => r.StructureTestId),
            (nameof(Participation.MemberId), NpgsqlDbType.Integer, r => r.MemberId),
            (nameof(Participation.ParticipatedOn), NpgsqlDbType.Date, r => r.ParticipatedOn),
            (nameof(Participation.RecordedAt), NpgsqlDbType.TimestampTz, r => r.RecordedAt),
            (nameof(Participation.RecordedBy), NpgsqlDbType.Varchar, r => r.RecordedBy));

        public string[] All => [Assessments.Name, Conversations.Name, ConversationIssues.Name, FollowUps.Name, CampaignTargets.Name, Participations.Name];
    }

    sealed record Spec<T>(string Name, string[] Columns, NpgsqlDbType[] Types, Func<T, object?>[] Values)
    {
        public static Spec<T> Of<TEntity>(IModel model, params (string Property, NpgsqlDbType Type, Func<T, object?> Value)[] columns)
        {
            var entity = model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model");
            // A new required column that this writer does not fill would fail every row; say so plainly instead.
            foreach (var p in entity.GetProperties())
                if (!p.IsNullable && !columns.Any(c => c.Property == p.Name))
                    throw new InvalidOperationException($"the bulk insert into {entity.GetTableName()} does not fill the required column {p.Name}");
            return new Spec<T>(entity.GetTableName()!, [.. columns.Select(c => entity.FindProperty(c.Property)!.GetColumnName())],
                [.. columns.Select(c => c.Type)], [.. columns.Select(c => c.Value)]);
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

    sealed class PostgresWriter(NpgsqlConnection connection, Tables tables) : Writer
    {
        readonly Tables tables = tables;

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
            foreach (ref readonly var row in rows)
            {
                copy.StartRow();
                for (var c = 0; c < spec.Values.Length; c++)
                {
                    var type = spec.Types[c];
                    switch (spec.Values[c](row))
                    {
                        case null: copy.WriteNull(); break;
                        case int i: copy.Write(i, type); break;
                        case long l: copy.Write(l, type); break;
                        case string s: copy.Write(s, type); break;
                        case DateOnly d: copy.Write(d, type); break;
                        case DateTimeOffset t: copy.Write(t, type); break;
                        case var v: throw new InvalidOperationException($"no COPY conversion for {v.GetType().Name}");
                    }
                }
            }
            copy.Complete();
        }
    }

    sealed class SqliteWriter : Writer
    {
        /// <summary>Rows per multi-row INSERT: fewer statement executions, well under SQLite's parameter limit.</summary>
        const int RowsPerStatement = 64;

        readonly SqliteConnection connection;
        readonly SqliteTransaction transaction;
        readonly Func<DateTimeOffset, long> instant;
        readonly Dictionary<string, (SqliteCommand Many, SqliteCommand One)> commands = [];
        readonly Dictionary<int, string> days = [];

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, Tables tables, IModel model)
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

        SqliteCommand Prepare<T>(Spec<T> spec, int rows)
        {
            var width = spec.Columns.Length;
            var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(0, width).Select(c => $"$p{r * width + c}")) + ")");
            var cmd = Command($"INSERT INTO \"{spec.Name}\" ({spec.QuotedColumns}) VALUES {string.Join(", ", values)}");
            for (var i = 0; i < rows * width; i++)
                cmd.Parameters.Add(new SqliteParameter($"$p{i}", null));
            cmd.Prepare();
            return cmd;
        }

        public override void Write<T>(Spec<T> spec, ReadOnlySpan<T> rows)
        {
            if (rows.Length == 0) return;
            if (!commands.TryGetValue(spec.Name, out var pair))
                commands[spec.Name] = pair = (Prepare(spec, RowsPerStatement), Prepare(spec, 1));
            var i = 0;
            for (; i + RowsPerStatement <= rows.Length; i += RowsPerStatement)
            {
                for (var r = 0; r < RowsPerStatement; r++)
                    Bind(pair.Many, spec, r * spec.Columns.Length, rows[i + r]);
                pair.Many.ExecuteNonQuery();
            }
            for (; i < rows.Length; i++)
            {
                Bind(pair.One, spec, 0, rows[i]);
                pair.One.ExecuteNonQuery();
            }
        }

        void Bind<T>(SqliteCommand cmd, Spec<T> spec, int first, in T row)
        {
            for (var c = 0; c < spec.Values.Length; c++)
                cmd.Parameters[first + c].Value = spec.Values[c](row) switch
                {
                    null => DBNull.Value,
                    DateOnly d => Day(d),
                    DateTimeOffset t => instant(t),
                    var v => v,
                };
        }

        /// <summary>EF stores DateOnly as 'yyyy-MM-dd' text on SQLite; a load uses few distinct days, so each string is made once.</summary>
        string Day(DateOnly day)
        {
            if (!days.TryGetValue(day.DayNumber, out var text))
                days[day.DayNumber] = text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return text;
        }

        public override void Dispose()
        {
            foreach (var (many, one) in commands.Values)
            {
                many.Dispose();
                one.Dispose();
            }
            commands.Clear();
        }
    }
}
