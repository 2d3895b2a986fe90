using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.StructureTests;

/// <summary>Archives a test: it leaves the lists and takes no more participation, but its results stay.</summary>
public static class ArchiveStructureTest
{
    public static async Task<Outcome<StructureTestResponse>> RunAsync(RallyDb db, Caller caller, int id, int? expectedVersion, CancellationToken ct)
    {
        var test = await (await StructureTestScope.VisibleAsync(db, caller, ct)).Include(t => t.OrgUnit).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (test is null) return Outcome<StructureTestResponse>.NotFound($"There is no structure test {id}.");
        if (!await caller.CanAsync(Roles.Officer, test.OrgUnit.Path, ct))
            return Outcome<StructureTestResponse>.Forbidden("Archiving this structure test needs the officer role on its unit.");
        if (expectedVersion is { } v && v != test.Version) return Outcome<StructureTestResponse>.Stale();
        if (test.ArchivedAt is null)
        {
            test.ArchivedAt = db.Actor.Clock.GetUtcNow();
            test.Version++;
            db.AuditAction = "archive";
            await db.SaveChangesAsync(ct);
        }
        return Outcome<StructureTestResponse>.Ok(await SaveStructureTest.ProjectAsync(db, test.Id, ct));
    }
}
