using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Features.Education;

public sealed record EnrolmentResponse(int MemberId, string MembershipNumber, string Name, DateOnly EnrolledOn, DateOnly? CompletedOn, int Attended);

/// <summary>
/// Enrols members in a programme: one, or a pasted list of membership numbers (or ids). Idempotent
/// (one enrolment per member and programme); every entry that cannot be enrolled is reported with
/// its reason and the good ones are kept. Needs the officer role on each member.
/// </summary>
public static class Enrol
{
    /// <summary>Either <paramref name="Member"/> (an id or a membership number) or <paramref name="Members"/>.</summary>
    public sealed record Request(JsonElement? Member, List<JsonElement>? Members, DateOnly? EnrolledOn);

    public sealed record BulkResult(int Enrolled, int AlreadyEnrolled, int Rejected, IReadOnlyList<MemberEntries.Rejection> Rejections);

    public static async Task<Outcome<EnrolmentResponse>> OneAsync(RallyDb db, Caller caller, TimeProvider clock, int programmeId, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entry = r.Member is { } m ? MemberEntries.Of(m) : null;
        if (entry is null) errors.Add("member", "member is required: a member id or membership number.");
        if (r.Members is not null) errors.Add("members", "Send either member or members, not both.");
        var (programme, refusal, on) = await PrepareAsync<EnrolmentResponse>(db, caller, clock, programmeId, r.EnrolledOn, errors, ct);
        if (refusal is not null) return refusal;
        if (errors.Any) return Outcome<EnrolmentResponse>.Invalid(errors);

        var found = await MemberEntries.FindAsync(db, caller, [entry!], ct);
        var (member, rejection) = MemberEntries.Classify(entry!, found, programme!.Path, await caller.GrantsAsync(ct), Roles.Officer, "programme");
        if (rejection is not null) return MemberEntries.Refuse<EnrolmentResponse>(rejection);
        var (enrolled, _) = await SaveAsync(db, programme.Id, [member!.Id], on, ct);
        return new(await ProjectAsync(db, programme.Id, member.Id, ct), Status: enrolled == 1 ? 201 : 200);
    }

    public static async Task<Outcome<BulkResult>> BulkAsync(RallyDb db, Caller caller, TimeProvider clock, int programmeId, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entries = MemberEntries.Parse(r.Members, errors);
        if (r.Member is not null) errors.Add("member", "Send either member or members, not both.");
        var (programme, refusal, on) = await PrepareAsync<BulkResult>(db, caller, clock, programmeId, r.EnrolledOn, errors, ct);
        if (refusal is not null) return refusal;
        if (errors.Any) return Outcome<BulkResult>.Invalid(errors);

        var grants = await caller.GrantsAsync(ct);
        var found = await MemberEntries.FindAsync(db, caller, entries, ct);
        var rejections = new List<MemberEntries.Rejection>();
        var candidates = new List<int>();
        var duplicates = 0;
        foreach (var entry in entries)
        {
            var (member, rejection) = MemberEntries.Classify(entry, found, programme!.Path, grants, Roles.Officer, "programme");
            if (rejection is not null) rejections.Add(rejection);
            else if (candidates.Contains(member!.Id)) duplicates++;
            else candidates.Add(member.Id);
        }
        var (enrolled, already) = await SaveAsync(db, programme!.Id, candidates, on, ct);
        return Outcome<BulkResult>.Ok(new(enrolled, already + duplicates, rejections.Count, rejections));
    }

    /// <summary>For the page: membership numbers pasted one per line.</summary>
    public static Task<Outcome<BulkResult>> PastedAsync(RallyDb db, Caller caller, TimeProvider clock, int programmeId, string? pasted, DateOnly? on, CancellationToken ct) =>
        BulkAsync(db, caller, clock, programmeId, new(null, MemberEntries.Pasted(pasted), on), ct);

    static async Task<(ProgrammeScope.Found? Programme, Outcome<T>? Refusal, DateOnly On)> PrepareAsync<T>(
        RallyDb db, Caller caller, TimeProvider clock, int programmeId, DateOnly? enrolledOn, FieldErrors errors, CancellationToken ct)
    {
        var programme = await ProgrammeScope.FindAsync(db, caller, programmeId, ct);
        if (programme is null) return (null, Outcome<T>.NotFound($"There is no programme {programmeId}."), default);
        if (!AccessRules.Reaches(await caller.GrantsAsync(ct), Roles.Officer, programme.Path))
            return (null, Outcome<T>.Forbidden("Enrolling members needs the officer role on some of the programme's members."), default);
        if (programme.Archived) return (null, Outcome<T>.Conflict("This programme is archived; it takes no more enrolment."), default);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var on = enrolledOn ?? today;
        if (on > today) errors.Add("enrolledOn", "enrolledOn cannot be in the future.");
        return (programme, null, on);
    }

    /// <summary>Enrols those not enrolled yet, in one save; returns (newly enrolled, already enrolled).</summary>
    internal static async Task<(int Enrolled, int Already)> SaveAsync(RallyDb db, int programmeId, IReadOnlyCollection<int> memberIds, DateOnly on, CancellationToken ct)
    {
        var already = new HashSet<int>();
        foreach (var chunk in memberIds.Chunk(1000))
            already.UnionWith(await db.Enrolments.Where(e => e.ProgrammeId == programmeId && chunk.Contains(e.MemberId)).Select(e => e.MemberId).ToListAsync(ct));
        var fresh = memberIds.Where(id => !already.Contains(id)).ToList();
        if (fresh.Count == 0) return (0, already.Count);
        var at = db.Actor.Clock.GetUtcNow();
        db.Enrolments.AddRange(fresh.Select(id => new Enrolment { ProgrammeId = programmeId, MemberId = id, EnrolledOn = on, RecordedAt = at, RecordedBy = db.Actor.Name }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone enrolled one of them in between; the unique index kept the data whole.
            db.ChangeTracker.Clear();
            throw new ProblemException(409, "Conflict", "Some of these members were enrolled by someone else at the same moment; send the same request again.");
        }
        return (fresh.Count, already.Count);
    }

    public static async Task<Outcome<PagedList<EnrolmentResponse>>> ListAsync(RallyDb db, Caller caller, int programmeId, bool? completed, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        var order = Paging.Sort(errors, sort, "name", ["name", "membershipNumber", "enrolledOn", "completedOn"]);
        var programme = await ProgrammeScope.FindAsync(db, caller, programmeId, ct);
        if (programme is null) return Outcome<PagedList<EnrolmentResponse>>.NotFound($"There is no programme {programmeId}.");
        if (errors.Any || order is not { } o) return Outcome<PagedList<EnrolmentResponse>>.Invalid(errors);
        var visible = (await caller.MembersAsync(Roles.Viewer, ct)).Select(m => m.Id);
        var enrolments = db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == programmeId && visible.Contains(e.MemberId));
        if (completed is { } c) enrolments = c ? enrolments.Where(e => e.CompletedOn != null) : enrolments.Where(e => e.CompletedOn == null);
        var rows = from e in enrolments join m in db.Members on e.MemberId equals m.Id select new Row { E = e, M = m };
        var ordered = o.Key switch
        {
            "membershipNumber" => rows.SortBy(x => x.M.MembershipNumber, o.Descending),
            "enrolledOn" => rows.SortBy(x => x.E.EnrolledOn, o.Descending),
            "completedOn" => rows.SortBy(x => x.E.CompletedOn, o.Descending),
            _ => rows.SortBy(x => x.M.LastName, o.Descending).ThenSortBy(x => x.M.FirstName, o.Descending),
        };
        return Outcome<PagedList<EnrolmentResponse>>.Ok(await Project(db, programmeId, ordered.ThenBy(x => x.M.Id)).ToPageAsync(page, pageSize, ct));
    }

    /// <summary>Member-initialised (not a positional record) so that EF can sort by its parts.</summary>
    sealed class Row
    {
        public required Enrolment E { get; init; }
        public required Rally.Features.Members.Member M { get; init; }
    }

    static IQueryable<EnrolmentResponse> Project(RallyDb db, int programmeId, IQueryable<Row> rows)
    {
        var sessions = db.EducationSessions.Where(s => s.ProgrammeId == programmeId).Select(s => s.Id);
        return rows.Select(x => new EnrolmentResponse(x.M.Id, x.M.MembershipNumber, x.M.LastName + ", " + x.M.FirstName, x.E.EnrolledOn, x.E.CompletedOn,
            db.Attendances.Count(a => a.MemberId == x.M.Id && sessions.Contains(a.SessionId))));
    }

    internal static Task<EnrolmentResponse> ProjectAsync(RallyDb db, int programmeId, int memberId, CancellationToken ct) =>
        Project(db, programmeId, from e in db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == programmeId && e.MemberId == memberId)
                                 join m in db.Members on e.MemberId equals m.Id select new Row { E = e, M = m }).FirstAsync(ct);
}
