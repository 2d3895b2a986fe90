using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Imports.Pages;

/// <summary>
/// A batch's rejected rows as CSV, read from the database a chunk at a time: row_number, column and
/// reason, then the row's own fields as they were read, so the rows can be fixed and imported again.
/// </summary>
public static class RejectedRowsCsv
{
    const int Chunk = 1000;

    public static async Task<long> WriteAsync(RallyDb db, int batchId, TextWriter writer, CancellationToken ct)
    {
        await writer.WriteAsync("row_number,column,reason,row\r\n");
        long written = 0;
        for (long after = -1; ;)
        {
            var from = after;
            var chunk = await db.ImportRejections.AsNoTracking().Where(r => r.BatchId == batchId && r.Id > from).OrderBy(r => r.Id).Take(Chunk)
                .Select(r => new { r.Id, r.RowNumber, r.Column, r.Reason, r.Row }).ToListAsync(ct);
            foreach (var r in chunk)
            {
                await writer.WriteAsync(string.Join(',', Quote(r.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)), Quote(r.Column), Quote(r.Reason), Quote(r.Row)) + "\r\n");
                written++;
            }
            await writer.FlushAsync(ct);
            if (chunk.Count < Chunk) return written;
            after = chunk[^1].Id;
        }
    }

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    static string Quote(string? value)
    {
        var text = Members.MemberCsv.Neutralise(value);
        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
