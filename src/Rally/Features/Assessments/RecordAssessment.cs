using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Assessments;

public sealed record AssessmentView(long Id, int MemberId, string Scale, string ScaleName, int Level, string? LevelName,
    DateTimeOffset AssessedAt, string AssessedBy, string? Evidence, long? ConversationId, DateTimeOffset RecordedAt);

/// <summary>Records an assessment of a member: an append-only row; the newest (by when it was made) is the current level.</summary>
public static class RecordAssessment
{
    /// <param name="Scale">The scale's code or id; the engagement scale when left out.</param>
    /// <param name="AssessedAt">When it was made; now when left out, never in the future.</param>
    public sealed record Request(string? Scale, int? Level, DateTimeOffset? AssessedAt, string? Evidence);

    public static async Task<Outcome<AssessmentView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int memberId, Request r, CancellationToken ct)
    {
        var member = await OrganizingAccess.WriteAsync(caller, memberId, ct);
        if (!member.Succeeded) return member.As<AssessmentView>();
        var errors = new FieldErrors();
        var staged = await StageAsync(db, caller, clock, member.Value!, r, prefix: "", errors, ct);
        if (errors.Any) return Outcome<AssessmentView>.Invalid(errors);
        db.Assessments.Add(staged!);
        await db.SaveChangesAsync(ct);
        return Outcome<AssessmentView>.Ok(await ListAssessments.ViewAsync(db, staged!.Id, ct));
    }

    /// <summary>Checks an assessment and builds it, unsaved and not yet added; field names get <paramref name="prefix"/> ("assessment.").</summary>
    internal static async Task<Assessment?> StageAsync(RallyDb db, Caller caller, TimeProvider clock, ScopedMember member, Request r, string prefix, FieldErrors errors, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scale = await ResolveScaleAsync(db, r.Scale, member, prefix + "scale", errors, ct);
        if (r.Level is null) errors.Add(prefix + "level", "level is required.");
        else if (scale is not null && (r.Level < 1 || r.Level > scale.Levels))
            errors.Add(prefix + "level", $"level must be between 1 and {scale.Levels} on the {scale.Name} scale (1 is the best).");
        if (r.AssessedAt > now) errors.Add(prefix + "assessedAt", "assessedAt cannot be in the future.");
        errors.Length(prefix + "evidence", r.Evidence, 2000);
        if (errors.Any) return null;

        var assessment = new Assessment
        {
            MemberId = member.Id, ScaleId = scale!.Id, Level = r.Level!.Value, AssessedAt = (r.AssessedAt ?? now).ToUniversalTime(),
            AssessedBy = caller.Name, Evidence = string.IsNullOrWhiteSpace(r.Evidence) ? null : r.Evidence.Trim(),
            RecordedAt = now,
        };
        return assessment;
    }

    internal sealed record ScaleRef(int Id, string Name, int Levels);

    /// <summary>The scale named by code or id (the engagement scale when none is named), if it is in use and applies to the member.</summary>
    internal static async Task<ScaleRef?> ResolveScaleAsync(RallyDb db, string? reference, ScopedMember member, string field, FieldErrors errors, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        var query = db.AssessmentScales.AsNoTracking().Where(s => s.ArchivedAt == null);
        query = text is null ? query.Where(s => s.Id == AssessmentScale.EngagementId)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? query.Where(s => s.Id == id)
            : query.Where(s => s.Code == text);
        var scale = await query.Select(s => new { s.Id, s.Name, UnitPath = s.OrgUnit == null ? null : s.OrgUnit.Path, Levels = s.Levels.Count }).FirstOrDefaultAsync(ct);
        if (scale is null || !AssessmentRules.Applies(scale.UnitPath, member.UnitPath))
        {
            errors.Add(field, text is null ? "There is no engagement scale in use; name a scale." : $"No scale in use for this member has the code or id '{text}'.");
            return null;
        }
        return new(scale.Id, scale.Name, scale.Levels);
    }
}
