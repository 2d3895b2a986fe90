using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Education;

/// <summary>
/// The honest effect report of a programme: how the assessed level of its attendees changed over
/// the programme against comparable members who did not enrol, with the counts, and a sentence that
/// claims nothing beyond them.
/// <list type="bullet">
/// <item>Attendees: members who completed the programme (default) or, with
/// <c>attendees=attended</c>, who attended at least one session.</item>
/// <item>Comparable non-attendees: active members in the programme's unit subtree, not enrolled,
/// whose union or branch and category together match those of at least one attendee.</item>
/// <item>Before: each member's last assessment on the scale before the programme's start day.
/// After: the latest from the start day up to the programme's end day, or today if it has not
/// ended. Members lacking either are counted apart (<c>withoutBoth</c>).</item>
/// </list>
/// Both groups are drawn from the members the caller may see.
/// </summary>
public static class EffectReport
{
    public const string Completed = "completed", Attended = "attended";

    public sealed record Response(int ProgrammeId, string ProgrammeName, string Scale, string Attendees, string AttendeesRule, string ComparisonRule,
        DateOnly From, DateOnly To, EffectFigures.Group AttendeeGroup, EffectFigures.Group ComparisonGroup, string Sentence);

    public static async Task<Outcome<Response>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int? programmeId, string? attendees, string? scale, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var which = string.IsNullOrWhiteSpace(attendees) ? Completed : attendees.Trim();
        if (which is not (Completed or Attended)) errors.Add("attendees", $"attendees must be {Completed} or {Attended}.");
        var scaleCode = string.IsNullOrWhiteSpace(scale) ? AssessmentScale.EngagementCode : scale.Trim();
        var scaleRow = await db.AssessmentScales.AsNoTracking().Where(s => s.Code == scaleCode).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        if (scaleRow is null) errors.Add("scale", $"There is no assessment scale '{scaleCode}'.");
        if (programmeId is null)
        {
            errors.Add("programme", "programme is required (a programme id).");
            return Outcome<Response>.Invalid(errors);
        }
        var programme = await ProgrammeScope.FindAsync(db, caller, programmeId.Value, ct);
        if (programme is null) return Outcome<Response>.NotFound($"There is no programme {programmeId}.");
        if (errors.Any) return Outcome<Response>.Invalid(errors);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = programme.StartsOn;
        var to = programme.EndsOn is { } end && end < today ? end : today;

        var visible = await caller.MembersAsync(Roles.Viewer, ct);
        var enrolled = db.Enrolments.Where(e => e.ProgrammeId == programme.Id);
        var sessionIds = db.EducationSessions.Where(s => s.ProgrammeId == programme.Id).Select(s => s.Id);
        var attendeeIds = which == Completed
            ? enrolled.Where(e => e.CompletedOn != null).Select(e => e.MemberId)
            : db.Attendances.Where(a => sessionIds.Contains(a.SessionId)).Select(a => a.MemberId).Distinct();
        var attendeeRows = await visible.Where(m => attendeeIds.Contains(m.Id)).Select(m => new { m.Id, m.OrgUnitId, m.CategoryId }).ToListAsync(ct);

        var pairs = attendeeRows.Select(a => (a.OrgUnitId, a.CategoryId)).ToHashSet();
        var unitIds = pairs.Select(p => p.OrgUnitId).Distinct().ToList();
        var categoryIds = pairs.Select(p => p.CategoryId).Distinct().ToList();
        var subtree = db.OrgUnits.Where(OrgPath.Within([programme.Path])).Select(u => u.Id);
        var enrolledIds = enrolled.Select(e => e.MemberId);
        var comparisonRows = pairs.Count == 0 ? [] : await visible
            .Where(m => m.ArchivedAt == null && m.Status == MemberRules.Active && subtree.Contains(m.OrgUnitId) && !enrolledIds.Contains(m.Id)
                && unitIds.Contains(m.OrgUnitId) && categoryIds.Contains(m.CategoryId))
            .Select(m => new { m.Id, m.OrgUnitId, m.CategoryId }).ToListAsync(ct);
        var comparison = comparisonRows.Where(c => pairs.Contains((c.OrgUnitId, c.CategoryId))).Select(c => c.Id).ToList();

        var levels = await LevelsAsync(db, scaleRow!.Id, [.. attendeeRows.Select(a => a.Id), .. comparison], from, to, ct);
        var attendeeGroup = EffectFigures.Of(attendeeRows.Select(a => levels.GetValueOrDefault(a.Id, new(null, null))));
        var comparisonGroup = EffectFigures.Of(comparison.Select(id => levels.GetValueOrDefault(id, new(null, null))));
        var named = which == Completed ? "Members who completed the programme" : "Members who attended at least one session";
        return Outcome<Response>.Ok(new(programme.Id, programme.Name, scaleCode, which,
            which == Completed ? "Members who completed the programme." : "Members who attended at least one session.",
            "Active members of the programme's unit and below, not enrolled, in the same union or branch and category as an attendee.",
            from, to, attendeeGroup, comparisonGroup, EffectFigures.Sentence(named, attendeeGroup, comparisonGroup)));
    }

    /// <summary>Each member's (before, after) level: the last assessment before <paramref name="from"/>, and the latest from it to <paramref name="to"/>, both days inclusive.</summary>
    static async Task<Dictionary<int, EffectFigures.Pair>> LevelsAsync(RallyDb db, int scaleId, List<int> memberIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var stop = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var result = new Dictionary<int, EffectFigures.Pair>();
        foreach (var chunk in memberIds.Distinct().Chunk(1000))
        {
            var rows = await db.Assessments.AsNoTracking().Where(a => a.ScaleId == scaleId && chunk.Contains(a.MemberId) && a.AssessedAt < stop)
                .Select(a => new { a.MemberId, a.AssessedAt, a.Id, a.Level }).ToListAsync(ct);
            foreach (var member in rows.GroupBy(r => r.MemberId))
            {
                var before = member.Where(r => r.AssessedAt < start).OrderByDescending(r => r.AssessedAt).ThenByDescending(r => r.Id).FirstOrDefault();
                var after = member.Where(r => r.AssessedAt >= start).OrderByDescending(r => r.AssessedAt).ThenByDescending(r => r.Id).FirstOrDefault();
                result[member.Key] = new(before?.Level, after?.Level);
            }
        }
        return result;
    }
}
