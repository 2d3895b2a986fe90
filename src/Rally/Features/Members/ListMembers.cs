using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>
/// The member list: scoped to the caller's grants, searched, filtered, sorted and paged in the
/// database. Search is by prefix over surname, given name and membership number, each an index range.
/// </summary>
public static class ListMembers
{
    public sealed record Query(
        string? Search = null, string? OrgUnit = null, string? Category = null, string? Status = null, string? Workplace = null,
        bool IncludeArchived = false, int? Page = null, int? PageSize = null, string? Sort = null);

    public static readonly IReadOnlyList<string> SortKeys = ["lastName", "firstName", "membershipNumber", "status", "statusSince", "dateOfBirth", "createdAt", "updatedAt"];

    public static async Task<Outcome<PagedList<MemberResponse>>> RunAsync(RallyDb db, Caller caller, Query query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, query.Page, query.PageSize);
        var sort = Paging.Sort(errors, query.Sort, "lastName", SortKeys);
        var members = await FilterAsync(db, (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking(), query, errors, ct);
        var project = SortRow.For(sort?.Key ?? "lastName");
        var matches = Search(members, query.Search, project, errors);
        if (errors.Any || sort is not { } order) return Outcome<PagedList<MemberResponse>>.Invalid(errors);

        // Count and choose the page from the rows alone (they carry every filter and the sort keys);
        // only the page's members are then read whole.
        var rows = matches ?? members.Select(project);
        var total = await rows.CountAsync(ct);
        int page = query.Page ?? 1, size = query.PageSize ?? Paging.DefaultSize;
        var onPage = await Sort(rows, order.Key, order.Descending).Skip((page - 1) * size).Take(size).Select(r => r.Id).ToListAsync(ct);
        var found = await db.Members.AsNoTracking().Where(m => onPage.Contains(m.Id)).Select(MemberResponse.Project).ToDictionaryAsync(m => m.Id, ct);
        return Outcome<PagedList<MemberResponse>>.Ok(new(onPage.Select(id => found[id]).ToList(), page, size, total));
    }

    /// <summary>
    /// The members of <paramref name="scope"/> the query's filters and search select, for uses that
    /// read them whole in their own order (the export): the list's rules, without its paging.
    /// </summary>
    public static async Task<IQueryable<Member>> MatchingAsync(RallyDb db, IQueryable<Member> scope, Query query, FieldErrors errors, CancellationToken ct)
    {
        var members = await FilterAsync(db, scope, query, errors, ct);
        var matches = Search(members, query.Search, SortRow.For("lastName"), errors);
        return matches is null ? members : members.Where(m => matches.Select(r => r.Id).Contains(m.Id));
    }

    /// <summary>Archived or not, org unit subtree, workplace subtree, categories, statuses: each a narrower query, or an error naming the parameter.</summary>
    static async Task<IQueryable<Member>> FilterAsync(RallyDb db, IQueryable<Member> members, Query query, FieldErrors errors, CancellationToken ct)
    {
        if (!query.IncludeArchived) members = members.Where(m => m.ArchivedAt == null);

        if (!string.IsNullOrWhiteSpace(query.OrgUnit))
        {
            var path = await db.OrgUnits.ByIdOrCode(query.OrgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("orgUnit", $"There is no org unit '{query.OrgUnit}'.");
            else
            {
                var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id);
                members = members.Where(m => units.Contains(m.OrgUnitId));
            }
        }
        if (!string.IsNullOrWhiteSpace(query.Workplace))
        {
            var path = await db.OrgUnits.ByIdOrCode(query.Workplace.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("workplace", $"There is no org unit '{query.Workplace}'.");
            else
            {
                var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => (int?)u.Id);
                members = members.Where(m => units.Contains(m.WorkplaceId));
            }
        }
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            var codes = query.Category.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var ids = await db.Categories.Where(c => codes.Contains(c.Code)).Select(c => c.Id).ToListAsync(ct);
            if (ids.Count < codes.Distinct().Count()) errors.Add("category", $"Unknown category in '{query.Category}'.");
            members = ids.Count == 1 ? members.Where(m => m.CategoryId == ids[0]) : members.Where(m => ids.Contains(m.CategoryId));
        }
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var statuses = query.Status.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!statuses.All(MemberRules.IsStatus)) errors.Add("status", $"status must be one of {string.Join(", ", MemberRules.Statuses)}.");
            members = statuses.Length == 1 ? members.Where(m => m.Status == statuses[0]) : members.Where(m => statuses.Contains(m.Status));
        }
        return members;
    }

    /// <summary>The rows matching every word of <paramref name="search"/> (each word narrows the matches of the words before it); null without a search.</summary>
    static IQueryable<SortRow>? Search(IQueryable<Member> members, string? search, Expression<Func<Member, SortRow>> project, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        IQueryable<SortRow>? matches = null;
        var terms = search.Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length > 5 || search.Length > 100) errors.Add("search", "search takes at most 5 words and 100 characters.");
        foreach (var term in terms.Take(5))
        {
            var earlier = matches?.Select(r => r.Id);
            matches = Matching(earlier is null ? members : members.Where(m => earlier.Contains(m.Id)), term, project);
        }
        return matches;
    }

    /// <summary>
    /// A member reduced to its id, its name keys and the key the list is sorted by: nothing the
    /// name indexes do not hold, for the default sorts, so counting and choosing a page never reads a row.
    /// </summary>
    sealed class SortRow
    {
        public int Id { get; init; }
        public string LastNameKey { get; init; } = "";
        public string FirstNameKey { get; init; } = "";
        public string MembershipNumber { get; init; } = "";
        public string Status { get; init; } = "";
        public DateOnly StatusSince { get; init; }
        public DateOnly? DateOfBirth { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        /// <summary>m => new SortRow { Id = m.Id, LastNameKey = m.LastNameKey, FirstNameKey = m.FirstNameKey, [the sort key] = m.[...] }</summary>
        public static Expression<Func<Member, SortRow>> For(string sortKey)
        {
            var member = Expression.Parameter(typeof(Member), "m");
            var fields = new[] { nameof(Id), nameof(LastNameKey), nameof(FirstNameKey), Field(sortKey) }.Distinct();
            var bindings = fields.Select(f => Expression.Bind(typeof(SortRow).GetProperty(f)!, Expression.Property(member, f)));
            return Expression.Lambda<Func<Member, SortRow>>(Expression.MemberInit(Expression.New(typeof(SortRow)), bindings), member);
        }

        static string Field(string sortKey) => sortKey switch
        {
            "lastName" => nameof(LastNameKey),
            "firstName" => nameof(FirstNameKey),
            _ => char.ToUpperInvariant(sortKey[0]) + sortKey[1..],
        };
    }

    /// <summary>
    /// The members whose surname, given name or membership number starts with <paramref name="term"/>.
    /// A union of three index ranges, each carrying the other filters (the scope among them), rather
    /// than one OR: an OR of ranges on different columns makes both databases scan the scope.
    /// </summary>
    static IQueryable<SortRow> Matching(IQueryable<Member> members, string term, Expression<Func<Member, SortRow>> project)
    {
        var (key, number) = (MemberRules.Key(term), term.ToUpperInvariant());
        var (keyEnd, numberEnd) = (OrgPath.PrefixEnd(key), OrgPath.PrefixEnd(number));
        // Disjoint branches (each excludes what an earlier one took), so no member comes twice and
        // the rows need no de-duplication: UNION ALL, not UNION.
        var bySurname = members.Where(m => string.Compare(m.LastNameKey, key) >= 0 && string.Compare(m.LastNameKey, keyEnd) < 0);
        var byName = members.Where(m => string.Compare(m.FirstNameKey, key) >= 0 && string.Compare(m.FirstNameKey, keyEnd) < 0
            && !(string.Compare(m.LastNameKey, key) >= 0 && string.Compare(m.LastNameKey, keyEnd) < 0));
        var byNumber = members.Where(m => string.Compare(m.MembershipNumber, number) >= 0 && string.Compare(m.MembershipNumber, numberEnd) < 0
            && !(string.Compare(m.LastNameKey, key) >= 0 && string.Compare(m.LastNameKey, keyEnd) < 0)
            && !(string.Compare(m.FirstNameKey, key) >= 0 && string.Compare(m.FirstNameKey, keyEnd) < 0));
        return bySurname.Select(project).Concat(byName.Select(project)).Concat(byNumber.Select(project));
    }

    static IQueryable<SortRow> Sort(IQueryable<SortRow> q, string key, bool desc) => (key, desc) switch
    {
        ("firstName", false) => q.OrderBy(m => m.FirstNameKey).ThenBy(m => m.LastNameKey).ThenBy(m => m.Id),
        ("firstName", true) => q.OrderByDescending(m => m.FirstNameKey).ThenByDescending(m => m.LastNameKey).ThenByDescending(m => m.Id),
        ("membershipNumber", false) => q.OrderBy(m => m.MembershipNumber),
        ("membershipNumber", true) => q.OrderByDescending(m => m.MembershipNumber),
        ("status", false) => q.OrderBy(m => m.Status).ThenBy(m => m.LastNameKey).ThenBy(m => m.Id),
        ("status", true) => q.OrderByDescending(m => m.Status).ThenBy(m => m.LastNameKey).ThenBy(m => m.Id),
        ("statusSince", false) => q.OrderBy(m => m.StatusSince).ThenBy(m => m.Id),
        ("statusSince", true) => q.OrderByDescending(m => m.StatusSince).ThenByDescending(m => m.Id),
        ("dateOfBirth", false) => q.OrderBy(m => m.DateOfBirth).ThenBy(m => m.Id),
        ("dateOfBirth", true) => q.OrderByDescending(m => m.DateOfBirth).ThenByDescending(m => m.Id),
        ("createdAt", false) => q.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id),
        ("createdAt", true) => q.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id),
        ("updatedAt", false) => q.OrderBy(m => m.UpdatedAt).ThenBy(m => m.Id),
        ("updatedAt", true) => q.OrderByDescending(m => m.UpdatedAt).ThenByDescending(m => m.Id),
        (_, false) => q.OrderBy(m => m.LastNameKey).ThenBy(m => m.FirstNameKey).ThenBy(m => m.Id),
        (_, true) => q.OrderByDescending(m => m.LastNameKey).ThenByDescending(m => m.FirstNameKey).ThenByDescending(m => m.Id),
    };
}
