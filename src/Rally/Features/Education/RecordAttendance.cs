using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Features.Education;

public sealed record AttendanceResponse(int SessionId, int MemberId, string MembershipNumber, string Name, bool NewlyEnrolled, DateOnly? CompletedOn);

/// <summary>
/// Records who was present at a session: one member, or a list (membership numbers or ids), or the
/// page's checklist. Attending implies enrolment: a member present but not enrolled is enrolled as
/// of the session's date. Needs the organizer role on each member. Every write recomputes the
/// programme's completions in the same transaction.
/// </summary>
public static class RecordAttendance
{
    public sealed record Request(JsonElement? Member, List<JsonElement>? Members);

    public sealed record BulkResult(int Recorded, int AlreadyRecorded, int NewlyEnrolled, int Rejected, IReadOnlyList<MemberEntries.Rejection> Rejections);

    sealed record Session(int Id, DateOnly HeldOn, ProgrammeScope.Found Programme);

    public static async Task<Outcome<AttendanceResponse>> OneAsync(RallyDb db, Caller caller, TimeProvider clock, int sessionId, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entry = r.Member is { } m ? MemberEntries.Of(m) : null;
        if (entry is null) errors.Add("member", "member is required: a member id or membership number.");
        if (r.Members is not null) errors.Add("members", "Send either member or members, not both.");
        var (session, refusal) = await PrepareAsync<AttendanceResponse>(db, caller, clock, sessionId, ct);
        if (refusal is not null) return refusal;
        if (errors.Any) return Outcome<AttendanceResponse>.Invalid(errors);

        var found = await MemberEntries.FindAsync(db, caller, [entry!], ct);
        var (member, rejection) = MemberEntries.Classify(entry!, found, session!.Programme.Path, await caller.GrantsAsync(ct), Roles.Organizer, "programme");
        if (rejection is not null) return MemberEntries.Refuse<AttendanceResponse>(rejection);
        var (recorded, _, enrolled) = await SaveAsync(db, session, [member!.Id], ct);
        var completedOn = await db.Enrolments.Where(e => e.ProgrammeId == session.Programme.Id && e.MemberId == member.Id).Select(e => e.CompletedOn).FirstAsync(ct);
        return new(new AttendanceResponse(session.Id, member.Id, member.MembershipNumber, member.Name, enrolled == 1, completedOn), Status: recorded == 1 ? 201 : 200);
    }

    public static async Task<Outcome<BulkResult>> BulkAsync(RallyDb db, Caller caller, TimeProvider clock, int sessionId, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entries = MemberEntries.Parse(r.Members, errors);
        if (r.Member is not null) errors.Add("member", "Send either member or members, not both.");
        var (session, refusal) = await PrepareAsync<BulkResult>(db, caller, clock, sessionId, ct);
        if (refusal is not null) return refusal;
        if (errors.Any) return Outcome<BulkResult>.Invalid(errors);

        var grants = await caller.GrantsAsync(ct);
        var found = await MemberEntries.FindAsync(db, caller, entries, ct);
        var rejections = new List<MemberEntries.Rejection>();
        var candidates = new List<int>();
        var seen = new HashSet<int>();
        var duplicates = 0;
        foreach (var entry in entries)
        {
            var (member, rejection) = MemberEntries.Classify(entry, found, session!.Programme.Path, grants, Roles.Organizer, "programme");
            if (rejection is not null) rejections.Add(rejection);
            else if (!seen.Add(member!.Id)) duplicates++;
            else candidates.Add(member.Id);
        }
        var (recorded, already, enrolled) = await SaveAsync(db, session!, candidates, ct);
        return Outcome<BulkResult>.Ok(new(recorded, already + duplicates, enrolled, rejections.Count, rejections));
    }

    public static Task<Outcome<BulkResult>> PastedAsync(RallyDb db, Caller caller, TimeProvider clock, int sessionId, string? pasted, CancellationToken ct) =>
        BulkAsync(db, caller, clock, sessionId, new(null, MemberEntries.Pasted(pasted)), ct);

    /// <summary>Removes a member's attendance (a correction); their enrolment stays.</summary>
    public static async Task<Outcome<bool>> RemoveAsync(RallyDb db, Caller caller, TimeProvider clock, int sessionId, int memberId, CancellationToken ct)
    {
        var (session, refusal) = await PrepareAsync<bool>(db, caller, clock, sessionId, ct);
        if (refusal is not null) return refusal;
        var found = await MemberEntries.FindAsync(db, caller, [new MemberEntries.Entry(memberId.ToString(System.Globalization.CultureInfo.InvariantCulture), true)], ct);
        var (_, rejection) = MemberEntries.Classify(new(memberId.ToString(System.Globalization.CultureInfo.InvariantCulture), true), found, session!.Programme.Path, await caller.GrantsAsync(ct), Roles.Organizer, "programme");
        // A member who left or was archived since can still have a mistaken attendance taken away.
        if (rejection is not null && rejection.Reason != MemberEntries.Reasons.NotActive) return MemberEntries.Refuse<bool>(rejection);
        await RemoveManyAsync(db, session, [memberId], ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>
    /// The page's checklist: of the members shown (enrolled, in the caller's organizer grants),
    /// those ticked are recorded present and the others absent.
    /// </summary>
    public static async Task<Outcome<BulkResult>> ChecklistAsync(RallyDb db, Caller caller, TimeProvider clock, int sessionId, IReadOnlyCollection<int> shown, IReadOnlyCollection<int> present, CancellationToken ct)
    {
        var (session, refusal) = await PrepareAsync<BulkResult>(db, caller, clock, sessionId, ct);
        if (refusal is not null) return refusal;
        var grants = await caller.GrantsAsync(ct);
        var entries = shown.Select(id => new MemberEntries.Entry(id.ToString(System.Globalization.CultureInfo.InvariantCulture), true)).ToList();
        var found = await MemberEntries.FindAsync(db, caller, entries, ct);
        var allowed = entries.Select(e => MemberEntries.Classify(e, found, session!.Programme.Path, grants, Roles.Organizer, "programme"))
            .Where(c => c.Rejection is null).Select(c => c.Member!.Id).ToHashSet();
        var absent = allowed.Where(id => !present.Contains(id)).ToList();
        var (recorded, already, enrolled) = await SaveAsync(db, session!, allowed.Where(present.Contains).ToList(), ct, removing: absent);
        return Outcome<BulkResult>.Ok(new(recorded, already, enrolled, 0, []));
    }

    /// <summary>The session, if the caller sees its programme, may record for some of its members, and it has been held.</summary>
    static async Task<(Session? Session, Outcome<T>? Refusal)> PrepareAsync<T>(RallyDb db, Caller caller, TimeProvider clock, int sessionId, CancellationToken ct)
    {
        var row = await db.EducationSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.Id, s.HeldOn, s.ProgrammeId }).FirstOrDefaultAsync(ct);
        var programme = row is null ? null : await ProgrammeScope.FindAsync(db, caller, row.ProgrammeId, ct);
        if (programme is null) return (null, Outcome<T>.NotFound($"There is no session {sessionId}."));
        if (!AccessRules.Reaches(await caller.GrantsAsync(ct), Roles.Organizer, programme.Path))
            return (null, Outcome<T>.Forbidden("Recording attendance needs the organizer role on some of the programme's members."));
        if (programme.Archived) return (null, Outcome<T>.Conflict("This programme is archived; it takes no more attendance."));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (row!.HeldOn > today) return (null, Outcome<T>.Conflict($"This session is on {row.HeldOn:yyyy-MM-dd}; attendance is taken once it has been held."));
        return (new Session(row.Id, row.HeldOn, programme), null);
    }

    /// <summary>Records the members present (enrolling those not yet enrolled) and removes <paramref name="removing"/>, then recomputes completions; one transaction.</summary>
    static async Task<(int Recorded, int Already, int Enrolled)> SaveAsync(RallyDb db, Session session, IReadOnlyCollection<int> memberIds, CancellationToken ct, IReadOnlyCollection<int>? removing = null)
    {
        var already = new HashSet<int>();
        foreach (var chunk in memberIds.Chunk(1000))
            already.UnionWith(await db.Attendances.Where(a => a.SessionId == session.Id && chunk.Contains(a.MemberId)).Select(a => a.MemberId).ToListAsync(ct));
        var fresh = memberIds.Where(id => !already.Contains(id)).ToList();
        var toRemove = new List<Attendance>();
        foreach (var chunk in (removing ?? []).Chunk(1000))
            toRemove.AddRange(await db.Attendances.Where(a => a.SessionId == session.Id && chunk.Contains(a.MemberId)).ToListAsync(ct));
        if (fresh.Count == 0 && toRemove.Count == 0) return (0, already.Count, 0);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (enrolled, _) = fresh.Count == 0 ? (0, 0) : await Enrol.SaveAsync(db, session.Programme.Id, fresh, session.HeldOn, ct);
        var at = db.Actor.Clock.GetUtcNow();
        db.Attendances.AddRange(fresh.Select(id => new Attendance { SessionId = session.Id, MemberId = id, RecordedAt = at, RecordedBy = db.Actor.Name }));
        db.Attendances.RemoveRange(toRemove);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new ProblemException(409, "Conflict", "Someone recorded attendance for some of these members at the same moment; send the same request again.");
        }
        await Completions.RecomputeAsync(db, session.Programme.Id, ct);
        await tx.CommitAsync(ct);
        return (fresh.Count, already.Count, enrolled);
    }

    static async Task RemoveManyAsync(RallyDb db, Session session, IReadOnlyCollection<int> memberIds, CancellationToken ct) =>
        await SaveAsync(db, session, [], ct, removing: memberIds);

    /// <summary>Who was present, among the members the caller sees, by name.</summary>
    public static async Task<Outcome<PagedList<AttendanceResponse>>> ListAsync(RallyDb db, Caller caller, int sessionId, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        var row = await db.EducationSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.ProgrammeId }).FirstOrDefaultAsync(ct);
        var programme = row is null ? null : await ProgrammeScope.FindAsync(db, caller, row.ProgrammeId, ct);
        if (programme is null) return Outcome<PagedList<AttendanceResponse>>.NotFound($"There is no session {sessionId}.");
        if (errors.Any) return Outcome<PagedList<AttendanceResponse>>.Invalid(errors);
        var visible = await caller.MembersAsync(Roles.Viewer, ct);
        var rows = from a in db.Attendances.AsNoTracking().Where(a => a.SessionId == sessionId)
                   join m in visible on a.MemberId equals m.Id
                   join e in db.Enrolments.Where(e => e.ProgrammeId == programme.Id) on a.MemberId equals e.MemberId into es
                   from e in es.DefaultIfEmpty()
                   orderby m.LastName, m.FirstName, m.Id
                   select new AttendanceResponse(sessionId, m.Id, m.MembershipNumber, m.LastName + ", " + m.FirstName, false, e == null ? null : e.CompletedOn);
        return Outcome<PagedList<AttendanceResponse>>.Ok(await rows.ToPageAsync(page, pageSize, ct));
    }

    public sealed record ChecklistRow(int MemberId, string MembershipNumber, string Name, bool Present, bool CanRecord, DateOnly? CompletedOn);

    /// <summary>For the page: the programme's enrolled members the caller sees, ticked when present at the session.</summary>
    public static async Task<List<ChecklistRow>> ChecklistRowsAsync(RallyDb db, Caller caller, int programmeId, int sessionId, CancellationToken ct)
    {
        var grants = await caller.GrantsAsync(ct);
        var visible = await caller.MembersAsync(Roles.Viewer, ct);
        var present = db.Attendances.Where(a => a.SessionId == sessionId).Select(a => a.MemberId);
        var rows = await (from e in db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == programmeId)
                          join m in visible on e.MemberId equals m.Id
                          orderby m.LastName, m.FirstName, m.Id
                          select new { m.Id, m.MembershipNumber, Name = m.LastName + ", " + m.FirstName, Path = m.OrgUnit.Path, Present = present.Contains(m.Id), e.CompletedOn })
            .Take(2000).ToListAsync(ct);
        return rows.Select(r => new ChecklistRow(r.Id, r.MembershipNumber, r.Name, r.Present, AccessRules.Allows(grants, Roles.Organizer, r.Path), r.CompletedOn)).ToList();
    }
}
