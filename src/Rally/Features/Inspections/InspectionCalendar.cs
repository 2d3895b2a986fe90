using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;

namespace Rally.Features.Inspections;

/// <summary>
/// The planned inspections of the control groups a member belongs to, as an iCalendar feed for
/// their calendar app. Behind their personal access token (a Bearer header, or ?token= for apps
/// that cannot send headers); never public, so surprise inspections do not leak.
/// </summary>
public static class InspectionCalendar
{
    public sealed record Event(int Id, DateOnly On, string Target, string? Address, string Group, string Checklist);

    /// <summary>The member behind a token, or null when the token is unknown, revoked or its user disabled.</summary>
    public static async Task<(bool Valid, int? MemberId)> AuthenticateAsync(RallyDb db, string? secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret)) return (false, null);
        var token = await AccessTokens.FindActiveAsync(db, secret.Trim(), ct);
        if (token is null) return (false, null);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == token.UserId).Select(u => new { u.DisabledAt, u.MemberId }).FirstOrDefaultAsync(ct);
        return user is null || user.DisabledAt is not null ? (false, null) : (true, user.MemberId);
    }

    public static async Task<IReadOnlyList<Event>> EventsAsync(RallyDb db, int memberId, DateOnly today, CancellationToken ct)
    {
        var groups = InspectionAccess.GroupsOf(db, memberId, today);
        return await db.Inspections.AsNoTracking()
            .Where(i => groups.Contains(i.ControlGroupId) && i.Stage != InspectionStages.Completed && i.PlannedOn >= today.AddDays(-7))
            .OrderBy(i => i.PlannedOn).ThenBy(i => i.Id).Take(500)
            .Select(i => new Event(i.Id, i.PlannedOn, i.Target.Name, i.Target.Address, i.ControlGroup.Name, i.Checklist.Name)).ToListAsync(ct);
    }

    public static string Write(IReadOnlyList<Event> events, DateTimeOffset now, string host)
    {
        var text = new StringBuilder();
        void Line(string line)
        {
            // RFC 5545: lines of at most 75 octets, folded with CRLF and a space.
            var bytes = Encoding.UTF8.GetBytes(line);
            if (bytes.Length <= 75) { text.Append(line).Append("\r\n"); return; }
            var current = new StringBuilder();
            var size = 0;
            var first = true;
            foreach (var rune in line.EnumerateRunes())
            {
                var n = rune.Utf8SequenceLength;
                if (size + n > (first ? 75 : 74))
                {
                    text.Append(first ? "" : " ").Append(current).Append("\r\n");
                    current.Clear();
                    size = 0;
                    first = false;
                }
                current.Append(rune.ToString());
                size += n;
            }
            text.Append(first ? "" : " ").Append(current).Append("\r\n");
        }
        static string Escape(string s) => s.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r", "").Replace("\n", "\\n");
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Rally//Inspections//EN");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:Planned inspections");
        foreach (var e in events)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:inspection-{e.Id}@{host}");
            Line("DTSTAMP:" + stamp);
            Line("DTSTART;VALUE=DATE:" + e.On.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            Line("DTEND;VALUE=DATE:" + e.On.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            Line("SUMMARY:" + Escape($"Inspection: {e.Target}"));
            if (e.Address is not null) Line("LOCATION:" + Escape(e.Address));
            Line("DESCRIPTION:" + Escape($"{e.Group}; checklist: {e.Checklist}"));
            Line("CLASS:CONFIDENTIAL");
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return text.ToString();
    }
}
