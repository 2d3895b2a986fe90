using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;

namespace Rally.Features.FollowUps;

/// <summary>Who may take a follow-up about a member: enabled users holding the organizer role or better over the member's unit.</summary>
public static class FollowUpAssignees
{
    public sealed record Choice(string Id, string Name);

    public static async Task<List<Choice>> ForAsync(RallyDb db, string memberPath, CancellationToken ct)
    {
        var above = OrgPath.StrictAncestors(memberPath).Append(memberPath).ToList();
        var grants = await (from g in db.RoleGrants.AsNoTracking()
                            join u in db.Users on g.UserId equals u.Id
                            where g.RevokedAt == null && u.DisabledAt == null && (g.OrgUnitId == null || above.Contains(g.OrgUnit!.Path))
                            select new { g.UserId, g.Role, Name = u.DisplayName != "" ? u.DisplayName : u.Email ?? u.Id }).ToListAsync(ct);
        return grants.Where(g => Roles.Rank(g.Role) >= Roles.Rank(Roles.Organizer))
            .GroupBy(g => g.UserId).Select(g => new Choice(g.Key, g.First().Name))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
    }
}
