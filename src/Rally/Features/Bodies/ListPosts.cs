using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>A body's posts by rung and title, each with its holders today and free seats.</summary>
public static class ListPosts
{
    public static async Task<Outcome<PagedList<PostView>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int bodyId, bool includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var body = await GetBody.RunAsync(db, caller, bodyId, ct);
        if (!body.Succeeded) return body.As<PagedList<PostView>>();
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<PostView>>.Invalid(errors);
        var query = db.Posts.AsNoTracking().Where(p => p.BodyId == bodyId);
        if (!includeArchived) query = query.Where(p => p.ArchivedAt == null);
        var today = Today(clock);
        return Outcome<PagedList<PostView>>.Ok(await Project(db, query.OrderBy(p => p.Rung.Position).ThenBy(p => p.Title).ThenBy(p => p.Id), today).ToPageAsync(page, pageSize, ct));
    }

    public static async Task<Outcome<PostView>> GetAsync(RallyDb db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        var bodies = (await BodyAccess.VisibleAsync(db, caller, Roles.Viewer, ct)).Select(b => b.Id);
        var post = await Project(db, db.Posts.AsNoTracking().Where(p => p.Id == id && bodies.Contains(p.BodyId)), Today(clock)).FirstOrDefaultAsync(ct);
        return post is null ? Outcome<PostView>.NotFound("There is no such post.") : Outcome<PostView>.Ok(post);
    }

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    static IQueryable<PostView> Project(RallyDb db, IQueryable<Post> posts, DateOnly today) =>
        from p in posts
        let held = db.Assignments.Count(a => a.PostId == p.Id && a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today))
        select new PostView(p.Id, p.BodyId, p.Body.Name, p.Title, p.Seats, p.Rung.Position, p.Rung.Name, p.TermMonths,
            held, p.Seats - held < 0 ? 0 : p.Seats - held, p.ArchivedAt, p.Version);
}
