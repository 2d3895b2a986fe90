using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Bodies;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Inspections;

public sealed record TargetResponse(int Id, string Name, string? Kind, string OrgUnit, string OrgUnitName, bool IsOrgUnit, string? Address,
    int? ResponsibleBodyId, string? ResponsibleBody, DateTimeOffset? ArchivedAt, int Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<InspectionTarget, TargetResponse>> Project = t => new TargetResponse(
        t.Id, t.Name, t.Kind, t.OrgUnit.Code, t.OrgUnit.Name, t.IsOrgUnit, t.Address, t.ResponsibleBodyId,
        t.ResponsibleBody == null ? null : t.ResponsibleBody.Name, t.ArchivedAt, t.Version);
}

/// <summary>
/// Adds or changes an inspection target; needs the officer role on its unit. An org-unit target
/// names the unit (orgUnit) and takes its name from it unless given; a free-standing one needs an
/// address and names the unit that looks after it.
/// </summary>
public static class SaveTarget
{
    public sealed record Request(string? Name, string? Kind, string? OrgUnit, bool? IsOrgUnit, string? Address, int? ResponsibleBodyId);

    public static async Task<Outcome<TargetResponse>> CreateAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        var target = new InspectionTarget { Name = "" };
        var outcome = await ApplyAsync(db, caller, target, r, ct);
        if (!outcome.Succeeded) return outcome;
        db.InspectionTargets.Add(target);
        await db.SaveChangesAsync(ct);
        return Outcome<TargetResponse>.Ok(await ProjectAsync(db, target.Id, ct));
    }

    public static async Task<Outcome<TargetResponse>> UpdateAsync(RallyDb db, Caller caller, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var target = await (await InspectionAccess.TargetsAsync(db, caller, Roles.Viewer, ct)).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (target is null) return Outcome<TargetResponse>.NotFound($"There is no inspection target {id}.");
        if (!await InspectionAccess.CanAsync(caller, Roles.Officer, target.OrgUnitId, db, ct))
            return Outcome<TargetResponse>.Forbidden("Changing an inspection target needs the officer role on its unit.");
        if (expectedVersion is { } v && v != target.Version) return Outcome<TargetResponse>.Stale();
        var outcome = await ApplyAsync(db, caller, target, r, ct);
        if (!outcome.Succeeded) return outcome;
        target.Version++;
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<TargetResponse>.Stale();
        return Outcome<TargetResponse>.Ok(await ProjectAsync(db, target.Id, ct));
    }

    static async Task<Outcome<TargetResponse>> ApplyAsync(RallyDb db, Caller caller, InspectionTarget target, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var isUnit = r.IsOrgUnit ?? false;
        errors.Length("name", r.Name, 200);
        errors.Length("kind", r.Kind, 40);
        errors.Length("address", r.Address, 500);
        if (!isUnit) errors.Required("name", r.Name, 200);
        if (!isUnit && string.IsNullOrWhiteSpace(r.Address)) errors.Add("address", "address is required for a free-standing target (one that is not an org unit).");
        OrgUnit? unit = null;
        if (string.IsNullOrWhiteSpace(r.OrgUnit)) errors.Add("orgUnit", "orgUnit is required: the unit inspected, or the unit that looks after a free-standing target.");
        else
        {
            unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(r.OrgUnit.Trim()).FirstOrDefaultAsync(ct);
            if (unit is null || unit.ArchivedAt is not null) errors.Add("orgUnit", $"There is no org unit '{r.OrgUnit}'.");
        }
        if (r.ResponsibleBodyId is { } bodyId && !await db.Bodies.AnyAsync(b => b.Id == bodyId && b.ArchivedAt == null, ct))
            errors.Add("responsibleBodyId", $"There is no body {bodyId}.");
        if (errors.Any) return Outcome<TargetResponse>.Invalid(errors);
        if (!await caller.CanAsync(Roles.Officer, unit!.Path, ct))
            return Outcome<TargetResponse>.Forbidden("Managing inspection targets needs the officer role on their unit.");
        target.Name = string.IsNullOrWhiteSpace(r.Name) ? unit.Name : r.Name.Trim();
        target.Kind = Blank(r.Kind);
        target.OrgUnitId = unit.Id;
        target.IsOrgUnit = isUnit;
        target.Address = Blank(r.Address) ?? (isUnit ? unit.Town : null);
        target.ResponsibleBodyId = r.ResponsibleBodyId;
        return Outcome<TargetResponse>.Ok(null!);
    }

    public static Task<TargetResponse> ProjectAsync(RallyDb db, int id, CancellationToken ct) =>
        db.InspectionTargets.AsNoTracking().Where(t => t.Id == id).Select(TargetResponse.Project).FirstAsync(ct);

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
