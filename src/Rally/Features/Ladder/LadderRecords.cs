using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Ladder;

/// <summary>Reads what the ladder rule needs from the database, for one member or many at once.</summary>
public static class LadderRecords
{
    /// <summary>The ladder's rungs in order, with their conditions and the names the messages use.</summary>
    public static async Task<IReadOnlyList<RungRequirement>> RungsAsync(RallyDb db, CancellationToken ct)
    {
        var rungs = await db.Rungs.AsNoTracking().Include(r => r.Programmes).OrderBy(r => r.Position).ToListAsync(ct);
        var programmeIds = rungs.SelectMany(r => r.Programmes).Select(p => p.ProgrammeId).Distinct().ToList();
        var programmes = await db.Programmes.Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var scaleIds = rungs.Where(r => r.ScaleId is not null).Select(r => r.ScaleId!.Value).Distinct().ToList();
        var scales = await db.AssessmentScales.Where(s => scaleIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return rungs.Select(r => new RungRequirement(
            r.Position, r.Name, r.MinMonthsBelow,
            r.Programmes.Select(p => new RequiredProgramme(p.ProgrammeId, programmes[p.ProgrammeId])).ToList(),
            r.ScaleId, r.ScaleId is { } s ? scales[s] : null, r.AtOrBetterLevel,
            rungs.FirstOrDefault(b => b.Position == r.Position - 1)?.Name)).ToList();
    }

    /// <summary>Each member's spells, completed programmes and current levels as of the end of <paramref name="on"/>.</summary>
    public static async Task<Dictionary<int, LadderRecord>> ForAsync(RallyDb db, IReadOnlyCollection<int> memberIds, DateOnly on, CancellationToken ct)
    {
        var stints = await db.Assignments.AsNoTracking()
            .Where(a => memberIds.Contains(a.MemberId) && a.StartsOn <= on)
            .Select(a => new { a.MemberId, Stint = new Stint(a.Post.Rung.Position, a.StartsOn, a.EndsOn) })
            .ToListAsync(ct);
        var completed = await db.Enrolments.AsNoTracking()
            .Where(e => memberIds.Contains(e.MemberId) && e.CompletedOn != null && e.CompletedOn <= on)
            .Select(e => new { e.MemberId, e.ProgrammeId, CompletedOn = e.CompletedOn!.Value })
            .ToListAsync(ct);
        var endOfDay = new DateTimeOffset(on.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // The latest assessment per member and scale up to that day.
        var levels = await db.Assessments.AsNoTracking()
            .Where(a => memberIds.Contains(a.MemberId) && a.AssessedAt < endOfDay)
            .GroupBy(a => new { a.MemberId, a.ScaleId })
            .Select(g => g.OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id).Select(a => new { a.MemberId, a.ScaleId, a.Level }).First())
            .ToListAsync(ct);

        var stintsOf = stints.ToLookup(s => s.MemberId, s => s.Stint);
        var completedOf = completed.ToLookup(c => c.MemberId);
        var levelsOf = levels.ToLookup(l => l.MemberId);
        return memberIds.Distinct().ToDictionary(id => id, id => new LadderRecord(
            stintsOf[id].ToList(),
            completedOf[id].GroupBy(c => c.ProgrammeId).ToDictionary(g => g.Key, g => g.Min(c => c.CompletedOn)),
            levelsOf[id].ToDictionary(l => l.ScaleId, l => l.Level)));
    }
}
