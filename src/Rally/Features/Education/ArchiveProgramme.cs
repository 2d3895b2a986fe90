using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Education;

/// <summary>Archives a programme: it leaves the lists and takes no more sessions, enrolment or attendance; its completions stand.</summary>
public static class ArchiveProgramme
{
    public static async Task<Outcome<ProgrammeResponse>> RunAsync(RallyDb db, Caller caller, int id, int? expectedVersion, CancellationToken ct)
    {
        var programme = await (await ProgrammeScope.VisibleAsync(db, caller, ct)).Include(p => p.OrgUnit).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (programme is null) return Outcome<ProgrammeResponse>.NotFound($"There is no programme {id}.");
        if (!await caller.CanAsync(Roles.Officer, programme.OrgUnit.Path, ct))
            return Outcome<ProgrammeResponse>.Forbidden("Archiving this programme needs the officer role on its unit.");
        if (expectedVersion is { } v && v != programme.Version) return Outcome<ProgrammeResponse>.Stale();
        if (programme.ArchivedAt is null)
        {
            programme.ArchivedAt = db.Actor.Clock.GetUtcNow();
            programme.Version++;
            db.AuditAction = "archive";
            if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<ProgrammeResponse>.Stale();
        }
        return Outcome<ProgrammeResponse>.Ok(await SaveProgramme.ProjectAsync(db, programme.Id, ct));
    }
}
