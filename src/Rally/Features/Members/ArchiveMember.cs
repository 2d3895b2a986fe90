using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>Archiving hides a member from lists but keeps every record; restoring brings them back.</summary>
public static class ArchiveMember
{
    public static async Task<Outcome<MemberResponse>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, bool archive, int? expectedVersion, CancellationToken ct)
    {
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).Include(m => m.OrgUnit).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Outcome<MemberResponse>.NotFound();
        if (!await caller.CanAsync(Roles.Officer, member.OrgUnit.Path, ct)) return Outcome<MemberResponse>.Forbidden("Archiving members needs the officer role on their union or branch.");
        if (expectedVersion is { } v && v != member.Version) return Outcome<MemberResponse>.Stale();
        if (!archive && member.ErasedAt is not null) return Outcome<MemberResponse>.Conflict("An erased member cannot be restored.");
        if (archive == member.ArchivedAt is null)
        {
            member.ArchivedAt = archive ? clock.GetUtcNow() : null;
            member.UpdatedAt = clock.GetUtcNow();
            member.Version++;
            db.AuditAction = archive ? "archive" : "restore";
            await db.SaveChangesAsync(ct);
        }
        return Outcome<MemberResponse>.Ok(await GetMember.ProjectAsync(db, id, ct));
    }
}
