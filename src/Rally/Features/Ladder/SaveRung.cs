using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Ladder;

/// <summary>
/// Adds a rung at the top of the ladder and changes a rung's name and conditions. Positions stay
/// 1..N: a new rung always goes above the last, and an edit never moves a rung. Federation-wide
/// administrators only, since the ladder applies to every union.
/// </summary>
public static class SaveRung
{
    public sealed record Request(string? Name, string? Description, int? MinMonthsBelow, int? ScaleId, int? AtOrBetterLevel, List<int>? ProgrammeIds);

    public const int MaxMonths = 600;
    const string Refusal = "Editing the ladder needs the administrator role over the whole federation.";

    public static async Task<Outcome<RungView>> CreateAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<RungView>.Forbidden(Refusal);
        var errors = await ValidateAsync(db, r, ct);
        if (errors.Any) return Outcome<RungView>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var top = await db.Rungs.MaxAsync(x => (int?)x.Position, ct) ?? 0;
        var rung = new Rung
        {
            Position = top + 1, Name = r.Name!.Trim(), Description = Blank(r.Description), MinMonthsBelow = r.MinMonthsBelow ?? 0,
            ScaleId = r.ScaleId, AtOrBetterLevel = r.AtOrBetterLevel, Version = 1,
        };
        db.Rungs.Add(rung);
        // A concurrent add takes the same position: the unique index refuses the second, answered as a conflict.
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.Entry(rung).State = EntityState.Detached;
            return Outcome<RungView>.Conflict("Someone else added a rung at the same time; reload the ladder and try again.");
        }
        // The programmes follow once the rung has its id, so that their audit entries name it.
        foreach (var id in (r.ProgrammeIds ?? []).Distinct())
            rung.Programmes.Add(new RungProgramme { RungId = rung.Id, ProgrammeId = id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Rungs.GetAsync(db, caller, rung.Id, ct);
    }

    public static async Task<Outcome<RungView>> UpdateAsync(RallyDb db, Caller caller, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<RungView>.Forbidden(Refusal);
        var rung = await db.Rungs.Include(x => x.Programmes).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (rung is null) return Outcome<RungView>.NotFound();
        if (expectedVersion is not null && expectedVersion != rung.Version) return Outcome<RungView>.Stale();
        var errors = await ValidateAsync(db, r, ct);
        if (errors.Any) return Outcome<RungView>.Invalid(errors);

        rung.Name = r.Name!.Trim();
        rung.Description = Blank(r.Description);
        rung.MinMonthsBelow = r.MinMonthsBelow ?? 0;
        rung.ScaleId = r.ScaleId;
        rung.AtOrBetterLevel = r.AtOrBetterLevel;
        var wanted = (r.ProgrammeIds ?? []).ToHashSet();
        foreach (var p in rung.Programmes.Where(p => !wanted.Contains(p.ProgrammeId)).ToList())
            rung.Programmes.Remove(p);
        foreach (var p in wanted.Where(p => rung.Programmes.All(x => x.ProgrammeId != p)))
            rung.Programmes.Add(new RungProgramme { RungId = rung.Id, ProgrammeId = p });
        if (!db.ChangeTracker.HasChanges()) return await Rungs.GetAsync(db, caller, id, ct);
        // The version moves with any change, programmes included, so that the ETag sees it.
        rung.Version++;
        db.Entry(rung).Property(x => x.Version).IsModified = true;
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<RungView>.Stale();
        return await Rungs.GetAsync(db, caller, id, ct);
    }

    static async Task<FieldErrors> ValidateAsync(RallyDb db, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("name", r.Name?.Trim(), 200);
        errors.Length("description", Blank(r.Description), 1000);
        if (r.MinMonthsBelow is < 0 or > MaxMonths) errors.Add("minMonthsBelow", $"minMonthsBelow must be between 0 and {MaxMonths}.");
        if (r.ScaleId is null != r.AtOrBetterLevel is null)
            errors.Add(r.ScaleId is null ? "scaleId" : "atOrBetterLevel", "scaleId and atOrBetterLevel go together: give both, or neither.");
        else if (r.ScaleId is { } scaleId)
        {
            var scale = await db.AssessmentScales.AsNoTracking().Where(s => s.Id == scaleId)
                .Select(s => new { s.OrgUnitId, s.ArchivedAt, Levels = s.Levels.Count }).FirstOrDefaultAsync(ct);
            if (scale is null) errors.Add("scaleId", $"There is no assessment scale {scaleId}.");
            else if (scale.ArchivedAt is not null) errors.Add("scaleId", $"The assessment scale {scaleId} is archived.");
            // The ladder applies to every union, so its scale must too.
            else if (scale.OrgUnitId is not null) errors.Add("scaleId", $"The assessment scale {scaleId} belongs to one union; the ladder needs a federation-wide scale.");
            else if (r.AtOrBetterLevel < 1 || r.AtOrBetterLevel > scale.Levels)
                errors.Add("atOrBetterLevel", $"atOrBetterLevel must be one of the scale's levels, 1 to {scale.Levels}.");
        }
        var ids = (r.ProgrammeIds ?? []).Distinct().ToList();
        if (ids.Count > 50) errors.Add("programmeIds", "A rung may ask for at most 50 programmes.");
        else if (ids.Count > 0)
        {
            var found = await db.Programmes.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
            var missing = ids.Except(found).Order().ToList();
            if (missing.Count > 0)
                errors.Add("programmeIds", missing.Count == 1 ? $"There is no programme {missing[0]}." : $"There are no programmes {string.Join(", ", missing)}.");
        }
        return errors;
    }

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
