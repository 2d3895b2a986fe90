using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>
/// Who may touch a body, its posts and their assignments: viewers of the body's unit read them
/// (others get 404), officers of the body's unit manage them (others 403).
/// </summary>
public static class BodyAccess
{
    /// <summary>Bodies whose unit lies within the caller's grants of at least <paramref name="role"/>.</summary>
    public static async Task<IQueryable<Body>> VisibleAsync(RallyDb db, Caller caller, string role, CancellationToken ct)
    {
        var units = (await caller.UnitsAsync(role, ct)).Select(u => u.Id);
        return db.Bodies.Where(b => units.Contains(b.OrgUnitId));
    }

    public static async Task<Outcome<Body>> BodyForWriteAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var body = await (await VisibleAsync(db, caller, Roles.Viewer, ct)).Include(b => b.OrgUnit).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (body is null) return Outcome<Body>.NotFound("There is no such body.");
        if (!await caller.CanAsync(Roles.Officer, body.OrgUnit.Path, ct))
            return Outcome<Body>.Forbidden("Managing a body, its posts and assignments needs the officer role on its unit.");
        return Outcome<Body>.Ok(body);
    }

    public static async Task<Outcome<Post>> PostForWriteAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var bodies = (await VisibleAsync(db, caller, Roles.Viewer, ct)).Select(b => b.Id);
        var post = await db.Posts.Include(p => p.Body).ThenInclude(b => b.OrgUnit).Include(p => p.Rung)
            .FirstOrDefaultAsync(p => p.Id == id && bodies.Contains(p.BodyId), ct);
        if (post is null) return Outcome<Post>.NotFound("There is no such post.");
        if (!await caller.CanAsync(Roles.Officer, post.Body.OrgUnit.Path, ct))
            return Outcome<Post>.Forbidden("Managing a body, its posts and assignments needs the officer role on its unit.");
        return Outcome<Post>.Ok(post);
    }

    /// <summary>Serialises assignments to one post: on PostgreSQL the post row is locked until the transaction ends, so two officers cannot both take the last seat.</summary>
    internal static async Task LockPostAsync(RallyDb db, int postId, CancellationToken ct)
    {
        if (db is PostgresRallyDb)
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Posts\" WHERE \"Id\" = {postId} FOR UPDATE", ct);
    }
}
