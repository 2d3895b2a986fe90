using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.Accounts;

public sealed record Grant(int Id, string Role, int? OrgUnitId, string? Path, string? OrgUnitCode);

/// <summary>
/// The signed-in caller and their grants. Every read of members or org units goes through
/// <see cref="Units"/> or <see cref="Members"/>, so nothing outside the grants is ever loaded.
/// </summary>
public sealed class Caller(IHttpContextAccessor http, RallyDb db)
{
    IReadOnlyList<Grant>? grants;

    public ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();
    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string Name => Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.Identity?.Name ?? "";

    public async Task<IReadOnlyList<Grant>> GrantsAsync(CancellationToken ct = default)
    {
        if (grants is not null) return grants;
        if (UserId is not { } id) return grants = [];
        return grants = await db.RoleGrants.AsNoTracking()
            .Where(g => g.UserId == id && g.RevokedAt == null)
            .Select(g => new Grant(g.Id, g.Role, g.OrgUnitId, g.OrgUnit == null ? null : g.OrgUnit.Path, g.OrgUnit == null ? null : g.OrgUnit.Code))
            .ToListAsync(ct);
    }

    /// <summary>Whether the caller holds at least <paramref name="role"/> over the unit at <paramref name="path"/> (null: the whole federation).</summary>
    public async Task<bool> CanAsync(string role, string? path, CancellationToken ct = default) =>
        AccessRules.Allows(await GrantsAsync(ct), role, path);

    public async Task<bool> IsFederationAdministratorAsync(CancellationToken ct = default) => await CanAsync(Roles.Administrator, null, ct);

    /// <summary>The highest role the caller holds anywhere, or null.</summary>
    public async Task<string?> HighestRoleAsync(CancellationToken ct = default) =>
        (await GrantsAsync(ct)).OrderByDescending(g => Roles.Rank(g.Role)).Select(g => g.Role).FirstOrDefault();

    /// <summary>Org units within the caller's grants of at least <paramref name="role"/>.</summary>
    public async Task<IQueryable<OrgUnit>> UnitsAsync(string role = Roles.Viewer, CancellationToken ct = default) =>
        db.OrgUnits.Where(await ScopeAsync(role, ct));

    /// <summary>Members whose union or branch lies within the caller's grants of at least <paramref name="role"/>.</summary>
    public async Task<IQueryable<Member>> MembersAsync(string role = Roles.Viewer, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(role, ct);
        if (scope == Everything) return db.Members;
        var units = db.OrgUnits.Where(scope).Select(u => u.Id);
        return db.Members.Where(m => units.Contains(m.OrgUnitId));
    }

    static readonly Expression<Func<OrgUnit, bool>> Everything = u => true;
    static readonly Expression<Func<OrgUnit, bool>> Nothing = u => false;

    async Task<Expression<Func<OrgUnit, bool>>> ScopeAsync(string role, CancellationToken ct)
    {
        var paths = AccessRules.Paths(await GrantsAsync(ct), role);
        if (paths is null) return Everything;
        if (paths.Count == 0) return Nothing;
        return OrgPath.Within(paths);
    }
}

/// <summary>Pure rules of grant inheritance: a grant on a unit holds for its whole subtree.</summary>
public static class AccessRules
{
    public static bool Allows(IEnumerable<Grant> grants, string role, string? path) =>
        grants.Any(g => Roles.Rank(g.Role) >= Roles.Rank(role) && (g.Path is null || path is not null && OrgPath.Contains(g.Path, path)));

    /// <summary>Whether the grants hold <paramref name="role"/> somewhere that overlaps the subtree at <paramref name="path"/> (on it, above it or inside it).</summary>
    public static bool Reaches(IEnumerable<Grant> grants, string role, string path) =>
        grants.Any(g => Roles.Rank(g.Role) >= Roles.Rank(role) && (g.Path is null || OrgPath.Contains(g.Path, path) || OrgPath.Contains(path, g.Path)));

    /// <summary>
    /// The subtree roots the grants of at least <paramref name="role"/> cover, with nested ones
    /// folded into their ancestors; null when one of them covers the whole federation.
    /// </summary>
    public static List<string>? Paths(IEnumerable<Grant> grants, string role)
    {
        var strong = grants.Where(g => Roles.Rank(g.Role) >= Roles.Rank(role)).ToList();
        if (strong.Any(g => g.OrgUnitId is null)) return null;
        var paths = strong.Select(g => g.Path!).Distinct().OrderBy(p => p.Length).ToList();
        return paths.Where((p, i) => !paths.Take(i).Any(a => OrgPath.Contains(a, p))).ToList();
    }
}
