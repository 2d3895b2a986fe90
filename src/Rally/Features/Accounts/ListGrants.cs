using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>Role grants the caller administers, filtered by user, org unit (its subtree) and role; administrators only.</summary>
public static class ListGrants
{
    /// <param name="User">A user's id or e-mail address.</param>
    /// <param name="OrgUnit">An org unit's code: grants on it and on the units below it.</param>
    public sealed record Request(string? User = null, string? OrgUnit = null, string? Role = null, bool IncludeRevoked = false,
        int? Page = null, int? PageSize = null, string? Sort = null);


    public static readonly string[] SortKeys = ["grantedAt", "role", "user", "orgUnit"];

    public static async Task<Outcome<PagedList<GrantView>>> RunAsync(RallyDb db, Caller caller, Request request, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<PagedList<GrantView>>.Forbidden();
        var errors = new FieldErrors();
        Paging.Validate(errors, request.Page, request.PageSize);
        var sort = Paging.Sort(errors, string.IsNullOrWhiteSpace(request.Sort) ? "-grantedAt" : request.Sort, "grantedAt", SortKeys);
        var role = string.IsNullOrWhiteSpace(request.Role) ? null : request.Role.Trim();
        if (role is not null && !Roles.IsRole(role)) errors.Add("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        string? unitPath = null;
        if (!string.IsNullOrWhiteSpace(request.OrgUnit))
        {
            var code = request.OrgUnit.Trim();
            unitPath = await db.OrgUnits.Where(u => u.Code == code).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (unitPath is null) errors.Add("orgUnit", $"There is no org unit with code '{code}'.");
        }
        if (errors.Any) return Outcome<PagedList<GrantView>>.Invalid(errors);

        var grants = (await caller.AdministeredGrantsAsync(db, ct)).AsNoTracking();
        if (!request.IncludeRevoked) grants = grants.Where(g => g.RevokedAt == null);
        if (role is not null) grants = grants.Where(g => g.Role == role);
        if (unitPath is not null)
        {
            var units = db.OrgUnits.Where(OrgPath.Within([unitPath])).Select(u => u.Id);
            grants = grants.Where(g => g.OrgUnitId != null && units.Contains(g.OrgUnitId.Value));
        }
        if (!string.IsNullOrWhiteSpace(request.User))
        {
            var who = request.User.Trim();
            var email = who.ToUpperInvariant();
            var byEmail = db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id);
            grants = grants.Where(g => g.UserId == who || byEmail.Contains(g.UserId));
        }

        var (key, descending) = sort!.Value;
        var rows = from g in grants join u in db.Users on g.UserId equals u.Id select new { g, u };
        var ordered = key switch
        {
            "role" => rows.SortBy(r => r.g.Role, descending),
            "user" => rows.SortBy(r => r.u.NormalizedEmail, descending),
            "orgUnit" => rows.SortBy(r => r.g.OrgUnit == null ? null : r.g.OrgUnit.Code, descending),
            _ => rows.SortBy(r => r.g.GrantedAt, descending),
        };
        var page = ordered.ThenSortBy(r => r.g.Id, descending).Select(r => new GrantView(r.g.Id, r.g.UserId, r.u.Email ?? "", r.g.Role, r.g.OrgUnitId,
            r.g.OrgUnit == null ? null : r.g.OrgUnit.Code, r.g.OrgUnit == null ? null : r.g.OrgUnit.Name, r.g.GrantedAt, r.g.GrantedBy, r.g.RevokedAt));
        return Outcome<PagedList<GrantView>>.Ok(await page.ToPageAsync(request.Page, request.PageSize, ct));
    }
}
