using System.Globalization;
using Rally.Features.Members;

namespace Rally.Features.Imports;

/// <summary>One data row, checked: the canonical values (null = empty cell or absent column) and the ids they name.</summary>
public sealed class ImportRow
{
    public long RowNumber;
    public string? MembershipNumber, GivenName, MiddleName, FamilyName, Email, Phone, Trade, Status;
    public string? OrgUnitCode, WorkplaceCode, CategoryText;
    public DateOnly? DateOfBirth, JoinedOn;
    public int? CategoryId, OrgUnitId, WorkplaceId;
    /// <summary>The first problem found: the column and the reason; null when the row is good.</summary>
    public string? ErrorColumn, Error;

    public bool Valid => Error is null;

    public ImportRow Fail(string column, string reason)
    {
        if (Error is null) (ErrorColumn, Error) = (column, reason);
        return this;
    }

    /// <summary>The canonical fields as text (for a review's stored row and the preview).</summary>
    public Dictionary<string, string?> Canonical() => new()
    {
        [MemberCsv.MembershipNumber] = MembershipNumber, [MemberCsv.GivenName] = GivenName, [MemberCsv.MiddleName] = MiddleName,
        [MemberCsv.FamilyName] = FamilyName, [MemberCsv.Email] = Email, [MemberCsv.Phone] = Phone,
        [MemberCsv.DateOfBirth] = DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [MemberCsv.Category] = CategoryText, [MemberCsv.Trade] = Trade, [MemberCsv.OrgUnit] = OrgUnitCode,
        [MemberCsv.Workplace] = WorkplaceCode, [MemberCsv.Status] = Status,
        [MemberCsv.JoinedOn] = JoinedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary>A unit the import may name: its id and path, and whether members may belong to it directly.</summary>
public sealed record ImportUnit(int Id, string Code, string Path);

/// <summary>
/// Reads a record's cells into an <see cref="ImportRow"/> and checks each one: lengths, formats,
/// codes that must exist, the --into subtree, the actor's reach. Pure apart from its lookups.
/// </summary>
public sealed class ImportRowParser(
    ImportColumns columns, IReadOnlyDictionary<string, ImportUnit> units, IReadOnlyDictionary<string, (int Id, string Code)> categories,
    ImportUnit? into, ImportActor actor, DateOnly today)
{
    readonly int number = columns[MemberCsv.MembershipNumber], given = columns[MemberCsv.GivenName], middle = columns[MemberCsv.MiddleName],
        family = columns[MemberCsv.FamilyName], email = columns[MemberCsv.Email], phone = columns[MemberCsv.Phone], born = columns[MemberCsv.DateOfBirth],
        category = columns[MemberCsv.Category], trade = columns[MemberCsv.Trade], orgUnit = columns[MemberCsv.OrgUnit],
        workplace = columns[MemberCsv.Workplace], status = columns[MemberCsv.Status], joined = columns[MemberCsv.JoinedOn];

    public ImportColumns Columns => columns;

    /// <summary>A cell: trimmed, empty as null, and a formula neutraliser's apostrophe taken off (export writes '=1+1 for =1+1).</summary>
    public static string? Cell(IReadOnlyList<string> fields, int index)
    {
        if (index < 0 || index >= fields.Count) return null;
        var v = fields[index];
        if (v.Length > 1 && v[0] == '\'' && v[1] is '=' or '+' or '-' or '@' or '\t' or '\r') return v[1..];
        v = v.Trim();
        return v.Length == 0 ? null : v;
    }

    /// <summary>yyyy-MM-dd, or dd.MM.yyyy (day first is the only reading of a dotted date).</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public ImportRow Parse(long rowNumber, IReadOnlyList<string> fields)
    {
        var r = new ImportRow { RowNumber = rowNumber };
        if (fields.Count != columns.Headers.Count)
            return r.Fail("", $"the row has {fields.Count} fields, the header has {columns.Headers.Count}");
        for (var i = 0; i < fields.Count; i++)
            if (fields[i].Contains('\uFFFD'))
                return r.Fail(columns.Headers[i], "unreadable characters: is the file in another encoding? (see --encoding)");

        r.MembershipNumber = Text(r, number, MemberCsv.MembershipNumber, 40, fields);
        r.GivenName = Text(r, given, MemberCsv.GivenName, 100, fields);
        r.MiddleName = Text(r, middle, MemberCsv.MiddleName, 100, fields);
        r.FamilyName = Text(r, family, MemberCsv.FamilyName, 100, fields);
        r.Email = Text(r, email, MemberCsv.Email, 254, fields);
        r.Phone = Text(r, phone, MemberCsv.Phone, 40, fields);
        r.Trade = Text(r, trade, MemberCsv.Trade, 100, fields);
        r.CategoryText = Cell(fields, category);
        r.OrgUnitCode = Cell(fields, orgUnit);
        r.WorkplaceCode = Cell(fields, workplace);
        r.Status = Cell(fields, status);
        if (r.GivenName is null) r.Fail(MemberCsv.GivenName, "given_name is required");
        if (r.FamilyName is null) r.Fail(MemberCsv.FamilyName, "family_name is required");
        if (r.Email is { } e && !IsEmail(e)) r.Fail(MemberCsv.Email, $"'{e}' is not an e-mail address");
        if (r.Phone is { } p && !p.All(c => char.IsDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')) r.Fail(MemberCsv.Phone, $"'{p}' is not a phone number");
        if (Cell(fields, born) is { } b)
        {
            r.DateOfBirth = ParseDate(b);
            if (r.DateOfBirth is null) r.Fail(MemberCsv.DateOfBirth, $"'{b}' is not a date (yyyy-MM-dd or dd.MM.yyyy)");
            else if (r.DateOfBirth > today) r.Fail(MemberCsv.DateOfBirth, "date_of_birth is in the future");
        }
        if (Cell(fields, joined) is { } j)
        {
            r.JoinedOn = ParseDate(j);
            if (r.JoinedOn is null) r.Fail(MemberCsv.JoinedOn, $"'{j}' is not a date (yyyy-MM-dd or dd.MM.yyyy)");
            else if (r.JoinedOn > today) r.Fail(MemberCsv.JoinedOn, "joined_on is in the future");
            else if (r.DateOfBirth is { } dob && r.JoinedOn < dob) r.Fail(MemberCsv.JoinedOn, "joined_on is before date_of_birth");
        }
        if (r.Status is { } s && !MemberRules.IsStatus(s)) r.Fail(MemberCsv.Status, $"unknown status '{s}'; statuses are {string.Join(", ", MemberRules.Statuses)}");
        if (r.CategoryText is { } c)
        {
            if (categories.TryGetValue(c, out var cat) || categories.TryGetValue(c.ToLowerInvariant(), out cat)) (r.CategoryId, r.CategoryText) = (cat.Id, cat.Code);
            else r.Fail(MemberCsv.Category, $"unknown category '{c}'");
        }
        if (r.OrgUnitCode is { } u)
        {
            if (!units.TryGetValue(u, out var unit)) r.Fail(MemberCsv.OrgUnit, $"unknown org unit '{u}'");
            else if (into is not null && !OrgUnits.OrgPath.Contains(into.Path, unit.Path)) r.Fail(MemberCsv.OrgUnit, $"org unit '{u}' is outside {into.Code}");
            else if (!actor.Covers(unit.Path)) r.Fail(MemberCsv.OrgUnit, $"org unit '{u}' is outside the units you may import into");
            else r.OrgUnitId = unit.Id;
        }
        else if (into is not null) (r.OrgUnitId, r.OrgUnitCode) = (into.Id, into.Code);
        if (r.WorkplaceCode is { } w)
        {
            if (!units.TryGetValue(w, out var unit)) r.Fail(MemberCsv.Workplace, $"unknown workplace '{w}'");
            else r.WorkplaceId = unit.Id;
        }
        return r;
    }

    static string? Text(ImportRow r, int index, string column, int max, IReadOnlyList<string> fields)
    {
        var v = Cell(fields, index);
        if (v is not null && v.Length > max) { r.Fail(column, $"{column} is longer than {max} characters ({v.Length})"); return null; }
        return v;
    }

    static bool IsEmail(string e)
    {
        var at = e.IndexOf('@');
        return at > 0 && at == e.LastIndexOf('@') && at < e.Length - 1 && !e.Any(char.IsWhiteSpace);
    }
}
