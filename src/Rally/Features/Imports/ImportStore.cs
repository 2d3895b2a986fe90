using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using Rally.Data;
using Rally.Features.Members;

namespace Rally.Features.Imports;

/// <summary>A member's canonical fields as stored: read before an update (kept as the before-image, JSON) and written back by a rollback.</summary>
public sealed record MemberImage(
    int Id, string MembershipNumber, string FirstName, string? Patronymic, string LastName, string? Email, string? Phone,
    DateOnly? DateOfBirth, int CategoryId, string? Trade, int OrgUnitId, int? WorkplaceId, string Status, DateOnly StatusSince)
{
    public string ToJson() => JsonSerializer.Serialize(this);
    public static MemberImage FromJson(string json) => JsonSerializer.Deserialize<MemberImage>(json)!;
}

/// <summary>
/// The writes of an import that EF would make slow or noisy (one audit entry per row): batch,
/// rejections, reviews, before-images and member updates, in the import's transaction. PostgreSQL
/// copies before-images and updates in (COPY, then one UPDATE ... FROM); SQLite reuses prepared statements.
/// </summary>
sealed class ImportStore(RallyDb db)
{
    readonly DbConnection connection = db.Database.GetDbConnection();
    DbTransaction? Transaction => db.Database.CurrentTransaction?.GetDbTransaction();
    readonly Func<DateTimeOffset, long>? ticks = db.IsPostgres ? null :
        ((ValueConverter<DateTimeOffset, long>)db.Model.FindEntityType(typeof(ImportBatch))!.FindProperty(nameof(ImportBatch.StartedAt))!.GetTypeMapping().Converter!).ConvertToProviderExpression.Compile();

    object Instant(DateTimeOffset at) => ticks is null ? at.ToUniversalTime() : ticks(at);
    object Day(DateOnly? day) => day is not { } d ? DBNull.Value : db.IsPostgres ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    static object Value(object? v) => v ?? DBNull.Value;

    DbCommand Command(string sql, int parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "p" + i;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    static string Params(int n) => string.Join(", ", Enumerable.Range(0, n).Select(i => "@p" + i));

    public async Task<int> InsertBatchAsync(string fileName, int? into, string? encoding, string? mapping, string startedBy, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = Command($"""
            INSERT INTO "ImportBatches" ("FileName", "Status", "IntoOrgUnitId", "Encoding", "Mapping", "Read", "Inserted", "Updated", "Unchanged", "Rejected", "SentToReview", "StartedAt", "StartedBy", "Version")
            VALUES (@p0, @p1, @p2, @p3, @p4, 0, 0, 0, 0, 0, 0, @p5, @p6, 0) RETURNING "Id"
            """, 7);
        object?[] values = [fileName, ImportStatuses.Running, into, encoding, mapping, Instant(at), startedBy];
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = Value(values[i]);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    DbCommand? rejection, review;

    public async Task WriteRejectionsAsync(int batch, IReadOnlyList<RejectedRow> rows, CancellationToken ct)
    {
        rejection ??= Prepare("""INSERT INTO "ImportRejections" ("BatchId", "RowNumber", "Column", "Reason", "Row") VALUES (""" + Params(5) + ")", 5);
        foreach (var r in rows)
        {
            Set(rejection, batch, r.RowNumber, r.Column is { Length: > 0 } c ? c[..Math.Min(c.Length, 100)] : null, r.Reason[..Math.Min(r.Reason.Length, 500)], r.Row);
            await rejection.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task WriteReviewsAsync(int batch, IReadOnlyList<(long Row, int Candidate, string Reason, string Json)> rows, CancellationToken ct)
    {
        review ??= Prepare("""INSERT INTO "ImportReviews" ("BatchId", "RowNumber", "CandidateMemberId", "Reason", "Row", "Version") VALUES (""" + Params(5) + ", 0)", 5);
        foreach (var r in rows)
        {
            Set(review, batch, r.Row, r.Candidate, r.Reason[..Math.Min(r.Reason.Length, 500)], r.Json);
            await review.ExecuteNonQueryAsync(ct);
        }
    }

    DbCommand Prepare(string sql, int n)
    {
        var cmd = Command(sql, n);
        return cmd;
    }

    static void Set(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = Value(values[i]);
    }

    const string ImageColumns = "\"Id\", \"MembershipNumber\", \"FirstName\", \"Patronymic\", \"LastName\", \"Email\", \"Phone\", \"DateOfBirth\", \"CategoryId\", \"Trade\", \"OrgUnitId\", \"WorkplaceId\", \"Status\", \"StatusSince\"";

    /// <summary>The members' current canonical fields, by id.</summary>
    public async Task<Dictionary<int, MemberImage>> ReadAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var result = new Dictionary<int, MemberImage>(ids.Count);
        if (ids.Count == 0) return result;
        await using var cmd = Command(db.IsPostgres
            ? $"SELECT {ImageColumns} FROM \"Members\" WHERE \"Id\" = ANY(@p0)"
            : $"SELECT {ImageColumns} FROM \"Members\" WHERE \"Id\" IN (SELECT value FROM json_each(@p0))", 1);
        cmd.Parameters[0].Value = db.IsPostgres ? ids.ToArray() : JsonSerializer.Serialize(ids);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            DateOnly? D(int i) => r.IsDBNull(i) ? null : db.IsPostgres ? r.GetFieldValue<DateOnly>(i) : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var image = new MemberImage(r.GetInt32(0), r.GetString(1), r.GetString(2), S(3), r.GetString(4), S(5), S(6), D(7), r.GetInt32(8), S(9),
                r.GetInt32(10), r.IsDBNull(11) ? null : r.GetInt32(11), r.GetString(12), D(13)!.Value);
            result[image.Id] = image;
        }
        return result;
    }

    DbCommand? update, before;

    /// <summary>Keeps each member's before-image under the batch and writes the new values.</summary>
    public async Task UpdateAsync(int batch, IReadOnlyList<(MemberImage Before, MemberImage After)> changes, DateTimeOffset at, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        if (connection is NpgsqlConnection pg)
        {
            await using (var copy = await pg.BeginBinaryImportAsync("COPY \"ImportUpdates\" (\"BatchId\", \"MemberId\", \"Before\") FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var (b, _) in changes)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(batch, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(b.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(b.ToJson(), NpgsqlDbType.Text, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await ExecuteAsync("""
                CREATE TEMP TABLE IF NOT EXISTS import_member_update (id int, first text, patronymic text, last text, first_key text, last_key text,
                  email text, phone text, born date, category int, trade text, unit int, workplace int, status text, since date) ON COMMIT DROP
                """, ct);
            await ExecuteAsync("TRUNCATE import_member_update", ct);
            await using (var copy = await pg.BeginBinaryImportAsync("COPY import_member_update FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var (_, a) in changes)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(a.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(a.FirstName, NpgsqlDbType.Text, ct);
                    await Text(copy, a.Patronymic);
                    await copy.WriteAsync(a.LastName, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(MemberRules.Key(a.FirstName), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(MemberRules.Key(a.LastName), NpgsqlDbType.Text, ct);
                    await Text(copy, a.Email);
                    await Text(copy, a.Phone);
                    if (a.DateOfBirth is { } d) await copy.WriteAsync(d, NpgsqlDbType.Date, ct); else await copy.WriteNullAsync(ct);
                    await copy.WriteAsync(a.CategoryId, NpgsqlDbType.Integer, ct);
                    await Text(copy, a.Trade);
                    await copy.WriteAsync(a.OrgUnitId, NpgsqlDbType.Integer, ct);
                    if (a.WorkplaceId is { } w) await copy.WriteAsync(w, NpgsqlDbType.Integer, ct); else await copy.WriteNullAsync(ct);
                    await copy.WriteAsync(a.Status, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(a.StatusSince, NpgsqlDbType.Date, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using var cmd = Command("""
                UPDATE "Members" m SET "FirstName" = u.first, "Patronymic" = u.patronymic, "LastName" = u.last, "FirstNameKey" = u.first_key,
                  "LastNameKey" = u.last_key, "Email" = u.email, "Phone" = u.phone, "DateOfBirth" = u.born, "CategoryId" = u.category,
                  "Trade" = u.trade, "OrgUnitId" = u.unit, "WorkplaceId" = u.workplace, "Status" = u.status, "StatusSince" = u.since,
                  "UpdatedAt" = @p0, "Version" = m."Version" + 1
                FROM import_member_update u WHERE m."Id" = u.id
                """, 1);
            cmd.Parameters[0].Value = at.ToUniversalTime();
            await cmd.ExecuteNonQueryAsync(ct);
            return;

            async Task Text(NpgsqlBinaryImporter copy, string? v)
            {
                if (v is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(v, NpgsqlDbType.Text, ct);
            }
        }
        before ??= Prepare("INSERT INTO \"ImportUpdates\" (\"BatchId\", \"MemberId\", \"Before\") VALUES (@p0, @p1, @p2)", 3);
        update ??= Prepare("""
            UPDATE "Members" SET "FirstName" = @p1, "Patronymic" = @p2, "LastName" = @p3, "FirstNameKey" = @p4, "LastNameKey" = @p5, "Email" = @p6,
              "Phone" = @p7, "DateOfBirth" = @p8, "CategoryId" = @p9, "Trade" = @p10, "OrgUnitId" = @p11, "WorkplaceId" = @p12, "Status" = @p13,
              "StatusSince" = @p14, "UpdatedAt" = @p15, "Version" = "Version" + 1
            WHERE "Id" = @p0
            """, 16);
        var now = Instant(at);
        foreach (var (b, a) in changes)
        {
            Set(before, batch, b.Id, b.ToJson());
            await before.ExecuteNonQueryAsync(ct);
            await WriteAsync(update, a, now, ct);
        }
    }

    async Task WriteAsync(DbCommand cmd, MemberImage a, object now, CancellationToken ct)
    {
        Set(cmd, a.Id, a.FirstName, a.Patronymic, a.LastName, MemberRules.Key(a.FirstName), MemberRules.Key(a.LastName), a.Email, a.Phone,
            Day(a.DateOfBirth), a.CategoryId, a.Trade, a.OrgUnitId, a.WorkplaceId, a.Status, Day(a.StatusSince), now);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes members back as they were (a rollback), without keeping before-images; MembershipNumber included.</summary>
    public async Task RestoreAsync(IEnumerable<MemberImage> images, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = Command("""
            UPDATE "Members" SET "FirstName" = @p1, "Patronymic" = @p2, "LastName" = @p3, "FirstNameKey" = @p4, "LastNameKey" = @p5, "Email" = @p6,
              "Phone" = @p7, "DateOfBirth" = @p8, "CategoryId" = @p9, "Trade" = @p10, "OrgUnitId" = @p11, "WorkplaceId" = @p12, "Status" = @p13,
              "StatusSince" = @p14, "UpdatedAt" = @p15, "Version" = "Version" + 1, "MembershipNumber" = @p16
            WHERE "Id" = @p0
            """, 17);
        var now = Instant(at);
        foreach (var a in images)
        {
            cmd.Parameters[16].Value = a.MembershipNumber;
            await WriteAsync(cmd, a, now, ct);
        }
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = Command(sql, values.Length);
        Set(cmd, values);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = Command(sql, values.Length);
        Set(cmd, values);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in new[] { rejection, review, update, before })
            if (c is not null) await c.DisposeAsync();
    }
}
