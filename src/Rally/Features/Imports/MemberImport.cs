using Rally.Data;
using Rally.Web;

namespace Rally.Features.Imports;

/// <summary>Imports a member file: streamed, validated row by row, matched, written in bulk as one batch.</summary>
public static partial class MemberImport
{
    /// <summary>How many rejections the summary carries; all of them go to the rejected-rows CSV and (for a batch) to ImportRejection rows.</summary>
    public const int RejectionsInSummary = 100;

    /// <summary>
    /// Runs an import. Fatal problems (unknown encoding, missing required column, unknown mapped
    /// field, an --into unit outside the actor's reach) answer 400/403/404 and write nothing.
    /// </summary>
    /// <param name="rejected">optional sink for the rejected-rows CSV (the file's columns, then row_number, column, reason)</param>
    public static Task<Outcome<ImportSummary>> RunAsync(RallyDb db, ImportActor actor, Stream file, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken ct, TextWriter? rejected = null) =>
        throw new NotImplementedException();
}
