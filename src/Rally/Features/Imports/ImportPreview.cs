using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Members;

namespace Rally.Features.Imports;

/// <summary>The head of a file before importing it: its headers, the proposed mapping, and the first rows mapped and checked.</summary>
public static class ImportPreview
{
    public const int Rows = 10;

    /// <summary>
    /// Reads the header and the first <see cref="Rows"/> rows only. Row checks are those of the
    /// import itself (formats, codes, --into, the actor's reach); matching is not previewed.
    /// A fatal problem (unknown encoding, bad map, missing required column) is in <see cref="ImportPreviewResult.Fatal"/>.
    /// </summary>
    public static async Task<ImportPreviewResult> ReadAsync(RallyDb db, Stream file, string? encoding, IReadOnlyDictionary<string, string>? map,
        CancellationToken ct = default, ImportActor? actor = null, string? into = null)
    {
        var enc = MemberImport.EncodingFor(encoding);
        if (enc is null) return new([], [], [], $"unknown encoding '{encoding}' (try utf-8, utf-16 or windows-1251)");
        using var text = new StreamReader(file, enc, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var csv = new CsvRowReader(text);
        if (!csv.Read()) return new([], [], [], "the file is empty: it has no header row");
        var headers = csv.Fields.Select((h, i) => i == 0 ? h.TrimStart('\uFEFF') : h).ToList();
        var (columns, error) = ImportColumns.Resolve(headers, map);
        if (columns is null)
        {
            var proposed = headers.Select(h => new PreviewColumn(h, ImportColumns.Propose(h))).ToList();
            return new(proposed, [], [], error);
        }
        var previewColumns = headers.Select((h, i) => new PreviewColumn(h, columns.Fields[i])).ToList();

        var units = await db.OrgUnits.AsNoTracking().Select(u => new ImportUnit(u.Id, u.Code, u.Path)).ToListAsync(ct);
        var byCode = units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        ImportUnit? intoUnit = null;
        if (into is not null && !byCode.TryGetValue(into.Trim(), out intoUnit))
            return new(previewColumns, [], [], $"unknown org unit '{into}'");
        var missing = columns.Missing(intoUnit is not null).ToList();
        var categories = new Dictionary<string, (int, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(ct))
        {
            categories.TryAdd(c.Code, (c.Id, c.Code));
            categories.TryAdd(c.Name, (c.Id, c.Code));
        }
        var parser = new ImportRowParser(columns, byCode, categories, intoUnit, actor ?? ImportActor.Full("preview"),
            DateOnly.FromDateTime(db.Actor.Clock.GetUtcNow().UtcDateTime));
        var rows = new List<PreviewRow>();
        for (long n = 1; n <= Rows && csv.Read(); n++)
        {
            var row = parser.Parse(n, csv.Fields);
            var errors = new List<RejectedRow>();
            if (csv.OversizedField >= 0) errors.Add(new(n, "", $"a field is longer than {csv.MaxFieldLength} characters", null));
            else if (!row.Valid) errors.Add(new(n, row.ErrorColumn, row.Error!, null));
            var fields = columns.Headers.Select((h, i) => (f: columns.Fields[i], v: ImportRowParser.Cell(csv.Fields, i)))
                .Where(x => x.f is not null).ToDictionary(x => x.f!, x => x.v);
            rows.Add(new(n, fields, errors));
        }
        return new(previewColumns, rows, missing,
            missing.Count > 0 ? $"the file has no {string.Join(", ", missing)} column{(missing.Count > 1 ? "s" : "")}" : null);
    }
}
