using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.StructureTests;

/// <summary>Creates or changes a structure test; both need the officer role on its unit.</summary>
public static class SaveStructureTest
{
    public sealed record Request(string? Name, string? Kind, string? Description, string? OrgUnit, decimal? TargetShare, DateOnly? StartsOn, DateOnly? Deadline);

    public static async Task<Outcome<StructureTestResponse>> CreateAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var unit = await ValidateAsync(db, caller, r, errors, ct);
        if (errors.Any) return Outcome<StructureTestResponse>.Invalid(errors);
        if (!await caller.CanAsync(Roles.Officer, unit!.Path, ct))
            return Outcome<StructureTestResponse>.Forbidden("Creating a structure test needs the officer role on its unit.");

        var test = new StructureTest
        {
            Name = r.Name!.Trim(), Kind = r.Kind!.Trim(), Description = Blank(r.Description), OrgUnitId = unit.Id,
            TargetShare = r.TargetShare!.Value, StartsOn = r.StartsOn!.Value, Deadline = r.Deadline!.Value,
            CreatedAt = db.Actor.Clock.GetUtcNow(), CreatedBy = db.Actor.Name,
        };
        db.StructureTests.Add(test);
        await db.SaveChangesAsync(ct);
        return Outcome<StructureTestResponse>.Ok(await ProjectAsync(db, test.Id, ct));
    }

    public static async Task<Outcome<StructureTestResponse>> UpdateAsync(RallyDb db, Caller caller, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var test = await (await StructureTestScope.VisibleAsync(db, caller, ct)).Include(t => t.OrgUnit).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (test is null) return Outcome<StructureTestResponse>.NotFound($"There is no structure test {id}.");
        if (!await caller.CanAsync(Roles.Officer, test.OrgUnit.Path, ct))
            return Outcome<StructureTestResponse>.Forbidden("Changing this structure test needs the officer role on its unit.");
        if (expectedVersion is { } v && v != test.Version) return Outcome<StructureTestResponse>.Stale();

        var errors = new FieldErrors();
        var unit = await ValidateAsync(db, caller, r, errors, ct);
        if (errors.Any) return Outcome<StructureTestResponse>.Invalid(errors);
        if (unit!.Id != test.OrgUnitId && !await caller.CanAsync(Roles.Officer, unit.Path, ct))
            return Outcome<StructureTestResponse>.Forbidden("Moving a structure test needs the officer role on its new unit.");

        test.Name = r.Name!.Trim();
        test.Kind = r.Kind!.Trim();
        test.Description = Blank(r.Description);
        test.OrgUnitId = unit.Id;
        test.TargetShare = r.TargetShare!.Value;
        test.StartsOn = r.StartsOn!.Value;
        test.Deadline = r.Deadline!.Value;
        test.Version++;
        await db.SaveChangesAsync(ct);
        return Outcome<StructureTestResponse>.Ok(await ProjectAsync(db, test.Id, ct));
    }

    static async Task<OrgUnit?> ValidateAsync(RallyDb db, Caller caller, Request r, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("name", r.Name, 200);
        errors.Length("description", r.Description, 4000);
        if (string.IsNullOrWhiteSpace(r.Kind)) errors.Add("kind", "kind is required.");
        else if (!StructureTestKinds.All.Contains(r.Kind.Trim())) errors.Add("kind", $"kind must be one of {string.Join(", ", StructureTestKinds.All)}.");
        if (r.TargetShare is not { } share) errors.Add("targetShare", "targetShare is required (a share between 0 and 1, e.g. 0.5).");
        else if (share is < 0 or > 1) errors.Add("targetShare", "targetShare must be between 0 and 1, e.g. 0.5 for half of each workplace.");
        else if (decimal.Round(share, 4) != share) errors.Add("targetShare", "targetShare takes at most four decimal places.");
        if (r.StartsOn is null) errors.Add("startsOn", "startsOn is required (yyyy-MM-dd).");
        if (r.Deadline is null) errors.Add("deadline", "deadline is required (yyyy-MM-dd).");
        else if (r.StartsOn is { } start && r.Deadline < start) errors.Add("deadline", "deadline cannot be before startsOn.");

        if (string.IsNullOrWhiteSpace(r.OrgUnit))
        {
            errors.Add("orgUnit", "orgUnit is required (the code of the unit whose members the test covers).");
            return null;
        }
        var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(r.OrgUnit.Trim()).FirstOrDefaultAsync(ct);
        if (unit is null || unit.ArchivedAt is not null) errors.Add("orgUnit", $"There is no org unit '{r.OrgUnit}'.");
        return unit;
    }

    internal static Task<StructureTestResponse> ProjectAsync(RallyDb db, int id, CancellationToken ct) =>
        db.StructureTests.AsNoTracking().Where(t => t.Id == id).Select(StructureTestResponse.Project).FirstAsync(ct);

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
