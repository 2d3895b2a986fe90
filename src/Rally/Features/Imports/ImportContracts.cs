using Rally.Features.Accounts;

namespace Rally.Features.Imports;

/// <summary>What the user asked for: the file's name, whether to write anything, the unit to import into, the encoding and the column mapping.</summary>
/// <param name="FileName">The file's name as given (directories are dropped when recorded).</param>
/// <param name="DryRun">Validate and match every row, write nothing.</param>
/// <param name="Into">An org unit code: rows without an org unit go there, rows outside it are rejected.</param>
/// <param name="Encoding">A .NET encoding name (utf-8, utf-16, windows-1251, ...); a byte order mark wins over it. Default UTF-8.</param>
/// <param name="Map">Source column → canonical field (<see cref="Members.MemberCsv.Columns"/>), on top of the proposed mapping.</param>
public sealed record ImportOptions(string FileName, bool DryRun = false, string? Into = null, string? Encoding = null, IReadOnlyDictionary<string, string>? Map = null);

/// <summary>A rejected row: its data row number (1 = first row after the header), the column at fault, why, and the raw row as CSV.</summary>
public sealed record RejectedRow(long RowNumber, string? Column, string Reason, string? Row);

/// <summary>What an import did. <see cref="BatchId"/> is null for a dry run; <see cref="Rejections"/> holds the first <see cref="MemberImport.RejectionsInSummary"/>.</summary>
public sealed record ImportSummary(
    int? BatchId, string FileName, bool DryRun,
    long Read, long Inserted, long Updated, long Unchanged, long Rejected, long SentToReview,
    IReadOnlyList<RejectedRow> Rejections, TimeSpan Elapsed);

/// <summary>How far an import has read: rows and bytes, and the file's size when known.</summary>
public readonly record struct ImportProgress(long RowsRead, long BytesRead, long? TotalBytes);

/// <summary>
/// Who imports, and where they may: the CLI acts with full access (<see cref="Full"/>), an API or
/// page caller within the units where they hold the officer role (<see cref="ForCallerAsync"/>).
/// </summary>
/// <param name="Name">Recorded as the batch's StartedBy and on status changes.</param>
/// <param name="Paths">Org unit paths the actor may import into (with their subtrees); null = the whole federation.</param>
public sealed record ImportActor(string Name, IReadOnlyList<string>? Paths)
{
    public static ImportActor Full(string name) => new(name, null);

    public static async Task<ImportActor> ForCallerAsync(Caller caller, CancellationToken ct = default) =>
        new(caller.Name, AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Officer));

    public bool Covers(string path) => Paths is null || Paths.Any(p => OrgUnits.OrgPath.Contains(p, path));
}

/// <summary>One file column in a preview: its header, the canonical field it maps to (null: ignored).</summary>
public sealed record PreviewColumn(string Header, string? Field);

/// <summary>One previewed row: its number, the canonical fields as read, and what is wrong with it (field → reasons).</summary>
public sealed record PreviewRow(long RowNumber, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<RejectedRow> Errors);

/// <summary>The head of a file: its columns with the proposed mapping, the first rows mapped and checked, and any fatal problem.</summary>
public sealed record ImportPreviewResult(IReadOnlyList<PreviewColumn> Columns, IReadOnlyList<PreviewRow> Rows, IReadOnlyList<string> MissingFields, string? Fatal);
