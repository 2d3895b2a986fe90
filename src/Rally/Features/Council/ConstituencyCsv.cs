using System.Globalization;
using System.Text;
using Rally.Features.Imports;

namespace Rally.Features.Council;

/// <summary>
/// A table of constituencies as CSV: a header with <c>name</c> and <c>count</c> (and optionally
/// <c>eligible</c>, true or false), one row each. Counts are whole numbers of 0 or more.
/// </summary>
public static class ConstituencyCsv
{
    /// <summary>The table, or the first problem as one sentence naming the line.</summary>
    public static (List<Constituency>? Rows, string? Error) Read(TextReader reader)
    {
        var csv = new CsvRowReader(reader, maxFieldLength: 1000, maxFields: 100);
        if (!csv.Read()) return (null, "the file is empty: the first line must be the header name,count (and optionally eligible).");
        var header = csv.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        int name = header.IndexOf("name"), count = header.IndexOf("count"), eligible = header.IndexOf("eligible");
        if (name < 0 || count < 0)
            return (null, $"the first line must be a header with the columns name and count (and optionally eligible); found: {string.Join(",", csv.Fields)}.");

        var rows = new List<Constituency>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (csv.Read())
        {
            var line = csv.Records;
            if (csv.UnterminatedQuote) return (null, $"line {line}: a quoted field is not closed.");
            if (csv.OversizedField >= 0 || csv.TooManyFields) return (null, $"line {line}: the row is too long.");
            string Field(int i) => i < csv.Fields.Count ? csv.Fields[i].Trim() : "";
            var n = Field(name);
            if (n.Length == 0) return (null, $"line {line}: the name is empty.");
            if (n.Length > 200) return (null, $"line {line}: the name is longer than 200 characters.");
            if (!names.Add(n)) return (null, $"line {line}: the name '{n}' appears twice.");
            var text = Field(count);
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return (null, $"line {line}: the count of '{n}' is '{text}', not a whole number.");
            if (value < 0) return (null, $"line {line}: the count of '{n}' is negative ({value}).");
            var flag = eligible < 0 ? "" : Field(eligible).ToLowerInvariant();
            if (flag is not ("" or "true" or "false")) return (null, $"line {line}: eligible for '{n}' is '{Field(eligible)}'; use true or false.");
            rows.Add(new Constituency(n, value, flag != "false"));
        }
        if (rows.Count == 0) return (null, "the file has a header but no constituencies.");
        return (rows, null);
    }

    /// <summary>The result as <c>name,seats</c> in input order.</summary>
    public static string Write(ApportionmentResult result)
    {
        var text = new StringBuilder("name,seats\n");
        foreach (var a in result.Allocations) text.Append(Quote(a.Name)).Append(',').Append(a.Seats.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
