using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Education;

/// <summary>Creates or changes a programme; both need the officer role on its unit. A changed share recomputes every completion.</summary>
public static class SaveProgramme
{
    public sealed record Request(string? Name, string? Kind, string? OrgUnit, string? Description, decimal? CompletionShare, DateOnly? StartsOn, DateOnly? EndsOn);

    public static async Task<Outcome<ProgrammeResponse>> CreateAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (unit, kindId) = await ValidateAsync(db, caller, r, errors, ct);
        if (errors.Any) return Outcome<ProgrammeResponse>.Invalid(errors);
        if (!await caller.CanAsync(Roles.Officer, unit!.Path, ct))
            return Outcome<ProgrammeResponse>.Forbidden("Creating a programme needs the officer role on its unit.");

        var programme = new Programme
        {
            Name = r.Name!.Trim(), KindId = kindId, OrgUnitId = unit.Id, Description = Blank(r.Description),
            CompletionShare = r.CompletionShare ?? 0.75m, StartsOn = r.StartsOn!.Value, EndsOn = r.EndsOn,
            CreatedAt = db.Actor.Clock.GetUtcNow(), CreatedBy = db.Actor.Name,
        };
        db.Programmes.Add(programme);
        await db.SaveChangesAsync(ct);
        return Outcome<ProgrammeResponse>.Ok(await ProjectAsync(db, programme.Id, ct));
    }

    public static async Task<Outcome<ProgrammeResponse>> UpdateAsync(RallyDb db, Caller caller, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var programme = await (await ProgrammeScope.VisibleAsync(db, caller, ct)).Include(p => p.OrgUnit).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (programme is null) return Outcome<ProgrammeResponse>.NotFound($"There is no programme {id}.");
        if (!await caller.CanAsync(Roles.Officer, programme.OrgUnit.Path, ct))
            return Outcome<ProgrammeResponse>.Forbidden("Changing this programme needs the officer role on its unit.");
        if (expectedVersion is { } v && v != programme.Version) return Outcome<ProgrammeResponse>.Stale();

        var errors = new FieldErrors();
        var (unit, kindId) = await ValidateAsync(db, caller, r, errors, ct);
        if (!errors.Any)
        {
            // Sessions already recorded must stay inside the programme's dates.
            var start = r.StartsOn!.Value;
            var end = r.EndsOn;
            var outside = await db.EducationSessions.Where(s => s.ProgrammeId == id && (s.HeldOn < start || (end != null && s.HeldOn > end)))
                .OrderBy(s => s.HeldOn).Select(s => (DateOnly?)s.HeldOn).FirstOrDefaultAsync(ct);
            if (outside is { } day)
                errors.Add(day < start ? "startsOn" : "endsOn", $"A session is recorded on {day:yyyy-MM-dd}, outside these dates; move or remove it first.");
        }
        if (errors.Any) return Outcome<ProgrammeResponse>.Invalid(errors);
        if (unit!.Id != programme.OrgUnitId && !await caller.CanAsync(Roles.Officer, unit.Path, ct))
            return Outcome<ProgrammeResponse>.Forbidden("Moving a programme needs the officer role on its new unit.");

        var shareChanged = programme.CompletionShare != (r.CompletionShare ?? 0.75m);
        programme.Name = r.Name!.Trim();
        programme.KindId = kindId;
        programme.OrgUnitId = unit.Id;
        programme.Description = Blank(r.Description);
        programme.CompletionShare = r.CompletionShare ?? 0.75m;
        programme.StartsOn = r.StartsOn!.Value;
        programme.EndsOn = r.EndsOn;
        programme.Version++;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<ProgrammeResponse>.Stale();
        if (shareChanged) await Completions.RecomputeAsync(db, programme.Id, ct);
        await tx.CommitAsync(ct);
        return Outcome<ProgrammeResponse>.Ok(await ProjectAsync(db, programme.Id, ct));
    }

    static async Task<(OrgUnit? Unit, int KindId)> ValidateAsync(RallyDb db, Caller caller, Request r, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("name", r.Name, 200);
        errors.Length("description", r.Description, 4000);
        if (r.CompletionShare is { } share)
        {
            if (share is < 0 or > 1) errors.Add("completionShare", "completionShare must be between 0 and 1, e.g. 0.75 for three sessions in four.");
            else if (decimal.Round(share, 4) != share) errors.Add("completionShare", "completionShare takes at most four decimal places.");
        }
        if (r.StartsOn is null) errors.Add("startsOn", "startsOn is required (yyyy-MM-dd).");
        else if (r.EndsOn is { } end && end < r.StartsOn) errors.Add("endsOn", "endsOn cannot be before startsOn.");

        var kindId = 0;
        if (string.IsNullOrWhiteSpace(r.Kind)) errors.Add("kind", "kind is required (a programme kind's code, e.g. lecture-series).");
        else
        {
            var code = r.Kind.Trim();
            kindId = await db.ProgrammeKinds.AsNoTracking().Where(k => k.Code == code && k.ArchivedAt == null).Select(k => k.Id).FirstOrDefaultAsync(ct);
            if (kindId == 0) errors.Add("kind", $"There is no programme kind '{code}'.");
        }

        if (string.IsNullOrWhiteSpace(r.OrgUnit))
        {
            errors.Add("orgUnit", "orgUnit is required (the code of the unit that runs the programme for its subtree).");
            return (null, kindId);
        }
        var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(r.OrgUnit.Trim()).FirstOrDefaultAsync(ct);
        if (unit is null || unit.ArchivedAt is not null) errors.Add("orgUnit", $"There is no org unit '{r.OrgUnit}'.");
        return (unit, kindId);
    }

    internal static Task<ProgrammeResponse> ProjectAsync(RallyDb db, int id, CancellationToken ct) =>
        db.Programmes.AsNoTracking().Where(p => p.Id == id).Select(ProgrammeResponse.Project).FirstAsync(ct);

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
