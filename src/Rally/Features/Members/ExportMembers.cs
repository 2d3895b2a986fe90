using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>
/// A member list (the same filters as <see cref="ListMembers"/>) as CSV in the canonical columns of
/// <see cref="MemberCsv"/>, so that an export imports back. Officers only: the file holds personal
/// data of many people at once. Read in id order, a chunk at a time, and written as it is read,
/// so a million members never sit in memory. Every export leaves one audit entry.
/// </summary>
public static class ExportMembers
{
    public const int Chunk = 1000;
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>One line of the file, as read from the database.</summary>
    public sealed record Row(int Id, string MembershipNumber, string FirstName, string? Patronymic, string LastName, string? Email, string? Phone,
        DateOnly? DateOfBirth, string Category, string? Trade, string OrgUnit, string? Workplace, string Status, DateOnly? JoinedOn);

    /// <summary>An export checked and ready to write: the filters were valid and the caller may export.</summary>
    public sealed class Export(RallyDb db, IQueryable<Member> members, ListMembers.Query query, string? scopePath, string fileName)
    {
        public string FileName { get; } = fileName;

        /// <summary>
        /// Writes the header and every selected member, then the audit entry (also when the reader
        /// went away halfway: the entry then says how many rows left). Returns the rows written.
        /// </summary>
        public async Task<long> WriteAsync(TextWriter writer, CancellationToken ct)
        {
            long rows = 0;
            var completed = false;
            try
            {
                await writer.WriteAsync(string.Join(',', MemberCsv.Columns) + "\r\n");
                var line = new StringBuilder();
                for (var after = 0; ;)
                {
                    var last = after;
                    var chunk = await members.Where(m => m.Id > last).OrderBy(m => m.Id).Take(Chunk).Select(m => new Row(
                            m.Id, m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName, m.Email, m.Phone, m.DateOfBirth,
                            m.Category.Code, m.Trade, m.OrgUnit.Code, m.Workplace == null ? null : m.Workplace.Code, m.Status,
                            db.MemberStatusChanges.Where(s => s.MemberId == m.Id && s.ToStatus == MemberRules.Active).Min(s => (DateOnly?)s.EffectiveOn)))
                        .ToListAsync(ct);
                    foreach (var row in chunk)
                    {
                        Line(line, row);
                        await writer.WriteAsync(line, ct);
                        rows++;
                    }
                    await writer.FlushAsync(ct);
                    if (chunk.Count < Chunk) break;
                    after = chunk[^1].Id;
                }
                completed = true;
                return rows;
            }
            finally
            {
                await AuditAsync(rows, completed);
            }
        }

        async Task AuditAsync(long rows, bool completed)
        {
            var changes = new Dictionary<string, object?>();
            void Filter(string name, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value)) changes[name] = new { before = (string?)null, after = value.Trim() };
            }
            Filter("search", query.Search);
            Filter("orgUnit", query.OrgUnit);
            Filter("category", query.Category);
            Filter("status", query.Status);
            Filter("workplace", query.Workplace);
            if (query.IncludeArchived) changes["includeArchived"] = new { before = (bool?)null, after = true };
            changes["rows"] = new { before = (long?)null, after = rows };
            if (!completed) changes["completed"] = new { before = (bool?)null, after = false };
            db.AuditEntries.Add(new AuditEntry
            {
                At = db.Actor.Clock.GetUtcNow(),
                UserId = db.Actor.UserId,
                UserName = db.Actor.Name,
                Action = "export",
                EntityType = "MemberExport",
                EntityId = FileName,
                Changes = JsonSerializer.Serialize(changes),
                ScopePath = scopePath,
            });
            // Not the request's token: a reader who hung up still leaves the entry.
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>For a signed-in caller: officers only (403 otherwise), members within their officer grants.</summary>
    public static async Task<Outcome<Export>> PrepareAsync(RallyDb db, Caller caller, ListMembers.Query query, CancellationToken ct)
    {
        var paths = AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Officer);
        if (paths is { Count: 0 }) return Outcome<Export>.Forbidden("Exporting members needs the officer role.");
        // The entry is filed under the one unit the export could reach, so that unit's administrators see it.
        var scopePath = paths is [var only] ? only : null;
        return await PrepareAsync(db, await caller.MembersAsync(Roles.Officer, ct), query, scopePath, ct);
    }

    /// <summary>Over any set of members (the command line exports the whole federation).</summary>
    public static async Task<Outcome<Export>> PrepareAsync(RallyDb db, IQueryable<Member> scope, ListMembers.Query query, string? scopePath, CancellationToken ct,
        string fileName = "members.csv")
    {
        var errors = new FieldErrors();
        var members = await ListMembers.MatchingAsync(db, scope.AsNoTracking(), query, errors, ct);
        if (errors.Any) return Outcome<Export>.Invalid(errors);
        if (!string.IsNullOrWhiteSpace(query.OrgUnit))
            scopePath = await db.OrgUnits.ByIdOrCode(query.OrgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? scopePath;
        return Outcome<Export>.Ok(new Export(db, members, query, scopePath, fileName));
    }

    /// <summary>The export as a download, written as it is read.</summary>
    public static IResult Download(Export export, CancellationToken ct) => TypedResults.Stream(async body =>
    {
        // A byte order mark, so spreadsheets read the names as UTF-8; the import skips it.
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        await export.WriteAsync(writer, ct);
    }, ContentType, export.FileName);

    /// <summary>The row as one CSV line in <see cref="MemberCsv.Columns"/> order, every cell neutralised, ended by CRLF.</summary>
    public static void Line(StringBuilder line, Row row)
    {
        line.Clear();
        Cell(line, row.MembershipNumber, first: true);
        Cell(line, row.FirstName);
        Cell(line, row.Patronymic);
        Cell(line, row.LastName);
        Cell(line, row.Email);
        Cell(line, row.Phone);
        Cell(line, Date(row.DateOfBirth));
        Cell(line, row.Category);
        Cell(line, row.Trade);
        Cell(line, row.OrgUnit);
        Cell(line, row.Workplace);
        Cell(line, row.Status);
        Cell(line, Date(row.JoinedOn));
        line.Append("\r\n");
    }

    static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled.</summary>
    static void Cell(StringBuilder line, string? value, bool first = false)
    {
        if (!first) line.Append(',');
        var text = MemberCsv.Neutralise(value);
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }
        line.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
    }
}
