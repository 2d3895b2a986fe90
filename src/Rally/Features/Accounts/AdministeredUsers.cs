using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.OrgUnits;

namespace Rally.Features.Accounts;

/// <summary>
/// Which accounts a caller may administer. A federation-wide administrator: everyone. An
/// administrator of a union (or any unit): the users who hold a grant inside that subtree and no
/// active grant outside it — so nobody is managed by two unrelated unions, and nobody with a
/// federation-wide role is managed from below.
/// </summary>
public static class AdministeredUsers
{
    public static async Task<bool> IsAdministratorAsync(this Caller caller, CancellationToken ct = default) =>
        (await caller.GrantsAsync(ct)).Any(g => g.Role == Roles.Administrator);

    public static async Task<IQueryable<User>> AdministeredUsersAsync(this Caller caller, RallyDb db, CancellationToken ct = default)
    {
        var paths = AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Administrator);
        if (paths is null) return db.Users;
        if (paths.Count == 0) return db.Users.Where(u => false);
        var units = db.OrgUnits.Where(OrgPath.Within(paths)).Select(u => u.Id);
        return db.Users.Where(u =>
            db.RoleGrants.Any(g => g.UserId == u.Id && g.OrgUnitId != null && units.Contains(g.OrgUnitId.Value)) &&
            !db.RoleGrants.Any(g => g.UserId == u.Id && g.RevokedAt == null && (g.OrgUnitId == null || !units.Contains(g.OrgUnitId.Value))));
    }

    /// <summary>Grants the caller may see: for a scoped administrator, those on units in their subtree held by users they administer.</summary>
    public static async Task<IQueryable<RoleGrant>> AdministeredGrantsAsync(this Caller caller, RallyDb db, CancellationToken ct = default)
    {
        var paths = AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Administrator);
        if (paths is null) return db.RoleGrants;
        if (paths.Count == 0) return db.RoleGrants.Where(g => false);
        var units = db.OrgUnits.Where(OrgPath.Within(paths)).Select(u => u.Id);
        var users = (await caller.AdministeredUsersAsync(db, ct)).Select(u => u.Id);
        return db.RoleGrants.Where(g => g.OrgUnitId != null && units.Contains(g.OrgUnitId.Value) && users.Contains(g.UserId));
    }
}

/// <summary>A role grant as the API shows it; a null <see cref="OrgUnit"/> is the whole federation.</summary>
public sealed record GrantView(int Id, string UserId, string UserEmail, string Role, int? OrgUnitId, string? OrgUnit, string? OrgUnitName,
    DateTimeOffset GrantedAt, string? GrantedBy, DateTimeOffset? RevokedAt)
{
    public static IQueryable<GrantView> Project(RallyDb db, IQueryable<RoleGrant> grants) =>
        from g in grants
        join u in db.Users on g.UserId equals u.Id
        select new GrantView(g.Id, g.UserId, u.Email ?? "", g.Role, g.OrgUnitId, g.OrgUnit == null ? null : g.OrgUnit.Code,
            g.OrgUnit == null ? null : g.OrgUnit.Name, g.GrantedAt, g.GrantedBy, g.RevokedAt);
}

/// <summary>A user with their active grants. <see cref="Version"/> is the ETag of the account.</summary>
public sealed record UserView(string Id, string Email, string Name, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string Version, IReadOnlyList<GrantView> Grants)
{
    internal sealed record Row(string Id, string Email, string Name, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string Version);

    internal static IQueryable<Row> Rows(IQueryable<User> users) =>
        users.Select(u => new Row(u.Id, u.Email ?? "", u.DisplayName, u.CreatedAt, u.DisabledAt, u.ConcurrencyStamp ?? ""));

    /// <summary>Attaches the active grants of a page of users with one query.</summary>
    internal static async Task<List<UserView>> WithGrantsAsync(RallyDb db, IReadOnlyList<Row> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var grants = await GrantView.Project(db, db.RoleGrants.Where(g => ids.Contains(g.UserId) && g.RevokedAt == null))
            .ToListAsync(ct);
        var byUser = grants.OrderBy(g => g.GrantedAt).ThenBy(g => g.Id).ToLookup(g => g.UserId);
        return rows.Select(r => new UserView(r.Id, r.Email, r.Name, r.CreatedAt, r.DisabledAt, r.Version, byUser[r.Id].ToList())).ToList();
    }
}
