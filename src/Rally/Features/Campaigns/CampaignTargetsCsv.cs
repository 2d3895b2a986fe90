using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;

namespace Rally.Features.Campaigns;

/// <summary>
/// A campaign's targets in the canonical member columns (<see cref="MemberCsv"/>), every cell
/// neutralised against formula injection, streamed in pages of ids so memory stays flat.
/// Exporting needs the officer role on the campaign's unit.
/// </summary>
public static class CampaignTargetsCsv
{
    const int PageSize = 5000;

    public static async Task<IResult> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var campaign = await (await CampaignResponse.VisibleAsync(db, caller, Roles.Viewer, ct)).AsNoTracking()
            .Select(c => new { c.Id, c.Name, c.OrgUnit.Path }).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is no such campaign.");
        if (!await caller.CanAsync(Roles.Officer, campaign.Path, ct))
            return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "Exporting a campaign's targets needs the officer role on its unit.");
        return Results.Stream(async stream => await WriteAsync(db, id, stream, ct), "text/csv; charset=utf-8", $"campaign-{id}-targets.csv");
    }

    static async Task WriteAsync(RallyDb db, int id, Stream stream, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync(string.Join(",", MemberCsv.Columns) + "\r\n");
        var after = 0;
        while (true)
        {
            var ids = await db.CampaignTargets.Where(t => t.CampaignId == id && t.MemberId > after).OrderBy(t => t.MemberId).Select(t => t.MemberId).Take(PageSize).ToListAsync(ct);
            if (ids.Count == 0) break;
            after = ids[^1];
            var rows = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).Select(m => new
            {
                m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName, m.Email, m.Phone, m.DateOfBirth, Category = m.Category.Code, m.Trade,
                OrgUnit = m.OrgUnit.Code, Workplace = m.Workplace == null ? null : m.Workplace.Code, m.Status, m.StatusSince, m.ErasedAt,
            }).ToListAsync(ct);
            var line = new StringBuilder();
            foreach (var m in rows)
            {
                line.Clear();
                string?[] cells = [m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName, m.Email, m.Phone, m.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    m.Category, m.Trade, m.OrgUnit, m.Workplace, m.Status, m.StatusSince.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                for (var i = 0; i < cells.Length; i++)
                {
                    if (i > 0) line.Append(',');
                    line.Append(Quote(MemberCsv.Neutralise(cells[i])));
                }
                line.Append("\r\n");
                await writer.WriteAsync(line, ct);
            }
        }
        await writer.FlushAsync(ct);
    }

    static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
