using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Placements;

/// <summary>
/// An officer over a body places a specialist in it, with the workers who will oversee them; adds or
/// ends overseers later, and ends the placement. Overseers are members holding a post in that body, never specialists.
/// </summary>
public static class PlacePlacement
{
    /// <param name="StartsOn">yyyy-MM-dd.</param>
    /// <param name="EndsOn">The last day, yyyy-MM-dd; left out while it goes on.</param>
    /// <param name="Overseers">Member ids of the overseers, from the placement's start.</param>
    public sealed record Request(int? MemberId, int? BodyId, string? Role, string? StartsOn, string? EndsOn, IReadOnlyList<int>? Overseers);

    public sealed record OverseerRequest(int? MemberId, string? StartsOn);

    public sealed record EndRequest(string? EndsOn);

    public static async Task<Outcome<PlacementView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (r.MemberId is null) errors.Add("memberId", "memberId is required.");
        if (r.BodyId is null) errors.Add("bodyId", "bodyId is required.");
        errors.Required("role", r.Role?.Trim(), 200);
        var (startsOn, endsOn) = Dates(errors, r.StartsOn, r.EndsOn);
        if (errors.Any) return Outcome<PlacementView>.Invalid(errors);

        var units = (await caller.UnitsAsync(Roles.Viewer, ct)).Select(u => u.Id);
        var body = await db.Bodies.AsNoTracking().Where(b => b.Id == r.BodyId && units.Contains(b.OrgUnitId) && b.ArchivedAt == null)
            .Select(b => new { b.Id, b.Name, b.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (body is null) return Outcome<PlacementView>.NotFound("No such body in your scope.");
        if (!await caller.CanAsync(Roles.Officer, body.Path, ct))
            return Outcome<PlacementView>.Forbidden("Placing a specialist needs the officer role over the body's union or branch.");
        var members = await caller.MembersAsync(Roles.Viewer, ct);
        var specialist = await members.AsNoTracking().Where(m => m.Id == r.MemberId && m.ErasedAt == null)
            .Select(m => new { m.Id, Category = m.Category.Code }).FirstOrDefaultAsync(ct);
        if (specialist is null) return Outcome<PlacementView>.NotFound("No such member in your scope.");
        if (specialist.Category != Placement.SpecialistCategory)
            errors.Add("memberId", "Only a member of the specialist category is placed as a specialist.");

        var placement = new Placement
        {
            MemberId = specialist.Id, BodyId = body.Id, Role = r.Role!.Trim(), StartsOn = startsOn, EndsOn = endsOn,
            CreatedAt = clock.GetUtcNow(), CreatedBy = caller.Name, Version = 1,
        };
        foreach (var (id, i) in (r.Overseers ?? []).Distinct().Select((id, i) => (id, i)))
        {
            var problem = await OverseerProblemAsync(db, members, body.Id, body.Name, specialist.Id, id, startsOn, ct);
            if (problem is not null) errors.Add($"overseers[{i}]", problem);
            else placement.Overseers.Add(new Overseer { MemberId = id, StartsOn = startsOn, EndsOn = endsOn });
        }
        if (errors.Any) return Outcome<PlacementView>.Invalid(errors);
        db.Placements.Add(placement);
        await db.SaveChangesAsync(ct);
        return Outcome<PlacementView>.Ok((await ListPlacements.ViewsAsync(db, [placement.Id], Oversight.Today(clock), ct))[placement.Id]);
    }

    public static async Task<Outcome<PlacementView>> AddOverseerAsync(RallyDb db, Caller caller, TimeProvider clock, int placementId, OverseerRequest r, CancellationToken ct)
    {
        var (placement, refusal) = await ForOfficerAsync(db, caller, placementId, ct);
        if (refusal is not null) return refusal;
        var errors = new FieldErrors();
        if (r.MemberId is null) errors.Add("memberId", "memberId is required.");
        var startsOn = Oversight.Today(clock);
        if (r.StartsOn is not null && !IsoDate.TryParse(r.StartsOn, out startsOn)) errors.Add("startsOn", "startsOn must be a date written yyyy-MM-dd.");
        if (errors.Any) return Outcome<PlacementView>.Invalid(errors);
        if (startsOn < placement!.StartsOn) startsOn = placement.StartsOn;
        var members = await caller.MembersAsync(Roles.Viewer, ct);
        if (!await members.AnyAsync(m => m.Id == r.MemberId, ct)) return Outcome<PlacementView>.NotFound("No such member in your scope.");
        if (await db.Overseers.AnyAsync(o => o.PlacementId == placementId && o.MemberId == r.MemberId && (o.EndsOn == null || o.EndsOn >= startsOn), ct))
            return Outcome<PlacementView>.Conflict("That member already oversees this placement.");
        var bodyName = await db.Bodies.Where(b => b.Id == placement.BodyId).Select(b => b.Name).FirstAsync(ct);
        if (await OverseerProblemAsync(db, members, placement.BodyId, bodyName, placement.MemberId, r.MemberId!.Value, startsOn, ct) is { } problem)
            return Outcome<PlacementView>.Invalid("memberId", problem);
        db.Overseers.Add(new Overseer { PlacementId = placementId, MemberId = r.MemberId.Value, StartsOn = startsOn, EndsOn = placement.EndsOn });
        await db.SaveChangesAsync(ct);
        return Outcome<PlacementView>.Ok((await ListPlacements.ViewsAsync(db, [placementId], Oversight.Today(clock), ct))[placementId]);
    }

    /// <summary>Ends an overseer's watch: endsOn is their last day (today when left out).</summary>
    public static async Task<Outcome<PlacementView>> EndOverseerAsync(RallyDb db, Caller caller, TimeProvider clock, int placementId, int overseerId, EndRequest r, CancellationToken ct)
    {
        var (_, refusal) = await ForOfficerAsync(db, caller, placementId, ct);
        if (refusal is not null) return refusal;
        var overseer = await db.Overseers.FirstOrDefaultAsync(o => o.Id == overseerId && o.PlacementId == placementId, ct);
        if (overseer is null) return Outcome<PlacementView>.NotFound();
        var endsOn = Oversight.Today(clock);
        if (r.EndsOn is not null && !IsoDate.TryParse(r.EndsOn, out endsOn)) return Outcome<PlacementView>.Invalid("endsOn", "endsOn must be a date written yyyy-MM-dd.");
        if (endsOn < overseer.StartsOn) return Outcome<PlacementView>.Invalid("endsOn", "endsOn cannot be before the oversight started.");
        overseer.EndsOn = endsOn;
        await db.SaveChangesAsync(ct);
        return Outcome<PlacementView>.Ok((await ListPlacements.ViewsAsync(db, [placementId], Oversight.Today(clock), ct))[placementId]);
    }

    /// <summary>
    /// Ends a placement: endsOn is the specialist's last day (today when left out). The overseers' watches end with it,
    /// so its decisions still pending can no longer be co-signed; one that already ended is 409.
    /// </summary>
    public static async Task<Outcome<PlacementView>> EndAsync(RallyDb db, Caller caller, TimeProvider clock, int placementId, EndRequest r, CancellationToken ct)
    {
        var (placement, refusal) = await ForOfficerAsync(db, caller, placementId, ct);
        if (refusal is not null) return refusal;
        var today = Oversight.Today(clock);
        var endsOn = today;
        if (r.EndsOn is not null && !IsoDate.TryParse(r.EndsOn, out endsOn)) return Outcome<PlacementView>.Invalid("endsOn", "endsOn must be a date written yyyy-MM-dd.");
        if (endsOn < placement!.StartsOn)
            return Outcome<PlacementView>.Invalid("endsOn", $"endsOn (the last day) cannot be before the placement started on {placement.StartsOn:yyyy-MM-dd}.");
        if (placement.EndsOn < today) return Outcome<PlacementView>.Conflict($"The placement already ended on {placement.EndsOn:yyyy-MM-dd}.");
        placement.EndsOn = endsOn;
        placement.Version++;
        foreach (var o in await db.Overseers.Where(o => o.PlacementId == placementId && (o.EndsOn == null || o.EndsOn > endsOn)).ToListAsync(ct))
            if (o.StartsOn > endsOn) db.Overseers.Remove(o); // a watch that would have begun after the end never begins
            else o.EndsOn = endsOn;
        await db.SaveChangesAsync(ct);
        return Outcome<PlacementView>.Ok((await ListPlacements.ViewsAsync(db, [placementId], today, ct))[placementId]);
    }

    static async Task<(Placement?, Outcome<PlacementView>?)> ForOfficerAsync(RallyDb db, Caller caller, int placementId, CancellationToken ct)
    {
        var units = (await caller.UnitsAsync(Roles.Viewer, ct)).Select(u => u.Id);
        var row = await db.Placements.Where(p => p.Id == placementId && units.Contains(p.Body.OrgUnitId))
            .Select(p => new { Placement = p, p.Body.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (row is null) return (null, Outcome<PlacementView>.NotFound());
        if (!await caller.CanAsync(Roles.Officer, row.Path, ct))
            return (null, Outcome<PlacementView>.Forbidden("Changing a placement needs the officer role over the body's union or branch."));
        return (row.Placement, null);
    }

    /// <summary>Why this member cannot oversee: outside the caller's scope, the specialist, a specialist, or holding no post in the body on that day.</summary>
    static async Task<string?> OverseerProblemAsync(RallyDb db, IQueryable<Members.Member> members, int bodyId, string bodyName, int specialistId, int memberId, DateOnly on, CancellationToken ct)
    {
        var member = await members.AsNoTracking().Where(m => m.Id == memberId && m.ErasedAt == null)
            .Select(m => new { Name = m.FirstName + " " + m.LastName, Category = m.Category.Code }).FirstOrDefaultAsync(ct);
        if (member is null) return $"No member {memberId} in your scope.";
        if (memberId == specialistId) return "A specialist does not oversee their own placement.";
        if (member.Category == Placement.SpecialistCategory) return $"{member.Name} is a specialist; overseers are workers.";
        var holds = await db.Assignments.AnyAsync(a => a.MemberId == memberId && a.Post.BodyId == bodyId && a.StartsOn <= on && (a.EndsOn == null || a.EndsOn >= on), ct);
        return holds ? null : $"{member.Name} holds no post in {bodyName} on {on:yyyy-MM-dd}; overseers are members of the body.";
    }

    static (DateOnly StartsOn, DateOnly? EndsOn) Dates(FieldErrors errors, string? starts, string? ends)
    {
        DateOnly startsOn = default;
        DateOnly? endsOn = null;
        if (string.IsNullOrWhiteSpace(starts)) errors.Add("startsOn", "startsOn is required.");
        else if (!IsoDate.TryParse(starts, out startsOn)) errors.Add("startsOn", "startsOn must be a date written yyyy-MM-dd.");
        if (!string.IsNullOrWhiteSpace(ends))
        {
            if (!IsoDate.TryParse(ends, out var e)) errors.Add("endsOn", "endsOn must be a date written yyyy-MM-dd.");
            else if (startsOn != default && e < startsOn) errors.Add("endsOn", "endsOn (the last day) cannot be before startsOn.");
            else endsOn = e;
        }
        return (startsOn, endsOn);
    }
}
