using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>
/// Sets up an administrative body on an org unit, or changes one. Both need the officer role on
/// the body's unit (and on the new unit when it moves). A parent body must be one the caller can see.
/// </summary>
public static class SaveBody
{
    /// <param name="Kind">A body kind's code.</param>
    /// <param name="OrgUnit">An org unit's code or id.</param>
    public sealed record Request(string? Name, string? Kind, string? OrgUnit, int? ParentBodyId = null, string? Description = null);

    public static async Task<Outcome<BodyView>> CreateAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var unit = await OrgUnitLookup.RequiredAsync(caller, r.OrgUnit, errors, ct);
        if (unit is not null && !await caller.CanAsync(Roles.Officer, unit.Path, ct))
            return Outcome<BodyView>.Forbidden("Setting up a body needs the officer role on its unit.");
        var body = new Body { Name = "", CreatedAt = clock.GetUtcNow(), Version = 1 };
        await ApplyAsync(db, caller, r, body, errors, ct);
        if (errors.Any) return Outcome<BodyView>.Invalid(errors);
        body.OrgUnitId = unit!.Id;
        db.Bodies.Add(body);
        await db.SaveChangesAsync(ct);
        return await GetBody.RunAsync(db, caller, body.Id, ct);
    }

    public static async Task<Outcome<BodyView>> UpdateAsync(RallyDb db, Caller caller, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var access = await BodyAccess.BodyForWriteAsync(db, caller, id, ct);
        if (!access.Succeeded) return access.As<BodyView>();
        var body = access.Value!;
        if (expectedVersion is { } v && v != body.Version) return Outcome<BodyView>.Stale();
        if (body.ArchivedAt is not null) return Outcome<BodyView>.Conflict("The body is archived.");
        var errors = new FieldErrors();
        if (!string.IsNullOrWhiteSpace(r.OrgUnit))
        {
            var unit = await OrgUnitLookup.RequiredAsync(caller, r.OrgUnit, errors, ct);
            if (unit is not null && unit.Id != body.OrgUnitId)
            {
                if (!await caller.CanAsync(Roles.Officer, unit.Path, ct))
                    return Outcome<BodyView>.Forbidden("Moving a body needs the officer role on the new unit too.");
                body.OrgUnitId = unit.Id;
            }
        }
        await ApplyAsync(db, caller, r, body, errors, ct);
        if (errors.Any) return Outcome<BodyView>.Invalid(errors);
        if (db.ChangeTracker.HasChanges())
        {
            body.Version++;
            if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<BodyView>.Stale();
        }
        return await GetBody.RunAsync(db, caller, id, ct);
    }

    static async Task ApplyAsync(RallyDb db, Caller caller, Request r, Body body, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("name", r.Name?.Trim(), 200);
        errors.Length("description", r.Description, 4000);
        if (string.IsNullOrWhiteSpace(r.Kind)) errors.Add("kind", "kind is required.");
        else
        {
            var code = r.Kind.Trim();
            var kind = await db.BodyKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Code == code && k.ArchivedAt == null, ct);
            if (kind is null) errors.Add("kind", $"There is no body kind '{code}'.");
            else body.KindId = kind.Id;
        }
        if (r.ParentBodyId is { } parentId)
        {
            var visible = await BodyAccess.VisibleAsync(db, caller, Roles.Viewer, ct);
            var parent = await visible.AsNoTracking().Where(b => b.Id == parentId).Select(b => new { b.Id, b.ArchivedAt }).FirstOrDefaultAsync(ct);
            if (parent is null) errors.Add("parentBodyId", $"There is no body {parentId}.");
            else if (parent.ArchivedAt is not null) errors.Add("parentBodyId", "The parent body is archived.");
            else if (body.Id != 0 && await ReachesAsync(db, parentId, body.Id, ct))
                errors.Add("parentBodyId", "A body cannot sit under itself or under one of its own sub-bodies.");
        }
        body.Name = r.Name?.Trim() ?? "";
        body.Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim();
        body.ParentBodyId = r.ParentBodyId;
    }

    /// <summary>Whether walking up from <paramref name="from"/> through its parents reaches <paramref name="target"/>.</summary>
    static async Task<bool> ReachesAsync(RallyDb db, int from, int target, CancellationToken ct)
    {
        var seen = new HashSet<int>();
        for (int? at = from; at is { } id && seen.Add(id);)
        {
            if (id == target) return true;
            at = await db.Bodies.AsNoTracking().Where(b => b.Id == id).Select(b => b.ParentBodyId).FirstOrDefaultAsync(ct);
        }
        return false;
    }
}
