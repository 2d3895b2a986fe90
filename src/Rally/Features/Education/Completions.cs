using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Education;

/// <summary>
/// Programme completions: kept on <see cref="Enrolment.CompletedOn"/> by the write paths
/// (<see cref="RecomputeAsync"/>), read by other slices (the ladder's programme conditions).
/// </summary>
public static class Completions
{
    /// <summary>The programmes <paramref name="memberId"/> completed: programme id → completion date.</summary>
    public static async Task<Dictionary<int, DateOnly>> CompletedAsync(RallyDb db, int memberId, CancellationToken ct) =>
        await db.Enrolments.AsNoTracking().Where(e => e.MemberId == memberId && e.CompletedOn != null)
            .ToDictionaryAsync(e => e.ProgrammeId, e => e.CompletedOn!.Value, ct);

    /// <summary>The same for many members at once: member id → (programme id → date); members with no completion are absent.</summary>
    public static async Task<Dictionary<int, Dictionary<int, DateOnly>>> CompletedAsync(RallyDb db, IEnumerable<int> memberIds, CancellationToken ct)
    {
        var result = new Dictionary<int, Dictionary<int, DateOnly>>();
        foreach (var chunk in memberIds.Distinct().Chunk(1000))
        {
            var rows = await db.Enrolments.AsNoTracking().Where(e => chunk.Contains(e.MemberId) && e.CompletedOn != null)
                .Select(e => new { e.MemberId, e.ProgrammeId, CompletedOn = e.CompletedOn!.Value }).ToListAsync(ct);
            foreach (var r in rows)
            {
                if (!result.TryGetValue(r.MemberId, out var programmes)) result[r.MemberId] = programmes = [];
                programmes[r.ProgrammeId] = r.CompletedOn;
            }
        }
        return result;
    }

    /// <summary>
    /// Recomputes <see cref="Enrolment.CompletedOn"/> for every enrolment of the programme from its
    /// saved sessions and attendance (<see cref="CompletionRule"/>) and saves the changed ones. The
    /// caller runs this inside the transaction of the write that changed sessions or attendance,
    /// after saving that write, so both land together or not at all. Returns how many changed.
    /// </summary>
    public static async Task<int> RecomputeAsync(RallyDb db, int programmeId, CancellationToken ct)
    {
        var share = await db.Programmes.Where(p => p.Id == programmeId).Select(p => p.CompletionShare).FirstAsync(ct);
        var sessions = await db.EducationSessions.AsNoTracking().Where(s => s.ProgrammeId == programmeId)
            .Select(s => new CompletionRule.Session(s.Id, s.HeldOn)).ToListAsync(ct);
        var sessionIds = db.EducationSessions.Where(s => s.ProgrammeId == programmeId).Select(s => s.Id);
        var attendance = await db.Attendances.AsNoTracking().Where(a => sessionIds.Contains(a.SessionId))
            .Select(a => new { a.SessionId, a.MemberId }).ToListAsync(ct);
        var completed = CompletionRule.CompletedOn(share, sessions, attendance.Select(a => (a.SessionId, a.MemberId)));

        var enrolments = await db.Enrolments.Where(e => e.ProgrammeId == programmeId).ToListAsync(ct);
        var changed = 0;
        foreach (var e in enrolments)
        {
            DateOnly? on = completed.TryGetValue(e.MemberId, out var d) ? d : null;
            if (e.CompletedOn == on) continue;
            e.CompletedOn = on;
            changed++;
        }
        if (changed > 0)
        {
            db.AuditAction = "completion";
            await db.SaveChangesAsync(ct);
        }
        return changed;
    }
}
