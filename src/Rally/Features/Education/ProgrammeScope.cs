using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.Education;

/// <summary>
/// Which programmes a caller sees. A programme on a union is seen by the union's viewers and also by
/// anyone holding a grant inside it (a branch organiser takes attendance at a union-wide lecture
/// series); what they see of its members is still only their own scope.
/// </summary>
public static class ProgrammeScope
{
    public static async Task<IQueryable<Programme>> VisibleAsync(RallyDb db, Caller caller, CancellationToken ct)
    {
        var paths = AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Viewer);
        if (paths is null) return db.Programmes;
        if (paths.Count == 0) return db.Programmes.Where(p => false);
        var within = OrgPath.Within(paths);
        var ancestors = paths.SelectMany(StrictAncestors).Distinct().ToList();
        var path = Expression.Property(within.Parameters[0], nameof(OrgUnit.Path));
        var isAncestor = Expression.Call(Expression.Constant(ancestors), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, path);
        var units = db.OrgUnits.Where(Expression.Lambda<Func<OrgUnit, bool>>(Expression.OrElse(within.Body, isAncestor), within.Parameters)).Select(u => u.Id);
        return db.Programmes.Where(p => units.Contains(p.OrgUnitId));
    }

    /// <summary>"/1/5/23/" → "/1/", "/1/5/".</summary>
    static IEnumerable<string> StrictAncestors(string path)
    {
        for (var i = path.IndexOf('/', 1); i >= 0 && i < path.Length - 1; i = path.IndexOf('/', i + 1))
            yield return path[..(i + 1)];
    }

    /// <summary>Whether the caller holds <paramref name="role"/> somewhere that overlaps the subtree at <paramref name="path"/>.</summary>
    public static bool Reaches(IEnumerable<Grant> grants, string role, string path) =>
        grants.Any(g => Roles.Rank(g.Role) >= Roles.Rank(role) && (g.Path is null || OrgPath.Contains(g.Path, path) || OrgPath.Contains(path, g.Path)));

    /// <summary>Active, unarchived members of the subtree at <paramref name="path"/> within the caller's viewer grants.</summary>
    public static async Task<IQueryable<Member>> MembersAsync(RallyDb db, Caller caller, string path, CancellationToken ct)
    {
        var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id);
        return (await caller.MembersAsync(Roles.Viewer, ct)).Where(m => m.ArchivedAt == null && units.Contains(m.OrgUnitId));
    }

    /// <summary>The programme as the write paths need it, if the caller sees it.</summary>
    public sealed record Found(int Id, string Name, string Path, decimal CompletionShare, DateOnly StartsOn, DateOnly? EndsOn, bool Archived);

    public static async Task<Found?> FindAsync(RallyDb db, Caller caller, int id, CancellationToken ct) =>
        await (await VisibleAsync(db, caller, ct)).AsNoTracking().Where(p => p.Id == id)
            .Select(p => new Found(p.Id, p.Name, p.OrgUnit.Path, p.CompletionShare, p.StartsOn, p.EndsOn, p.ArchivedAt != null)).FirstOrDefaultAsync(ct);
}
