using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Education;

public static class EducationEndpoints
{
    public static RouteGroupBuilder MapEducationEndpoints(this RouteGroupBuilder api)
    {
        var programmes = api.MapGroup("/programmes").WithTags("Education");

        programmes.MapGet("/", async (RallyDb db, Caller caller, CancellationToken ct, string? orgUnit, string? kind, bool? includeArchived, int? page, int? pageSize, string? sort) =>
                (await ListProgrammes.RunAsync(db, caller, new(orgUnit, kind, includeArchived ?? false, page, pageSize, sort), ct)).ToResult(TypedResults.Ok))
            .WithName("ListProgrammes")
            .WithSummary("Programmes on units within your grants or above them. `orgUnit`: a code, the whole subtree; `kind`: a programme kind's code; `sort`: startsOn (default newest first), name, createdAt, '-' for descending.")
            .Produces<PagedList<ProgrammeResponse>>().ProducesValidationProblem();

        programmes.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
            {
                var found = await ProgrammeScope.FindAsync(db, caller, id, ct);
                var outcome = found is null ? Outcome<ProgrammeResponse>.NotFound($"There is no programme {id}.") : Outcome<ProgrammeResponse>.Ok(await SaveProgramme.ProjectAsync(db, id, ct));
                return outcome.ToResult(p => WithETag(response, p.Version, TypedResults.Ok(p)));
            })
            .WithName("GetProgramme").WithSummary("One programme; the ETag is its version.")
            .Produces<ProgrammeResponse>().ProducesProblem(404);

        programmes.MapPost("/", async (SaveProgramme.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveProgramme.CreateAsync(db, caller, body, ct)).ToResult(p => WithETag(response, p.Version, TypedResults.Created($"/api/v1/programmes/{p.Id}", p))))
            .WithName("CreateProgramme")
            .WithSummary("Create a programme: name, kind (a programme kind's code), orgUnit (a code; the programme serves its subtree), description, completionShare (0..1, default 0.75), startsOn, endsOn (optional). Needs the officer role on the unit.")
            .Produces<ProgrammeResponse>(201).ProducesValidationProblem().ProducesProblem(403);

        programmes.MapPut("/{id:int}", async (int id, SaveProgramme.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveProgramme.UpdateAsync(db, caller, id, body, version, ct)).ToResult(p => WithETag(http.Response, p.Version, TypedResults.Ok(p)));
            })
            .WithName("UpdateProgramme").WithSummary("Replace a programme's fields (a changed completionShare recomputes every completion). Send If-Match with the ETag; a stale one is answered 412.")
            .Produces<ProgrammeResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        programmes.MapDelete("/{id:int}", async (int id, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await ArchiveProgramme.RunAsync(db, caller, id, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("ArchiveProgramme").WithSummary("Archive a programme (never destroyed; its completions stand).")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        programmes.MapGet("/{id:int}/sessions", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await SaveSession.ListAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("ListSessions").WithSummary("The programme's sessions by date, each with the number present.")
            .Produces<IReadOnlyList<SessionResponse>>().ProducesProblem(404);

        programmes.MapPost("/{id:int}/sessions", async (int id, SaveSession.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveSession.CreateAsync(db, caller, id, body, ct)).ToResult(s => WithETag(response, s.Version, TypedResults.Created($"/api/v1/sessions/{s.Id}", s))))
            .WithName("CreateSession")
            .WithSummary("Add a session: heldOn (within the programme's dates; may be planned ahead), topic, place, materials. Needs the officer role on the programme's unit; completions are recomputed.")
            .Produces<SessionResponse>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var sessions = api.MapGroup("/sessions").WithTags("Education");

        sessions.MapPut("/{id:int}", async (int id, SaveSession.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveSession.UpdateAsync(db, caller, clock, id, body, version, ct)).ToResult(s => WithETag(http.Response, s.Version, TypedResults.Ok(s)));
            })
            .WithName("UpdateSession").WithSummary("Change a session; send If-Match with its ETag. Completions are recomputed.")
            .Produces<SessionResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        sessions.MapDelete("/{id:int}", async (int id, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveSession.DeleteAsync(db, caller, id, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("DeleteSession").WithSummary("Remove a session recorded by mistake, with its attendance; completions are recomputed.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        programmes.MapGet("/{id:int}/enrolments", async (int id, RallyDb db, Caller caller, bool? completed, int? page, int? pageSize, string? sort, CancellationToken ct) =>
                (await Enrol.ListAsync(db, caller, id, completed, page, pageSize, sort, ct)).ToResult(TypedResults.Ok))
            .WithName("ListEnrolments")
            .WithSummary("Who is enrolled, among the members you may see, with sessions attended and the completion date. `completed`: true or false; `sort`: name, membershipNumber, enrolledOn, completedOn.")
            .Produces<PagedList<EnrolmentResponse>>().ProducesValidationProblem().ProducesProblem(404);

        programmes.MapPost("/{id:int}/enrolments", async (int id, Enrol.Request body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                body.Members is not null
                    ? (await Enrol.BulkAsync(db, caller, clock, id, body, ct)).ToResult(TypedResults.Ok)
                    : (await Enrol.OneAsync(db, caller, clock, id, body, ct)) is var one && one.Status == 201
                        ? TypedResults.Created($"/api/v1/programmes/{id}/enrolments", one.Value)
                        : one.ToResult(TypedResults.Ok))
            .WithName("Enrol")
            .WithSummary("Enrol one member `{member, enrolledOn}` (an id or membership number; 201, or 200 when already enrolled) or many `{members: [...]}`, answered with the counts " +
                "enrolled, already enrolled and rejected, with each rejection's reason (unknown, outside-unit, not-active, outside-grants). enrolledOn defaults to today. Needs the officer role on each member.")
            .Produces<EnrolmentResponse>(201).Produces<Enrol.BulkResult>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        sessions.MapGet("/{id:int}/attendance", async (int id, RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct) =>
                (await RecordAttendance.ListAsync(db, caller, id, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListAttendance").WithSummary("Who was present at the session, among the members you may see, by name.")
            .Produces<PagedList<AttendanceResponse>>().ProducesValidationProblem().ProducesProblem(404);

        sessions.MapPost("/{id:int}/attendance", async (int id, RecordAttendance.Request body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                body.Members is not null
                    ? (await RecordAttendance.BulkAsync(db, caller, clock, id, body, ct)).ToResult(TypedResults.Ok)
                    : (await RecordAttendance.OneAsync(db, caller, clock, id, body, ct)) is var one && one.Status == 201
                        ? TypedResults.Created($"/api/v1/sessions/{id}/attendance", one.Value)
                        : one.ToResult(TypedResults.Ok))
            .WithName("RecordAttendance")
            .WithSummary("Record one member present `{member}` (201, or 200 when already recorded; a member out of your sight is 404) or many `{members: [...]}` with the counts recorded, " +
                "already recorded, newly enrolled and rejected, with reasons. Attending enrols a member not yet enrolled. Only for sessions already held (409 otherwise). Needs the organizer role on each member.")
            .Produces<AttendanceResponse>(201).Produces<RecordAttendance.BulkResult>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        sessions.MapDelete("/{id:int}/attendance/{memberId:int}", async (int id, int memberId, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await RecordAttendance.RemoveAsync(db, caller, clock, id, memberId, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("RemoveAttendance").WithSummary("Take away a member's attendance (a correction); the enrolment stays. Completions are recomputed.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var distributions = api.MapGroup("/distributions").WithTags("Education");

        distributions.MapGet("/", async (RallyDb db, Caller caller, string? orgUnit, int? programme, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
                (await Distributions.ListAsync(db, caller, new(orgUnit, programme, from, to), page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListDistributions").WithSummary("Newspapers and pamphlets handed out at workplaces in your sight, newest first; `orgUnit` (a subtree), `programme`, `from`, `to` (days, inclusive).")
            .Produces<PagedList<DistributionResponse>>().ProducesValidationProblem();

        distributions.MapGet("/by-workplace", async (RallyDb db, Caller caller, string? orgUnit, int? programme, DateOnly? from, DateOnly? to, CancellationToken ct) =>
                (await Distributions.ByWorkplaceAsync(db, caller, new(orgUnit, programme, from, to), ct)).ToResult(TypedResults.Ok))
            .WithName("CountDistributionsByWorkplace").WithSummary("Distributions and copies per workplace over the period, beside each workplace's active members and copies per member.")
            .Produces<Distributions.Summary>().ProducesValidationProblem();

        distributions.MapPost("/", async (Distributions.Request body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await Distributions.RecordAsync(db, caller, clock, body, ct)).ToResult(d => TypedResults.Created($"/api/v1/distributions/{d.Id}", d)))
            .WithName("RecordDistribution").WithSummary("Record copies handed out: title, workplace (a code), distributedOn, copies, programme (optional id). Needs the organizer role on the workplace.")
            .Produces<DistributionResponse>(201).ProducesValidationProblem().ProducesProblem(403);

        distributions.MapDelete("/{id:long}", async (long id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await Distributions.RemoveAsync(db, caller, id, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("RemoveDistribution").WithSummary("Remove a distribution recorded by mistake; needs the organizer role on the workplace.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404);

        api.MapGet("/education/effect", async (RallyDb db, Caller caller, TimeProvider clock, int? programme, string? attendees, string? scale, CancellationToken ct) =>
                (await EffectReport.RunAsync(db, caller, clock, programme, attendees, scale, ct)).ToResult(TypedResults.Ok))
            .WithTags("Education").WithName("GetEducationEffect")
            .WithSummary("The change in assessed level (scale, default engagement; 1 is best) between the last assessment before the programme's start and the latest up to its end or today, " +
                "for attendees (`attendees`: completed, the default, or attended = at least one session) against comparable non-attendees, with counts; it compares groups and claims no cause.")
            .Produces<EffectReport.Response>().ProducesValidationProblem().ProducesProblem(404);

        return api;
    }

    static IResult WithETag<T>(HttpResponse response, int version, T result) where T : IResult
    {
        ETags.Set(response, version);
        return result;
    }
}
