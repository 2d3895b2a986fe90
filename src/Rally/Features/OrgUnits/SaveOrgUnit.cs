using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

/// <summary>
/// Creates an org unit, or updates one (rename, re-code, change kind, move under another parent).
/// A move rewrites the materialised paths of the whole subtree in one statement, in the same
/// transaction as the audited change of the unit itself.
/// </summary>
public static class SaveOrgUnit
{
    public sealed record Request(string? Code, string? Name, string? ShortName, string? Kind, string? Parent, string? Town);

    public static async Task<Outcome<OrgUnitResponse>> CreateAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (kindId, parent) = await ValidateAsync(db, r, errors, null, ct);
        if (errors.Any) return Outcome<OrgUnitResponse>.Invalid(errors);
        if (!await caller.CanAsync(Roles.Officer, parent?.Path, ct))
            return parent is not null && !await caller.CanAsync(Roles.Viewer, parent.Path, ct)
                ? Outcome<OrgUnitResponse>.Invalid("parent", $"There is no org unit '{r.Parent}'.")
                : Outcome<OrgUnitResponse>.Forbidden(parent is null ? "Only a federation-wide officer or administrator can create a top-level unit." : "Creating units here needs the officer role on the parent.");

        var unit = new OrgUnit
        {
            Code = r.Code!.Trim(), Name = r.Name!.Trim(), ShortName = ShortNameOf(r), Town = Blank(r.Town),
            KindId = kindId!.Value, ParentId = parent?.Id, Depth = parent is null ? 0 : parent.Depth + 1,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        unit.Path = OrgPath.Child(parent?.Path, unit.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<OrgUnitResponse>.Ok(await db.OrgUnits.Where(u => u.Id == unit.Id).Select(OrgUnitResponse.Project).FirstAsync(ct));
    }

    public static async Task<Outcome<OrgUnitResponse>> UpdateAsync(RallyDb db, Caller caller, string idOrCode, Request r, int? expectedVersion, CancellationToken ct)
    {
        var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).ByIdOrCode(idOrCode).FirstOrDefaultAsync(ct);
        if (unit is null) return Outcome<OrgUnitResponse>.NotFound($"There is no org unit '{idOrCode}'.");
        if (!await caller.CanAsync(Roles.Officer, unit.Path, ct)) return Outcome<OrgUnitResponse>.Forbidden("Changing this unit needs the officer role on it.");
        if (expectedVersion is { } v && v != unit.Version) return Outcome<OrgUnitResponse>.Stale();

        var errors = new FieldErrors();
        var (kindId, parent) = await ValidateAsync(db, r, errors, unit, ct);
        if (parent is not null && !OrgUnitRules.CanMoveUnder(unit.Path, parent.Path))
            errors.Add("parent", "A unit cannot move under itself or one of its own descendants.");
        if (errors.Any) return Outcome<OrgUnitResponse>.Invalid(errors);
        var moving = parent?.Id != unit.ParentId;
        if (moving && !await caller.CanAsync(Roles.Officer, parent?.Path, ct))
            return Outcome<OrgUnitResponse>.Forbidden("Moving a unit needs the officer role on its new parent.");

        unit.Code = r.Code!.Trim();
        unit.Name = r.Name!.Trim();
        unit.ShortName = ShortNameOf(r);
        unit.Town = Blank(r.Town);
        unit.KindId = kindId!.Value;
        unit.Version++;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (moving)
        {
            var (oldPath, newPath) = (unit.Path, OrgPath.Child(parent?.Path, unit.Id));
            var depthShift = (parent is null ? 0 : parent.Depth + 1) - unit.Depth;
            unit.ParentId = parent?.Id;
            await db.SaveChangesAsync(ct);
            var hi = OrgPath.UpperBound(oldPath);
            await db.OrgUnits
                .Where(u => string.Compare(u.Path, oldPath) >= 0 && string.Compare(u.Path, hi) < 0)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.Path, u => newPath + u.Path.Substring(oldPath.Length))
                    .SetProperty(u => u.Depth, u => u.Depth + depthShift), ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return Outcome<OrgUnitResponse>.Ok(await db.OrgUnits.AsNoTracking().Where(u => u.Id == unit.Id).Select(OrgUnitResponse.Project).FirstAsync(ct));
    }

    static async Task<(int? KindId, OrgUnit? Parent)> ValidateAsync(RallyDb db, Request r, FieldErrors errors, OrgUnit? existing, CancellationToken ct)
    {
        var code = r.Code?.Trim();
        if (string.IsNullOrEmpty(code)) errors.Add("code", "code is required.");
        else if (!OrgUnitRules.IsValidCode(code)) errors.Add("code", "code must be 1–40 letters, digits, '-', '_' or '.', starting with a letter or digit.");
        else if (await db.OrgUnits.AnyAsync(u => u.Code == code && u.Id != (existing == null ? 0 : existing.Id), ct))
            errors.Add("code", $"Another org unit already has code '{code}'.");
        errors.Required("name", r.Name, 200);
        errors.Length("shortName", r.ShortName, 60);
        errors.Length("town", r.Town, 100);

        int? kindId = null;
        if (string.IsNullOrWhiteSpace(r.Kind)) errors.Add("kind", "kind is required.");
        else
        {
            kindId = await db.OrgUnitKinds.Where(k => k.Code == r.Kind.Trim() && k.ArchivedAt == null).Select(k => (int?)k.Id).FirstOrDefaultAsync(ct);
            if (kindId is null) errors.Add("kind", $"There is no org-unit kind '{r.Kind}'.");
        }

        OrgUnit? parent = null;
        if (!string.IsNullOrWhiteSpace(r.Parent))
        {
            parent = await db.OrgUnits.AsNoTracking().ByIdOrCode(r.Parent.Trim()).FirstOrDefaultAsync(ct);
            if (parent is null || parent.ArchivedAt is not null) errors.Add("parent", $"There is no org unit '{r.Parent}'.");
        }
        return (kindId, parent);
    }

    static string ShortNameOf(Request r) => string.IsNullOrWhiteSpace(r.ShortName) ? r.Name!.Trim()[..Math.Min(60, r.Name!.Trim().Length)] : r.ShortName.Trim();

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
