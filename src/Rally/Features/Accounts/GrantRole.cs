using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>
/// Grants a user a role on an org unit (and its subtree), or on the whole federation when no
/// unit is named. A scoped administrator may grant only within their own subtree.
/// </summary>
public static class GrantRole
{
    /// <param name="OrgUnit">The unit's code; null or empty for the whole federation.</param>
    public sealed record Request(string? Role, string? OrgUnit);


    public static async Task<Outcome<GrantView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, string userId, Request request, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<GrantView>.Forbidden();
        if (!await (await caller.AdministeredUsersAsync(db, ct)).AnyAsync(u => u.Id == userId, ct)) return Outcome<GrantView>.NotFound();

        var errors = new FieldErrors();
        var role = request.Role?.Trim();
        if (!Roles.IsRole(role)) errors.Add("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        var code = string.IsNullOrWhiteSpace(request.OrgUnit) ? null : request.OrgUnit.Trim();
        var unit = code is null ? null : await db.OrgUnits.AsNoTracking().Where(u => u.Code == code).Select(u => new { u.Id, u.Path, u.ArchivedAt }).FirstOrDefaultAsync(ct);
        if (code is not null && unit is null) errors.Add("orgUnit", $"There is no org unit with code '{code}'.");
        else if (unit?.ArchivedAt is not null) errors.Add("orgUnit", $"The org unit '{code}' is archived.");
        if (errors.Any) return Outcome<GrantView>.Invalid(errors);

        if (!await caller.CanAsync(Roles.Administrator, unit?.Path, ct)) return Outcome<GrantView>.Forbidden();
        int? unitId = unit?.Id;
        if (await db.RoleGrants.AnyAsync(g => g.UserId == userId && g.Role == role && g.OrgUnitId == unitId && g.RevokedAt == null, ct))
            return Outcome<GrantView>.Invalid("role", $"The user already holds {role} on {code ?? "the whole federation"}.");

        var grant = new RoleGrant { UserId = userId, Role = role!, OrgUnitId = unitId, GrantedAt = clock.GetUtcNow(), GrantedBy = caller.Name };
        db.RoleGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        return Outcome<GrantView>.Ok(await GrantView.Project(db, db.RoleGrants.AsNoTracking().Where(g => g.Id == grant.Id)).FirstAsync(ct));
    }
}
