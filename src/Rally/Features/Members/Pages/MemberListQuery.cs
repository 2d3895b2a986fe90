using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Members.Pages;

public sealed record MemberRow(int Id, string MembershipNumber, string LastName, string FirstName, string? Patronymic, string OrgUnit, string? Workplace, string Category, string Status);

/// <summary>Placeholder for the member list until the API's ListMembers use case lands; the page will call that instead.</summary>
static class MemberListQuery
{
    public sealed record Request(string? Search, string? OrgUnit, string? Category, string? Status, string? Workplace, string? Sort, int Page, int PageSize);

    public sealed record Result(PagedList<MemberRow>? Page, FieldErrors? Errors);

    static readonly string[] SortKeys = ["name", "number", "status", "since"];

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, Request r, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var sort = Paging.Sort(errors, r.Sort, "name", SortKeys);
        if (r.Status is { Length: > 0 } && !MemberRules.IsStatus(r.Status)) errors.Add("status", $"Unknown status '{r.Status}'.");
        var members = (await caller.MembersAsync(ct: ct)).AsNoTracking().Where(m => m.ArchivedAt == null);
        if (r.OrgUnit is { Length: > 0 })
        {
            var path = await db.OrgUnits.Where(u => u.Code == r.OrgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("orgUnit", $"There is no org unit with code '{r.OrgUnit}'.");
            else
            {
                var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id);
                members = members.Where(m => units.Contains(m.OrgUnitId));
            }
        }
        if (r.Workplace is { Length: > 0 })
        {
            var id = await db.OrgUnits.Where(u => u.Code == r.Workplace.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (id is null) errors.Add("workplace", $"There is no workplace with code '{r.Workplace}'.");
            else members = members.Where(m => m.WorkplaceId == id);
        }
        if (r.Category is { Length: > 0 })
        {
            var id = await db.Categories.Where(c => c.Code == r.Category).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (id is null) errors.Add("category", $"There is no category with code '{r.Category}'.");
            else members = members.Where(m => m.CategoryId == id);
        }
        if (errors.Any) return new(null, errors);
        if (r.Status is { Length: > 0 }) members = members.Where(m => m.Status == r.Status);
        if (MemberRules.Key(r.Search) is { Length: > 0 } key)
        {
            var end = OrgPath.PrefixEnd(key);
            var number = r.Search!.Trim();
            members = members.Where(m =>
                (string.Compare(m.LastNameKey, key) >= 0 && string.Compare(m.LastNameKey, end) < 0) ||
                (string.Compare(m.FirstNameKey, key) >= 0 && string.Compare(m.FirstNameKey, end) < 0) ||
                m.MembershipNumber.StartsWith(number));
        }
        var total = await members.CountAsync(ct);
        var (by, desc) = sort!.Value;
        members = by switch
        {
            "number" => desc ? members.OrderByDescending(m => m.MembershipNumber) : members.OrderBy(m => m.MembershipNumber),
            "status" => desc ? members.OrderByDescending(m => m.Status).ThenBy(m => m.LastNameKey) : members.OrderBy(m => m.Status).ThenBy(m => m.LastNameKey),
            "since" => desc ? members.OrderByDescending(m => m.StatusSince).ThenBy(m => m.Id) : members.OrderBy(m => m.StatusSince).ThenBy(m => m.Id),
            _ => desc ? members.OrderByDescending(m => m.LastNameKey).ThenByDescending(m => m.FirstNameKey).ThenBy(m => m.Id) : members.OrderBy(m => m.LastNameKey).ThenBy(m => m.FirstNameKey).ThenBy(m => m.Id),
        };
        var items = await members.Skip((r.Page - 1) * r.PageSize).Take(r.PageSize)
            .Select(m => new MemberRow(m.Id, m.MembershipNumber, m.LastName, m.FirstName, m.Patronymic, m.OrgUnit.ShortName,
                m.Workplace == null ? null : m.Workplace.ShortName, m.Category.Name, m.Status))
            .ToListAsync(ct);
        return new(new PagedList<MemberRow>(items, r.Page, r.PageSize, total), null);
    }
}
