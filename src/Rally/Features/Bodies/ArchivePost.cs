using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>Archives a post: no new assignments, its history stays. Refused while someone holds it today or later.</summary>
public static class ArchivePost
{
    public static async Task<Outcome<PostView>> RunAsync(RallyDb db, Accounts.Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
    {
        var access = await BodyAccess.PostForWriteAsync(db, caller, id, ct);
        if (!access.Succeeded) return access.As<PostView>();
        var post = access.Value!;
        if (expectedVersion is { } v && v != post.Version) return Outcome<PostView>.Stale();
        if (post.ArchivedAt is null)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (await db.Assignments.AnyAsync(a => a.PostId == id && (a.EndsOn == null || a.EndsOn >= today), ct))
                return Outcome<PostView>.Conflict("Members still hold this post; end their assignments first.");
            post.ArchivedAt = clock.GetUtcNow();
            post.Version++;
            db.AuditAction = "archive";
            if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<PostView>.Stale();
        }
        return await ListPosts.GetAsync(db, caller, clock, id, ct);
    }
}
