using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Education;

public sealed record SessionResponse(int Id, int ProgrammeId, DateOnly HeldOn, string? Place, string Topic, string? Materials, int Attended, int Version);

/// <summary>
/// Adds, changes and removes a programme's sessions (officer on the programme's unit). Each write
/// recomputes the programme's completions in the same transaction, since the rule counts sessions.
/// </summary>
public static class SaveSession
{
    public sealed record Request(DateOnly? HeldOn, string? Place, string? Topic, string? Materials);

    public static async Task<Outcome<SessionResponse>> CreateAsync(RallyDb db, Caller caller, int programmeId, Request r, CancellationToken ct)
    {
        var programme = await ProgrammeScope.FindAsync(db, caller, programmeId, ct);
        if (programme is null) return Outcome<SessionResponse>.NotFound($"There is no programme {programmeId}.");
        if (!await caller.CanAsync(Roles.Officer, programme.Path, ct))
            return Outcome<SessionResponse>.Forbidden("Adding a session needs the officer role on the programme's unit.");
        if (programme.Archived) return Outcome<SessionResponse>.Conflict("This programme is archived; it takes no more sessions.");
        var errors = Validate(r, programme);
        if (errors.Any) return Outcome<SessionResponse>.Invalid(errors);

        var session = new EducationSession
        {
            ProgrammeId = programmeId, HeldOn = r.HeldOn!.Value, Place = Blank(r.Place), Topic = r.Topic!.Trim(), Materials = Blank(r.Materials),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.EducationSessions.Add(session);
        await db.SaveChangesAsync(ct);
        await Completions.RecomputeAsync(db, programmeId, ct);
        await tx.CommitAsync(ct);
        return Outcome<SessionResponse>.Ok(await ProjectAsync(db, session.Id, ct));
    }

    public static async Task<Outcome<SessionResponse>> UpdateAsync(RallyDb db, Caller caller, TimeProvider clock, int sessionId, Request r, int? expectedVersion, CancellationToken ct)
    {
        var (session, programme, refusal) = await FindAsync<SessionResponse>(db, caller, sessionId, ct);
        if (refusal is not null) return refusal;
        if (expectedVersion is { } v && v != session!.Version) return Outcome<SessionResponse>.Stale();
        var errors = Validate(r, programme!);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!errors.Any && r.HeldOn > today && await db.Attendances.AnyAsync(a => a.SessionId == sessionId, ct))
            errors.Add("heldOn", "heldOn cannot move into the future: attendance is already recorded for this session.");
        if (errors.Any) return Outcome<SessionResponse>.Invalid(errors);

        session!.HeldOn = r.HeldOn!.Value;
        session.Place = Blank(r.Place);
        session.Topic = r.Topic!.Trim();
        session.Materials = Blank(r.Materials);
        session.Version++;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<SessionResponse>.Stale();
        await Completions.RecomputeAsync(db, programme!.Id, ct);
        await tx.CommitAsync(ct);
        return Outcome<SessionResponse>.Ok(await ProjectAsync(db, session.Id, ct));
    }

    /// <summary>Removes a session recorded by mistake, with its attendance (each removal audited).</summary>
    public static async Task<Outcome<bool>> DeleteAsync(RallyDb db, Caller caller, int sessionId, int? expectedVersion, CancellationToken ct)
    {
        var (session, programme, refusal) = await FindAsync<bool>(db, caller, sessionId, ct);
        if (refusal is not null) return refusal;
        if (expectedVersion is { } v && v != session!.Version) return Outcome<bool>.Stale();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Attendances.RemoveRange(await db.Attendances.Where(a => a.SessionId == sessionId).ToListAsync(ct));
        db.EducationSessions.Remove(session!);
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<bool>.Stale();
        await Completions.RecomputeAsync(db, programme!.Id, ct);
        await tx.CommitAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    public static async Task<Outcome<IReadOnlyList<SessionResponse>>> ListAsync(RallyDb db, Caller caller, int programmeId, CancellationToken ct)
    {
        var programme = await ProgrammeScope.FindAsync(db, caller, programmeId, ct);
        if (programme is null) return Outcome<IReadOnlyList<SessionResponse>>.NotFound($"There is no programme {programmeId}.");
        return Outcome<IReadOnlyList<SessionResponse>>.Ok(await Project(db, db.EducationSessions.AsNoTracking().Where(s => s.ProgrammeId == programmeId)
            .OrderBy(s => s.HeldOn).ThenBy(s => s.Id)).ToListAsync(ct));
    }

    /// <summary>The session (tracked) and its programme, if the caller sees it and may change it.</summary>
    static async Task<(EducationSession? Session, ProgrammeScope.Found? Programme, Outcome<T>? Refusal)> FindAsync<T>(RallyDb db, Caller caller, int sessionId, CancellationToken ct)
    {
        var session = await db.EducationSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        var programme = session is null ? null : await ProgrammeScope.FindAsync(db, caller, session.ProgrammeId, ct);
        if (programme is null) return (null, null, Outcome<T>.NotFound($"There is no session {sessionId}."));
        if (!await caller.CanAsync(Roles.Officer, programme.Path, ct))
            return (null, null, Outcome<T>.Forbidden("Changing a session needs the officer role on the programme's unit."));
        if (programme.Archived) return (null, null, Outcome<T>.Conflict("This programme is archived; its sessions are kept as they are."));
        return (session, programme, null);
    }

    static FieldErrors Validate(Request r, ProgrammeScope.Found programme)
    {
        var errors = new FieldErrors();
        errors.Required("topic", r.Topic, 500);
        errors.Length("place", r.Place, 200);
        errors.Length("materials", r.Materials, 4000);
        if (r.HeldOn is not { } on) errors.Add("heldOn", "heldOn is required (yyyy-MM-dd).");
        else if (on < programme.StartsOn) errors.Add("heldOn", $"heldOn cannot be before the programme starts ({programme.StartsOn:yyyy-MM-dd}).");
        else if (programme.EndsOn is { } end && on > end) errors.Add("heldOn", $"heldOn cannot be after the programme ends ({end:yyyy-MM-dd}).");
        return errors;
    }

    internal static IQueryable<SessionResponse> Project(RallyDb db, IQueryable<EducationSession> sessions) =>
        sessions.Select(s => new SessionResponse(s.Id, s.ProgrammeId, s.HeldOn, s.Place, s.Topic, s.Materials,
            db.Attendances.Count(a => a.SessionId == s.Id), s.Version));

    internal static Task<SessionResponse> ProjectAsync(RallyDb db, int id, CancellationToken ct) =>
        Project(db, db.EducationSessions.AsNoTracking().Where(s => s.Id == id)).FirstAsync(ct);

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
