using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>
/// Archives a body: it leaves the lists but keeps its posts and their history. Refused while
/// anyone holds one of its posts today or later, so no assignment is left dangling.
/// </summary>
public static class ArchiveBody
{
    public static async Task<Outcome<BodyView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
    {
        var access = await BodyAccess.BodyForWriteAsync(db, caller, id, ct);
        if (!access.Succeeded) return access.As<BodyView>();
        var body = access.Value!;
        if (expectedVersion is { } v && v != body.Version) return Outcome<BodyView>.Stale();
        if (body.ArchivedAt is null)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (await db.Assignments.AnyAsync(a => a.Post.BodyId == id && (a.EndsOn == null || a.EndsOn >= today), ct))
                return Outcome<BodyView>.Conflict("Members still hold posts in this body; end their assignments first.");
            if (await db.Bodies.AnyAsync(b => b.ParentBodyId == id && b.ArchivedAt == null, ct))
                return Outcome<BodyView>.Conflict("Bodies still sit under this one; archive or move them first.");
            body.ArchivedAt = clock.GetUtcNow();
            body.Version++;
            db.AuditAction = "archive";
            if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<BodyView>.Stale();
        }
        return await GetBody.RunAsync(db, caller, id, ct);
    }
}
