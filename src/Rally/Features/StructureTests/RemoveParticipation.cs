using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.StructureTests;

/// <summary>Corrects a mistaken record: removes one member's participation (audited like any write).</summary>
public static class RemoveParticipation
{
    public static async Task<Outcome<bool>> RunAsync(RallyDb db, Caller caller, int testId, int memberId, CancellationToken ct)
    {
        var test = await (await StructureTestScope.VisibleAsync(db, caller, ct)).AsNoTracking().Where(t => t.Id == testId)
            .Select(t => new { t.Id, t.ArchivedAt }).FirstOrDefaultAsync(ct);
        if (test is null) return Outcome<bool>.NotFound($"There is no structure test {testId}.");
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.Id, m.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (member is null) return Outcome<bool>.NotFound($"There is no member {memberId}.");
        if (!await caller.CanAsync(Roles.Organizer, member.Path, ct))
            return Outcome<bool>.Forbidden("Correcting participation needs the organizer role on the member's union or branch.");
        if (test.ArchivedAt is not null) return Outcome<bool>.Conflict("This structure test is archived; its participation is closed.");
        var participation = await db.Participations.FirstOrDefaultAsync(p => p.StructureTestId == testId && p.MemberId == memberId, ct);
        if (participation is null) return Outcome<bool>.NotFound($"Member {memberId} has no participation recorded in this test.");
        db.Participations.Remove(participation);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }
}
