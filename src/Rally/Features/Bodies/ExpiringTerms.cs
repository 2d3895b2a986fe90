using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>
/// Terms coming to an end: assignments to posts with a term, still held today, whose term's last
/// day falls within the next <c>days</c> days — or has already passed while the member still holds
/// the post (overdue). Soonest first.
/// </summary>
public static class ExpiringTerms
{
    public const int DefaultDays = 30, MaxDays = 3660;

    public sealed record Request(int? Days = null, int? Body = null, int? Page = null, int? PageSize = null);

    public static async Task<Outcome<PagedList<AssignmentView>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, r.Page, r.PageSize);
        if (r.Days is < 0 or > MaxDays) errors.Add("days", $"days must be between 0 and {MaxDays}.");
        if (errors.Any) return Outcome<PagedList<AssignmentView>>.Invalid(errors);
        var bodies = (await BodyAccess.VisibleAsync(db, caller, Roles.Viewer, ct)).Select(b => b.Id);
        if (r.Body is { } bodyId && !await bodies.AnyAsync(b => b == bodyId, ct)) return Outcome<PagedList<AssignmentView>>.NotFound("There is no such body.");

        var today = ListPosts.Today(clock);
        var horizon = today.AddDays(r.Days ?? DefaultDays);
        var query = db.Assignments.AsNoTracking().Where(a => bodies.Contains(a.Post.BodyId) && a.Post.TermMonths != null && a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today));
        if (r.Body is { } only) query = query.Where(a => a.Post.BodyId == only);
        // The term ends by the horizon when StartsOn + T months − 1 day ≤ horizon, i.e. roughly StartsOn ≤ (horizon + 1 day) − T months:
        // one bound per term length in use (there are few), so the database does the filtering. Month ends clamp (31 January
        // + 1 month = 28 February), so the bound is loosened by a few days and the exact test is made in memory.
        var terms = await query.Select(a => a.Post.TermMonths!.Value).Distinct().ToListAsync(ct);
        var ending = new List<AssignmentView.Row>();
        foreach (var t in terms)
        {
            var latestStart = horizon.AddDays(1).AddMonths(-t).AddDays(4);
            ending.AddRange(await AssignmentView.Project(db, query.Where(a => a.Post.TermMonths == t && a.StartsOn <= latestStart)).ToListAsync(ct));
        }
        var views = ending.Select(e => e.View()).Where(v => v.TermEndsOn <= horizon).OrderBy(v => v.TermEndsOn).ThenBy(v => v.Id).ToList();
        var page = r.Page ?? 1;
        var size = r.PageSize ?? Paging.DefaultSize;
        return Outcome<PagedList<AssignmentView>>.Ok(new(views.Skip((page - 1) * size).Take(size).ToList(), page, size, views.Count));
    }
}
