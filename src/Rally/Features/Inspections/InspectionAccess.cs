using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Bodies;

namespace Rally.Features.Inspections;

/// <summary>
/// Who sees and does what. Targets, their inspections and findings are scoped to the target's org
/// unit subtree; a finding is also seen and worked by the responsible body's unit. A "group member"
/// on a day is the holder of a post in the control-group body on that day (read from Assignments).
/// </summary>
public static class InspectionAccess
{
    public static async Task<IQueryable<InspectionTarget>> TargetsAsync(RallyDb db, Caller caller, string role, CancellationToken ct)
    {
        var units = (await caller.UnitsAsync(role, ct)).Select(u => u.Id);
        return db.InspectionTargets.Where(t => units.Contains(t.OrgUnitId));
    }

    public static async Task<IQueryable<Inspection>> InspectionsAsync(RallyDb db, Caller caller, string role, CancellationToken ct)
    {
        var units = (await caller.UnitsAsync(role, ct)).Select(u => u.Id);
        return db.Inspections.Where(i => units.Contains(i.Target.OrgUnitId));
    }

    /// <summary>Findings on targets in scope, or assigned to a body whose unit is in scope.</summary>
    public static async Task<IQueryable<Finding>> FindingsAsync(RallyDb db, Caller caller, string role, CancellationToken ct)
    {
        var units = (await caller.UnitsAsync(role, ct)).Select(u => u.Id);
        return db.Findings.Where(f => units.Contains(f.Inspection.Target.OrgUnitId) || units.Contains(f.ResponsibleBody.OrgUnitId));
    }

    /// <summary>The member the caller's account belongs to, if linked.</summary>
    public static async Task<int?> CallerMemberAsync(RallyDb db, Caller caller, CancellationToken ct) =>
        caller.UserId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.MemberId).FirstOrDefaultAsync(ct) : null;

    /// <summary>Members holding a post in <paramref name="bodyId"/> on <paramref name="day"/>.</summary>
    public static IQueryable<int> BodyMembers(RallyDb db, int bodyId, DateOnly day) =>
        db.Assignments.Where(a => a.Post.BodyId == bodyId && a.StartsOn <= day && (a.EndsOn == null || a.EndsOn >= day)).Select(a => a.MemberId);

    /// <summary>Control groups (bodies of kind control-group) that <paramref name="memberId"/> belongs to on <paramref name="day"/>.</summary>
    public static IQueryable<int> GroupsOf(RallyDb db, int memberId, DateOnly day) =>
        db.Assignments.Where(a => a.MemberId == memberId && a.StartsOn <= day && (a.EndsOn == null || a.EndsOn >= day)
                && a.Post.Body.Kind.Code == BodyKind.ControlGroup && a.Post.Body.ArchivedAt == null)
            .Select(a => a.Post.BodyId).Distinct();

    public static Task<bool> IsGroupMemberAsync(RallyDb db, int memberId, int groupId, DateOnly day, CancellationToken ct) =>
        BodyMembers(db, groupId, day).AnyAsync(m => m == memberId, ct);

    public static async Task<bool> CanAsync(Caller caller, string role, int orgUnitId, RallyDb db, CancellationToken ct)
    {
        var path = await db.OrgUnits.Where(u => u.Id == orgUnitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        return path is not null && await caller.CanAsync(role, path, ct);
    }

    /// <summary>Every body's name and parent, for escalation chains (bodies are few: hundreds, not millions).</summary>
    public static async Task<Dictionary<int, (string Name, int? Parent)>> BodyTreeAsync(RallyDb db, CancellationToken ct) =>
        await db.Bodies.AsNoTracking().Select(b => new { b.Id, b.Name, b.ParentBodyId }).ToDictionaryAsync(b => b.Id, b => (b.Name, b.ParentBodyId), ct);

    /// <summary>The bodies above <paramref name="bodyId"/>, parent first; stops at a cycle.</summary>
    public static List<FindingRules.BodyRef> Ancestors(Dictionary<int, (string Name, int? Parent)> tree, int bodyId)
    {
        var chain = new List<FindingRules.BodyRef>();
        var seen = new HashSet<int> { bodyId };
        var next = tree.TryGetValue(bodyId, out var b) ? b.Parent : null;
        while (next is { } id && seen.Add(id) && tree.TryGetValue(id, out var body))
        {
            chain.Add(new(id, body.Name));
            next = body.Parent;
        }
        return chain;
    }
}
