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
        var units = db.OrgUnits.Where(OrgPath.WithinOrAbove(paths)).Select(u => u.Id);
        return db.Programmes.Where(p => units.Contains(p.OrgUnitId));
    }

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
