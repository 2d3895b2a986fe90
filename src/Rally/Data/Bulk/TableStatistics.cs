using Microsoft.EntityFrameworkCore;

namespace Rally.Data.Bulk;

/// <summary>
/// Refreshes the planner's statistics after a bulk load. Without them, both databases plan the
/// first queries over a million new rows as if the tables were small (SQLite scanned a whole union
/// for a surname prefix instead of using the name indexes).
/// </summary>
public static class TableStatistics
{
    /// <summary>SQLite samples this many index entries per index instead of reading them all (PRAGMA analysis_limit).</summary>
    const int SqliteSample = 1000;

    public static async Task UpdateAsync(RallyDb db, IEnumerable<string> tables, CancellationToken ct = default)
    {
        var quoted = tables.Select(t => $"\"{t}\"").ToList();
        if (quoted.Count == 0) return;
        if (db.IsPostgres)
        {
            // Table names come from the EF model, not from input.
            var all = "ANALYZE " + string.Join(", ", quoted);
            await db.Database.ExecuteSqlRawAsync(all, ct);
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var limit = "PRAGMA analysis_limit = " + SqliteSample;
            await db.Database.ExecuteSqlRawAsync(limit, ct);
            foreach (var table in quoted)
            {
                var analyze = "ANALYZE " + table;
                await db.Database.ExecuteSqlRawAsync(analyze, ct);
            }
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 0", ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
