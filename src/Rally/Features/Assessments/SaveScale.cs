using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Assessments;

/// <summary>
/// Adds, changes and archives scales. Federation-wide scales are edited by federation-wide
/// administrators; a union's own scale (with an org unit) also by the administrators of that unit.
/// </summary>
public static class SaveScale
{
    public sealed record Request(string? Code, string? Name, int? SortOrder, string? OrgUnit, int? StaleAfterDays, List<AssessmentRules.LevelInput>? Levels);

    public static async Task<Outcome<ScaleView>> CreateAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        var (unit, refusal) = await UnitAsync(db, caller, r.OrgUnit, ct);
        if (refusal is not null) return refusal;
        var errors = await ValidateAsync(db, r, current: null, ct);
        if (errors.Any) return Outcome<ScaleView>.Invalid(errors);

        var scale = new AssessmentScale
        {
            Code = r.Code!.Trim(), Name = r.Name!.Trim(), SortOrder = r.SortOrder ?? 0, OrgUnitId = unit?.Id, StaleAfterDays = r.StaleAfterDays ?? 90, Version = 1,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AssessmentScales.Add(scale);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(scale).State = EntityState.Detached;
            await tx.RollbackAsync(ct);
            if (!await CodeTakenAsync(db, scale.Code, null, ct)) throw;
            return Outcome<ScaleView>.Invalid("code", $"The code '{scale.Code}' is already used by another scale.");
        }
        // The levels follow once the scale has its id, so that their audit entries name it.
        foreach (var l in r.Levels!.OrderBy(l => l.Level))
            scale.Levels.Add(new ScaleLevel { Level = l.Level!.Value, Name = l.Name!.Trim() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Scales.GetAsync(db, caller, scale.Id, ct);
    }

    public static async Task<Outcome<ScaleView>> UpdateAsync(RallyDb db, Caller caller, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var scale = await db.AssessmentScales.Include(s => s.OrgUnit).Include(s => s.Levels).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (scale is null) return Outcome<ScaleView>.NotFound();
        if (!await caller.CanAsync(Roles.Administrator, scale.OrgUnit?.Path, ct)) return Outcome<ScaleView>.Forbidden(Refusal);
        if (expectedVersion is not null && expectedVersion != scale.Version) return Outcome<ScaleView>.Stale();
        var (unit, refusal) = await UnitAsync(db, caller, r.OrgUnit, ct);
        if (refusal is not null) return refusal;
        if (scale.Id == AssessmentScale.EngagementId && unit is not null)
            return Outcome<ScaleView>.Invalid("orgUnit", "The engagement scale applies to the whole federation.");
        var errors = await ValidateAsync(db, r, scale, ct);
        if (errors.Any) return Outcome<ScaleView>.Invalid(errors);

        scale.Code = r.Code!.Trim();
        scale.Name = r.Name!.Trim();
        scale.SortOrder = r.SortOrder ?? scale.SortOrder;
        scale.OrgUnitId = unit?.Id;
        scale.StaleAfterDays = r.StaleAfterDays ?? scale.StaleAfterDays;
        var wanted = r.Levels!.ToDictionary(l => l.Level!.Value, l => l.Name!.Trim());
        foreach (var level in scale.Levels.ToList())
        {
            if (!wanted.TryGetValue(level.Level, out var name)) scale.Levels.Remove(level);
            else level.Name = name;
        }
        foreach (var (level, name) in wanted.Where(w => scale.Levels.All(l => l.Level != w.Key)))
            scale.Levels.Add(new ScaleLevel { Level = level, Name = name });
        if (!db.ChangeTracker.HasChanges()) return await Scales.GetAsync(db, caller, id, ct);
        // The version moves with any change, level names included, so that the scale's audit entry and ETag see it.
        scale.Version++;
        db.Entry(scale).Property(s => s.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<ScaleView>.Stale();
        }
        catch (DbUpdateException)
        {
            if (!await CodeTakenAsync(db, r.Code!.Trim(), id, ct)) throw;
            return Outcome<ScaleView>.Invalid("code", $"The code '{r.Code.Trim()}' is already used by another scale.");
        }
        return await Scales.GetAsync(db, caller, id, ct);
    }

    public static async Task<Outcome<ScaleView>> ArchiveAsync(RallyDb db, Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
    {
        var scale = await db.AssessmentScales.Include(s => s.OrgUnit).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (scale is null) return Outcome<ScaleView>.NotFound();
        if (!await caller.CanAsync(Roles.Administrator, scale.OrgUnit?.Path, ct)) return Outcome<ScaleView>.Forbidden(Refusal);
        if (expectedVersion is not null && expectedVersion != scale.Version) return Outcome<ScaleView>.Stale();
        if (scale.Id == AssessmentScale.EngagementId) return Outcome<ScaleView>.Conflict("The engagement scale is the default and cannot be archived.");
        if (scale.ArchivedAt is null)
        {
            scale.ArchivedAt = clock.GetUtcNow();
            scale.Version++;
            db.AuditAction = "archive";
            if (!await db.SaveUnlessStaleAsync(ct))
                return Outcome<ScaleView>.Stale();
        }
        return await Scales.GetAsync(db, caller, id, ct);
    }

    const string Refusal = "Editing a scale needs the administrator role over the whole federation, or over the unit the scale belongs to.";

    /// <summary>The unit named by code, and whether the caller administers it (federation-wide when none is named).</summary>
    static async Task<(OrgUnits.OrgUnit? Unit, Outcome<ScaleView>? Refusal)> UnitAsync(RallyDb db, Caller caller, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
            return (null, await caller.IsFederationAdministratorAsync(ct) ? null : Outcome<ScaleView>.Forbidden(Refusal));
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code.Trim(), ct);
        if (unit is null)
            // Only an administrator learns whether a code exists.
            return (null, await caller.HighestRoleAsync(ct) == Roles.Administrator
                ? Outcome<ScaleView>.Invalid("orgUnit", $"No org unit has the code '{code.Trim()}'.")
                : Outcome<ScaleView>.Forbidden(Refusal));
        return (unit, await caller.CanAsync(Roles.Administrator, unit.Path, ct) ? null : Outcome<ScaleView>.Forbidden(Refusal));
    }

    static async Task<FieldErrors> ValidateAsync(RallyDb db, Request r, AssessmentScale? current, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = r.Code?.Trim();
        if (current is null || code != current.Code) Codes.Validate(errors, "code", code);
        errors.Required("name", r.Name?.Trim(), 100);
        if (r.SortOrder is < -100_000 or > 100_000) errors.Add("sortOrder", "sortOrder must be between -100000 and 100000.");
        if (r.StaleAfterDays is < 1 or > AssessmentRules.MaxStaleAfterDays) errors.Add("staleAfterDays", $"staleAfterDays must be between 1 and {AssessmentRules.MaxStaleAfterDays}.");
        AssessmentRules.ValidateLevels(errors, r.Levels);
        if (!errors.Any && current is not null)
        {
            // Assessments keep their level: a level in use cannot be taken off the scale.
            var top = r.Levels!.Count;
            var used = await db.Assessments.AsNoTracking().Where(a => a.ScaleId == current.Id && a.Level > top).Select(a => a.Level).Distinct().OrderBy(l => l).ToListAsync(ct);
            if (used.Count > 0) errors.Add("levels", $"Level(s) {string.Join(", ", used)} are used by assessments and cannot be removed.");
        }
        if (!errors.Any && code != current?.Code && await CodeTakenAsync(db, code, current?.Id, ct))
            errors.Add("code", $"The code '{code}' is already used by another scale (perhaps an archived one).");
        return errors;
    }

    static Task<bool> CodeTakenAsync(RallyDb db, string? code, int? exceptId, CancellationToken ct) =>
        db.AssessmentScales.AsNoTracking().AnyAsync(s => s.Code == code && s.Id != exceptId, ct);
}
