using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rally.Data;
using Rally.Features.Members;

namespace Rally.Features.Imports;

/// <summary>
/// The keys of the existing members, loaded once in one pass so that matching a million rows is
/// a hash lookup each, not a query each. Keys are kept as 64-bit hashes (FNV-1a) to stay small
/// (a million members ≈ 100 MB); a member's other canonical fields are folded into one content
/// hash, so an unchanged row is recognised without reading the member again.
/// </summary>
public sealed class MemberIndex
{
    public struct State
    {
        public ulong Content, Email, Phone;
        public int OrgUnitId, CategoryId;
        public sbyte Status;
        public bool Exists, InScope, Archived;
    }

    readonly Dictionary<ulong, int> numbers, emails, phones, nameDobs;
    public State[] Members { get; }

    MemberIndex(int capacity, int maxId)
    {
        numbers = new(capacity);
        emails = new(capacity);
        phones = new(capacity);
        nameDobs = new(capacity);
        Members = new State[maxId + 1];
    }

    public Hit ByNumber(ulong key) => Find(numbers, key);
    public Hit ByEmail(ulong key) => Find(emails, key);
    public Hit ByPhone(ulong key) => Find(phones, key);
    public Hit ByNameDob(ulong key) => Find(nameDobs, key);

    static Hit Find(Dictionary<ulong, int> map, ulong key) =>
        key == 0 || !map.TryGetValue(key, out var id) ? Hit.None : id < 0 ? Hit.Many(-id) : Hit.One(id);

    static void Add(Dictionary<ulong, int> map, ulong key, int id)
    {
        if (key == 0) return;
        if (map.TryGetValue(key, out var other)) { if (other > 0 && other != id) map[key] = -other; }
        else map[key] = id;
    }

    public ContactDiff Compare(int memberId, ulong email, ulong phone)
    {
        ref var m = ref Members[memberId];
        return new(email != 0 && m.Email != 0 && m.Email != email, phone != 0 && m.Phone != 0 && m.Phone != phone);
    }

    /// <param name="inScope">whether a unit (by id) is within the actor's reach</param>
    public static async Task<MemberIndex> LoadAsync(RallyDb db, ImportColumns columns, Func<int, bool> inScope, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = "SELECT COUNT(*), COALESCE(MAX(\"Id\"), 0) FROM \"Members\"";
            await using var r0 = await count.ExecuteReaderAsync(ct);
            await r0.ReadAsync(ct);
            var (n, max) = (Convert.ToInt32(r0.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(r0.GetValue(1), CultureInfo.InvariantCulture));
            await r0.DisposeAsync();
            var index = new MemberIndex(n, max);
            if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
            {
                LoadSqlite(sqlite, index, columns, inScope);
                return index;
            }
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            var day = db.IsPostgres ? "\"DateOfBirth\"::text" : "\"DateOfBirth\"";
            cmd.CommandText = $"""
                SELECT "Id", "MembershipNumber", "FirstName", "Patronymic", "LastName", "Email", "Phone", {day}, "CategoryId", "Trade",
                       "OrgUnitId", "WorkplaceId", "Status", "LastNameKey", "FirstNameKey", "ArchivedAt" IS NOT NULL OR "ErasedAt" IS NOT NULL
                FROM "Members"
                """;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var content = new ContentHasher(columns);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt32(0);
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                var born = S(7) is { } b ? DateOnly.ParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
                ref var m = ref index.Members[id];
                m.Exists = true;
                m.OrgUnitId = r.GetInt32(10);
                m.CategoryId = r.GetInt32(8);
                m.Status = (sbyte)IndexOfStatus(r.GetString(12));
                m.Archived = r.GetBoolean(15);
                m.InScope = inScope(m.OrgUnitId);
                m.Content = content.Hash(S(2), S(3), S(4), S(5), S(6), born, S(9), r.IsDBNull(11) ? null : r.GetInt32(11));
                m.Email = Keys.Email(S(5));
                m.Phone = Keys.Phone(S(6));
                Add(index.numbers, Keys.Number(r.GetString(1)), id);
                if (!m.InScope || m.Archived) continue;
                Add(index.emails, m.Email, id);
                Add(index.phones, m.Phone, id);
                Add(index.nameDobs, Keys.NameDob(r.GetString(13), r.GetString(14), born), id);
            }
            return index;
        }
    }

    /// <summary>
    /// SQLite: the same pass through SQLitePCL on the connection's handle, reading each text as
    /// UTF-8 bytes decoded into a stack buffer, so a million members cost no million strings.
    /// </summary>
    static void LoadSqlite(Microsoft.Data.Sqlite.SqliteConnection connection, MemberIndex index, ImportColumns columns, Func<int, bool> inScope)
    {
        var content = new ContentHasher(columns);
        const string sql = """
            SELECT "Id", "MembershipNumber", "FirstName", "Patronymic", "LastName", "Email", "Phone", "DateOfBirth", "CategoryId", "Trade",
                   "OrgUnitId", "WorkplaceId", "Status", "LastNameKey", "FirstNameKey", "ArchivedAt" IS NOT NULL OR "ErasedAt" IS NOT NULL
            FROM "Members"
            """;
        var db = connection.Handle!;
        if (SQLitePCL.raw.sqlite3_prepare_v2(db, sql, out var stmt) != SQLitePCL.raw.SQLITE_OK)
            throw new InvalidOperationException(SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string());
        using var statement = stmt;
        Span<char> a = stackalloc char[1024], b = stackalloc char[1024], lower = stackalloc char[1024];
        int rc;
        while ((rc = SQLitePCL.raw.sqlite3_step(stmt)) == SQLitePCL.raw.SQLITE_ROW)
        {
            var id = SQLitePCL.raw.sqlite3_column_int(stmt, 0);
            ref var m = ref index.Members[id];
            m.Exists = true;
            m.OrgUnitId = SQLitePCL.raw.sqlite3_column_int(stmt, 10);
            m.CategoryId = SQLitePCL.raw.sqlite3_column_int(stmt, 8);
            m.Status = (sbyte)IndexOfStatus(Chars(stmt, 12, a, out _).ToString());
            m.Archived = SQLitePCL.raw.sqlite3_column_int(stmt, 15) != 0;
            m.InScope = inScope(m.OrgUnitId);
            var dobText = Chars(stmt, 7, a, out var noDob);
            DateOnly? born = noDob ? null : DateOnly.ParseExact(dobText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var h = ContentHasher.Start;
            bool isNull;
            if (content.given) h = ContentHasher.Text(h, Chars(stmt, 2, a, out isNull), isNull);
            if (content.middle) h = ContentHasher.Text(h, Chars(stmt, 3, a, out isNull), isNull);
            if (content.family) h = ContentHasher.Text(h, Chars(stmt, 4, a, out isNull), isNull);
            var email = Chars(stmt, 5, b, out var noEmail);
            if (content.email) h = ContentHasher.Text(h, email, noEmail);
            var emailLength = noEmail ? 0 : email.Trim().ToLowerInvariant(lower);
            m.Email = noEmail || email.IsWhiteSpace() ? 0 : Keys.Fnv(lower[..emailLength]);
            var phone = Chars(stmt, 6, a, out var noPhone);
            if (content.phone) h = ContentHasher.Text(h, phone, noPhone);
            m.Phone = noPhone ? 0 : Keys.Phone(phone);
            if (content.born) h = Keys.Mix(h, born?.DayNumber ?? -1);
            if (content.trade) h = ContentHasher.Text(h, Chars(stmt, 9, a, out isNull), isNull);
            if (content.workplace) h = Keys.Mix(h, SQLitePCL.raw.sqlite3_column_type(stmt, 11) == SQLitePCL.raw.SQLITE_NULL ? -1 : SQLitePCL.raw.sqlite3_column_int(stmt, 11));
            m.Content = h;
            var number = Chars(stmt, 1, a, out _).Trim();
            Add(index.numbers, number.IsEmpty ? 0 : Keys.Fnv(number), id);
            if (!m.InScope || m.Archived) continue;
            Add(index.emails, m.Email, id);
            Add(index.phones, m.Phone, id);
            if (born is not null)
            {
                var last = Chars(stmt, 13, a, out _);
                var h2 = Keys.Mix(Keys.Fnv(last), '\0');
                h2 = Keys.Fnv(Chars(stmt, 14, b, out _), h2);
                Add(index.nameDobs, Keys.Mix(h2, born.Value.DayNumber) | 1, id);
            }
        }
        if (rc != SQLitePCL.raw.SQLITE_DONE)
            throw new InvalidOperationException(SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string());
    }

    /// <summary>A text column decoded into <paramref name="buffer"/>; longer texts than the buffer become a string.</summary>
    static ReadOnlySpan<char> Chars(SQLitePCL.sqlite3_stmt stmt, int column, Span<char> buffer, out bool isNull)
    {
        isNull = SQLitePCL.raw.sqlite3_column_type(stmt, column) == SQLitePCL.raw.SQLITE_NULL;
        if (isNull) return [];
        var bytes = SQLitePCL.raw.sqlite3_column_blob(stmt, column);
        if (bytes.Length > buffer.Length) return System.Text.Encoding.UTF8.GetString(bytes);
        return buffer[..System.Text.Encoding.UTF8.GetChars(bytes, buffer)];
    }

    public static int IndexOfStatus(string? status) => status is null ? -1 : MemberRules.Statuses.ToList().IndexOf(status);
}

/// <summary>The matching keys, as 64-bit FNV-1a hashes of their normalised text; 0 = no key.</summary>
public static class Keys
{
    public static ulong Number(string? number) => string.IsNullOrWhiteSpace(number) ? 0 : Fnv(number.Trim());

    public static ulong Email(string? email) => string.IsNullOrWhiteSpace(email) ? 0 : Fnv(email.Trim().ToLowerInvariant());

    /// <summary>Digits only; fewer than five digits is no phone number to match on.</summary>
    public static ulong Phone(string? phone) => phone is null ? 0 : Phone(phone.AsSpan());

    public static ulong Phone(ReadOnlySpan<char> phone)
    {
        if (phone.IsEmpty) return 0;
        Span<char> digits = stackalloc char[Math.Min(phone.Length, 64)];
        var n = 0;
        foreach (var c in phone)
            if (char.IsAsciiDigit(c) && n < digits.Length) digits[n++] = c;
        return n < 5 ? 0 : Fnv(digits[..n]);
    }

    /// <summary>The name keys (<see cref="MemberRules.Key"/>) and the date of birth; no date, no key.</summary>
    public static ulong NameDob(string lastNameKey, string firstNameKey, DateOnly? born)
    {
        if (born is not { } b) return 0;
        var h = Fnv(lastNameKey);
        h = Mix(h, '\0');
        h = Fnv(firstNameKey, h);
        return Mix(h, b.DayNumber) | 1;
    }

    const ulong Offset = 14695981039346656037, Prime = 1099511628211;

    public static ulong Fnv(ReadOnlySpan<char> text, ulong h = Offset)
    {
        foreach (var c in text) { h ^= c; h *= Prime; }
        return h == 0 ? 1 : h;
    }

    public static ulong Mix(ulong h, long value)
    {
        for (var i = 0; i < 8; i++) { h ^= (byte)(value >> (i * 8)); h *= Prime; }
        return h;
    }
}

/// <summary>A hash of the fields an update may change, over the columns the file has (a column the file lacks is never changed).</summary>
public sealed class ContentHasher(ImportColumns columns)
{
    public readonly bool given = columns.Has(MemberCsv.GivenName), middle = columns.Has(MemberCsv.MiddleName), family = columns.Has(MemberCsv.FamilyName),
        email = columns.Has(MemberCsv.Email), phone = columns.Has(MemberCsv.Phone), born = columns.Has(MemberCsv.DateOfBirth),
        trade = columns.Has(MemberCsv.Trade), workplace = columns.Has(MemberCsv.Workplace);

    public const ulong Start = 14695981039346656037UL;

    /// <summary>One text field into the hash, exactly as <see cref="Hash"/> does for a string (null is not the empty text).</summary>
    public static ulong Text(ulong h, ReadOnlySpan<char> value, bool isNull) => isNull ? Keys.Mix(h, -7) : Keys.Mix(Keys.Fnv(value, h), value.Length);

    public ulong Hash(string? givenName, string? middleName, string? familyName, string? emailAddress, string? phoneNumber, DateOnly? dob, string? tradeName, int? workplaceId)
    {
        var h = Start;
        if (given) h = Text(h, givenName);
        if (middle) h = Text(h, middleName);
        if (family) h = Text(h, familyName);
        if (email) h = Text(h, emailAddress);
        if (phone) h = Text(h, phoneNumber);
        if (born) h = Keys.Mix(h, dob?.DayNumber ?? -1);
        if (trade) h = Text(h, tradeName);
        if (workplace) h = Keys.Mix(h, workplaceId ?? -1);
        return h;
    }

    static ulong Text(ulong h, string? value) => Text(h, value, value is null);
}
