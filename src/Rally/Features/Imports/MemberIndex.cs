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

    public static int IndexOfStatus(string? status) => status is null ? -1 : MemberRules.Statuses.ToList().IndexOf(status);
}

/// <summary>The matching keys, as 64-bit FNV-1a hashes of their normalised text; 0 = no key.</summary>
public static class Keys
{
    public static ulong Number(string? number) => string.IsNullOrWhiteSpace(number) ? 0 : Fnv(number.Trim());

    public static ulong Email(string? email) => string.IsNullOrWhiteSpace(email) ? 0 : Fnv(email.Trim().ToLowerInvariant());

    /// <summary>Digits only; fewer than five digits is no phone number to match on.</summary>
    public static ulong Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return 0;
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
    readonly bool given = columns.Has(MemberCsv.GivenName), middle = columns.Has(MemberCsv.MiddleName), family = columns.Has(MemberCsv.FamilyName),
        email = columns.Has(MemberCsv.Email), phone = columns.Has(MemberCsv.Phone), born = columns.Has(MemberCsv.DateOfBirth),
        trade = columns.Has(MemberCsv.Trade), workplace = columns.Has(MemberCsv.Workplace);

    public ulong Hash(string? givenName, string? middleName, string? familyName, string? emailAddress, string? phoneNumber, DateOnly? dob, string? tradeName, int? workplaceId)
    {
        var h = 14695981039346656037UL;
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

    static ulong Text(ulong h, string? value) => value is null ? Keys.Mix(h, -7) : Keys.Mix(Keys.Fnv(value, h), value.Length);
}
