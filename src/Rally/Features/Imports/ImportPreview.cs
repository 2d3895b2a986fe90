using Rally.Data;

namespace Rally.Features.Imports;

/// <summary>The head of a file before importing it: its headers, the proposed mapping, and the first rows mapped and checked.</summary>
public static class ImportPreview
{
    public const int Rows = 10;

    public static Task<ImportPreviewResult> ReadAsync(RallyDb db, Stream file, string? encoding, IReadOnlyDictionary<string, string>? map, CancellationToken ct = default) =>
        throw new NotImplementedException();
}
