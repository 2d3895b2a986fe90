using System.Text;
using Rally.Features.Members;

namespace Rally.Features.Imports;

/// <summary>
/// Which file column feeds which canonical field: the canonical names, common aliases (English
/// and Russian) and the user's --map on top. Pure; fatal problems come back as one line.
/// </summary>
public sealed class ImportColumns
{
    /// <summary>Fields a file must provide (org_unit may instead come from --into).</summary>
    public static readonly IReadOnlyList<string> Required = [MemberCsv.GivenName, MemberCsv.FamilyName];

    static readonly Dictionary<string, string> Aliases = Build(new()
    {
        [MemberCsv.MembershipNumber] = ["membership_no", "member_number", "member_no", "number", "membership", "номер", "номер_билета", "членский_билет", "номер_членского_билета"],
        [MemberCsv.GivenName] = ["first_name", "firstname", "given", "forename", "name", "имя"],
        [MemberCsv.MiddleName] = ["patronymic", "middle", "middlename", "second_name", "отчество"],
        [MemberCsv.FamilyName] = ["surname", "last_name", "lastname", "family", "фамилия"],
        [MemberCsv.Email] = ["e_mail", "mail", "email_address", "электронная_почта", "почта", "эл_почта"],
        [MemberCsv.Phone] = ["telephone", "phone_number", "tel", "mobile", "телефон", "тел"],
        [MemberCsv.DateOfBirth] = ["dob", "birth_date", "birthdate", "born", "birthday", "дата_рождения"],
        [MemberCsv.Category] = ["категория"],
        [MemberCsv.Trade] = ["occupation", "profession", "job", "профессия", "специальность"],
        [MemberCsv.OrgUnit] = ["union", "branch", "unit", "org_unit_code", "профсоюз", "организация"],
        [MemberCsv.Workplace] = ["workplace_code", "employer", "место_работы", "предприятие"],
        [MemberCsv.Status] = ["member_status", "статус"],
        [MemberCsv.JoinedOn] = ["joined", "join_date", "date_joined", "member_since", "дата_вступления"],
    });

    static Dictionary<string, string> Build(Dictionary<string, string[]> aliases)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in MemberCsv.Columns) map[field] = field;
        foreach (var (field, names) in aliases)
            foreach (var name in names) map[name] = field;
        return map;
    }

    /// <summary>"Date of Birth", "date-of-birth" and "DATE_OF_BIRTH" all become date_of_birth.</summary>
    public static string Normalise(string header)
    {
        var s = new StringBuilder(header.Length);
        foreach (var c in header.Trim().Trim('\uFEFF').ToLowerInvariant())
            s.Append(c is ' ' or '-' or '.' ? '_' : c);
        return s.ToString();
    }

    /// <summary>The canonical field an alias or canonical name stands for, or null.</summary>
    public static string? Propose(string header) => Aliases.GetValueOrDefault(Normalise(header));

    public IReadOnlyList<string> Headers { get; }
    /// <summary>For each header, its canonical field or null (ignored).</summary>
    public IReadOnlyList<string?> Fields { get; }
    readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    ImportColumns(IReadOnlyList<string> headers, string?[] fields)
    {
        Headers = headers;
        Fields = fields;
        for (var i = 0; i < fields.Length; i++)
            if (fields[i] is { } f) index[f] = i;
    }

    /// <summary>The column index of a canonical field, or -1 when the file does not have it.</summary>
    public int this[string field] => index.GetValueOrDefault(field, -1);

    public bool Has(string field) => index.ContainsKey(field);

    public IEnumerable<string> Missing(bool hasInto) =>
        Required.Concat(hasInto ? [] : [MemberCsv.OrgUnit]).Where(f => !Has(f));

    /// <summary>Maps headers to fields: the user's map first (exact header, then normalised), then the proposals. Fatal problems return an error line.</summary>
    public static (ImportColumns? Columns, string? Error) Resolve(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string>? map)
    {
        var fields = new string?[headers.Count];
        var mapped = new HashSet<int>();
        foreach (var (source, target) in map ?? new Dictionary<string, string>())
        {
            var field = target.Trim();
            if (field.Length > 0 && !MemberCsv.Columns.Contains(field) && field != "-")
                return (null, $"--map {source}={target}: unknown field '{target}'; fields are {string.Join(", ", MemberCsv.Columns)} (or - to ignore the column)");
            var at = -1;
            for (var i = 0; i < headers.Count && at < 0; i++)
                if (headers[i].Trim() == source.Trim()) at = i;
            for (var i = 0; i < headers.Count && at < 0; i++)
                if (Normalise(headers[i]) == Normalise(source)) at = i;
            if (at < 0) return (null, $"--map {source}={target}: the file has no column '{source}'");
            fields[at] = field is "" or "-" ? null : field;
            mapped.Add(at);
        }
        for (var i = 0; i < headers.Count; i++)
            if (!mapped.Contains(i)) fields[i] = Propose(headers[i]);
        // A field fed by two columns is ambiguous: the user must say which one.
        var taken = new Dictionary<string, int>();
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is not { } f) continue;
            if (taken.TryGetValue(f, out var j))
            {
                if (mapped.Contains(j) && !mapped.Contains(i)) { fields[i] = null; continue; }
                if (mapped.Contains(i) && !mapped.Contains(j)) { fields[j] = null; taken[f] = i; continue; }
                return (null, $"columns '{headers[j]}' and '{headers[i]}' both map to {f}; choose one with --map \"{headers[i]}=-\"");
            }
            taken[f] = i;
        }
        return (new ImportColumns(headers, fields), null);
    }
}
