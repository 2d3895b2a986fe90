using System.Text;

namespace Rally.Features.Imports;

/// <summary>
/// A streaming CSV reader (RFC 4180 with lenient edges): quoted fields may hold commas, quotes
/// ("") and line breaks; records end at CR, LF or CRLF; blank lines are skipped. It never holds
/// more than one record: a field longer than <see cref="MaxFieldLength"/> or a record with more
/// than <see cref="MaxFields"/> fields is read to its end and flagged, not kept, so a 1 GB field
/// costs no memory and the next record reads normally.
/// </summary>
public sealed class CsvRowReader(TextReader reader, int maxFieldLength = CsvRowReader.DefaultMaxFieldLength, int maxFields = 1000)
{
    public const int DefaultMaxFieldLength = 64 * 1024;

    readonly char[] buffer = new char[64 * 1024];
    int position, length;
    bool eof;
    readonly StringBuilder field = new();
    readonly List<string> fields = [];

    public int MaxFieldLength => maxFieldLength;
    public int MaxFields => maxFields;

    /// <summary>The current record's fields (oversized ones are cut at <see cref="MaxFieldLength"/>).</summary>
    public IReadOnlyList<string> Fields => fields;

    /// <summary>The index of the first field that was too long, or -1.</summary>
    public int OversizedField { get; private set; } = -1;

    /// <summary>The record had more than <see cref="MaxFields"/> fields (the rest were dropped).</summary>
    public bool TooManyFields { get; private set; }

    /// <summary>The file ended inside a quoted field.</summary>
    public bool UnterminatedQuote { get; private set; }

    /// <summary>Records read so far (the header counts as record 1).</summary>
    public long Records { get; private set; }

    int Peek()
    {
        if (position < length) return buffer[position];
        if (eof) return -1;
        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        if (length == 0) { eof = true; return -1; }
        return buffer[0];
    }

    /// <summary>Reads the next non-blank record; false at the end of the file.</summary>
    public bool Read()
    {
        fields.Clear();
        OversizedField = -1;
        TooManyFields = false;
        UnterminatedQuote = false;
        while (true)
        {
            var c = Peek();
            if (c == -1) return false;
            if (c is '\r' or '\n') { position++; continue; } // blank line
            break;
        }
        Records++;
        while (true)
        {
            var end = ReadField();
            AddField();
            if (end) return true;
        }
    }

    void AddField()
    {
        if (fields.Count >= maxFields) { TooManyFields = true; field.Clear(); return; }
        fields.Add(field.Length == 0 ? "" : field.ToString());
        field.Clear();
    }

    void Append(char c)
    {
        if (field.Length < maxFieldLength) field.Append(c);
        else if (OversizedField < 0) OversizedField = fields.Count;
    }

    void AppendSpan(ReadOnlySpan<char> span)
    {
        var room = maxFieldLength - field.Length;
        if (span.Length <= room) { field.Append(span); return; }
        field.Append(span[..room]);
        if (OversizedField < 0) OversizedField = fields.Count;
    }

    /// <summary>Reads one field into <see cref="field"/>; true when it ended its record.</summary>
    bool ReadField()
    {
        var c = Peek();
        if (c == '"')
        {
            position++;
            while (true)
            {
                c = Peek();
                if (c == -1) { UnterminatedQuote = true; return true; }
                // Copy the run up to the next quote at once.
                var span = buffer.AsSpan(position, length - position);
                var quote = span.IndexOf('"');
                if (quote < 0) { AppendSpan(span); position = length; continue; }
                AppendSpan(span[..quote]);
                position += quote + 1;
                if (Peek() == '"') { Append('"'); position++; continue; }
                break;
            }
            // After the closing quote: a delimiter, the end of the record, or (leniently) more text.
        }
        while (true)
        {
            c = Peek();
            if (c == -1) return true;
            var span = buffer.AsSpan(position, length - position);
            var stop = span.IndexOfAny(',', '\r', '\n');
            if (stop < 0) { AppendSpan(span); position = length; continue; }
            AppendSpan(span[..stop]);
            position += stop;
            var d = buffer[position++];
            if (d == ',') return false;
            if (d == '\r' && Peek() == '\n') position++;
            return true;
        }
    }

    /// <summary>Fields written back as one CSV line (quoted where needed).</summary>
    public static string Line(IEnumerable<string?> values) => string.Join(',', values.Select(Quote));

    public static string Quote(string? value) =>
        string.IsNullOrEmpty(value) ? "" :
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ' ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
