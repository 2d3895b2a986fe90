using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.StructureTests;

/// <summary>
/// Which tests a caller sees and whom a test covers. A test on a union is seen by the union's
/// viewers and also by anyone holding a grant inside it (a branch organiser records participation
/// in a union-wide petition); what they see of its members is still only their own scope.
/// </summary>
static class StructureTestScope
{
    /// <summary>Tests on a unit within the caller's viewer grants, or on an ancestor of one of them.</summary>
    public static async Task<IQueryable<StructureTest>> VisibleAsync(RallyDb db, Caller caller, CancellationToken ct)
    {
        var paths = AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Viewer);
        if (paths is null) return db.StructureTests;
        if (paths.Count == 0) return db.StructureTests.Where(t => false);
        var units = db.OrgUnits.Where(OrgPath.WithinOrAbove(paths)).Select(u => u.Id);
        return db.StructureTests.Where(t => units.Contains(t.OrgUnitId));
    }

    /// <summary>The members a test counts, within the caller's viewer grants: active, not archived, their union or branch in the test's subtree.</summary>
    public static async Task<IQueryable<Member>> CoveredMembersAsync(RallyDb db, Caller caller, string testPath, CancellationToken ct)
    {
        var units = db.OrgUnits.Where(OrgPath.Within([testPath])).Select(u => u.Id);
        return (await caller.MembersAsync(Roles.Viewer, ct))
            .Where(m => m.ArchivedAt == null && m.Status == MemberRules.Active && units.Contains(m.OrgUnitId));
    }
}
