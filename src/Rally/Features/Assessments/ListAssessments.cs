using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Assessments;

/// <summary>A member's assessments, newest first; and their current level on each scale that applies to them.</summary>
public static class ListAssessments
{
    public static async Task<Outcome<PagedList<AssessmentView>>> RunAsync(RallyDb db, Caller caller, int memberId, string? scale, int? page, int? pageSize, CancellationToken ct)
    {
        var member = await OrganizingAccess.ReadAsync(caller, memberId, ct);
        if (!member.Succeeded) return member.As<PagedList<AssessmentView>>();
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<AssessmentView>>.Invalid(errors);
        var query = db.Assessments.AsNoTracking().Where(a => a.MemberId == memberId);
        if (!string.IsNullOrWhiteSpace(scale))
        {
            var code = scale.Trim();
            query = int.TryParse(code, out var id) ? query.Where(a => a.ScaleId == id)
                : query.Where(a => db.AssessmentScales.Any(s => s.Id == a.ScaleId && s.Code == code));
        }
        return Outcome<PagedList<AssessmentView>>.Ok(await Project(db, query.OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id)).ToPageAsync(page, pageSize, ct));
    }

    internal static Task<AssessmentView> ViewAsync(RallyDb db, long id, CancellationToken ct) =>
        Project(db, db.Assessments.AsNoTracking().Where(a => a.Id == id)).FirstAsync(ct);

    static IQueryable<AssessmentView> Project(RallyDb db, IQueryable<Assessment> query) =>
        from a in query
        join s in db.AssessmentScales on a.ScaleId equals s.Id
        select new AssessmentView(a.Id, a.MemberId, s.Code, s.Name, a.Level,
            s.Levels.Where(l => l.Level == a.Level).Select(l => l.Name).FirstOrDefault(),
            a.AssessedAt, a.AssessedBy, a.Evidence, a.ConversationId, a.RecordedAt);

    public sealed record CurrentLevelView(string Scale, string ScaleName, int StaleAfterDays, int? Level, string? LevelName,
        DateTimeOffset? AssessedAt, string? AssessedBy, bool Stale, IReadOnlyList<ScaleLevelView> Levels);

    public sealed record EngagementView(int MemberId, IReadOnlyList<CurrentLevelView> Scales);

    /// <summary>The current level per scale that applies to the member, stale by the clock.</summary>
    public static async Task<Outcome<EngagementView>> CurrentAsync(RallyDb db, Caller caller, TimeProvider clock, int memberId, CancellationToken ct)
    {
        var member = await OrganizingAccess.ReadAsync(caller, memberId, ct);
        if (!member.Succeeded) return member.As<EngagementView>();
        var scales = await ScalesForAsync(db, member.Value!, ct);
        // A member's history is short (a few a year): the rule picks the latest in memory.
        var points = await db.Assessments.AsNoTracking().Where(a => a.MemberId == memberId)
            .Select(a => new AssessmentRules.Point(a.Id, a.ScaleId, a.Level, a.AssessedAt, a.AssessedBy)).ToListAsync(ct);
        var current = AssessmentRules.CurrentLevels(scales, points, clock.GetUtcNow());
        return Outcome<EngagementView>.Ok(new(memberId, current.Select(c => new CurrentLevelView(c.Scale.Code, c.Scale.Name, c.Scale.StaleAfterDays,
            c.Latest?.Level, c.LevelName, c.Latest?.AssessedAt, c.Latest?.AssessedBy, c.Stale, c.Scale.Levels.Select(l => new ScaleLevelView(l.Level, l.Name)).ToList())).ToList()));
    }

    /// <summary>The scales in use that apply to the member: federation-wide ones and those of their unit's ancestors, in sort order.</summary>
    public static async Task<List<AssessmentRules.ScaleInfo>> ScalesForAsync(RallyDb db, ScopedMember member, CancellationToken ct)
    {
        var ancestors = Scales.Ancestors(member.UnitPath);
        var rows = await db.AssessmentScales.AsNoTracking()
            .Where(s => s.ArchivedAt == null && (s.OrgUnitId == null || ancestors.Contains(s.OrgUnit!.Path)))
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Code, s.Name, s.StaleAfterDays, Levels = s.Levels.OrderBy(l => l.Level).Select(l => new { l.Level, l.Name }).ToList() })
            .ToListAsync(ct);
        return rows.Select(s => new AssessmentRules.ScaleInfo(s.Id, s.Code, s.Name, s.StaleAfterDays, s.Levels.Select(l => (l.Level, l.Name)).ToList())).ToList();
    }
}
