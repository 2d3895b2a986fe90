using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.StructureTests;

public static class StructureTestEndpoints
{
    public static RouteGroupBuilder MapStructureTestEndpoints(this RouteGroupBuilder api)
    {
        var tests = api.MapGroup("/structure-tests").WithTags("Structure tests");

        tests.MapGet("/", async (RallyDb db, Caller caller, CancellationToken ct, string? orgUnit, string? kind, bool? includeArchived, int? page, int? pageSize, string? sort) =>
                (await ListStructureTests.RunAsync(db, caller, new(orgUnit, kind, includeArchived ?? false, page, pageSize, sort), ct)).ToResult(TypedResults.Ok))
            .WithName("ListStructureTests")
            .WithSummary("Structure tests on units within your grants or above them. `orgUnit`: a code, the whole subtree; `kind`; `sort`: deadline, startsOn, name, createdAt, '-' for descending.")
            .Produces<PagedList<StructureTestResponse>>().ProducesValidationProblem();

        tests.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
            {
                var test = await (await StructureTestScope.VisibleAsync(db, caller, ct)).AnyAsync(t => t.Id == id, ct)
                    ? Outcome<StructureTestResponse>.Ok(await SaveStructureTest.ProjectAsync(db, id, ct))
                    : Outcome<StructureTestResponse>.NotFound($"There is no structure test {id}.");
                return test.ToResult(t => WithETag(response, t, TypedResults.Ok(t)));
            })
            .WithName("GetStructureTest").WithSummary("One structure test; the ETag is its version.")
            .Produces<StructureTestResponse>().ProducesProblem(404);

        tests.MapPost("/", async (SaveStructureTest.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveStructureTest.CreateAsync(db, caller, body, ct)).ToResult(t => WithETag(response, t, TypedResults.Created($"/api/v1/structure-tests/{t.Id}", t))))
            .WithName("CreateStructureTest")
            .WithSummary("Create a structure test: name, kind (petition, sign-up, attendance, badge-day), orgUnit (a code; the test covers its subtree's members), targetShare (0..1, per workplace), startsOn, deadline. Needs the officer role on the unit.")
            .Produces<StructureTestResponse>(201).ProducesValidationProblem().ProducesProblem(403);

        tests.MapPut("/{id:int}", async (int id, SaveStructureTest.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveStructureTest.UpdateAsync(db, caller, id, body, version, ct)).ToResult(t => WithETag(http.Response, t, TypedResults.Ok(t)));
            })
            .WithName("UpdateStructureTest").WithSummary("Replace a structure test's fields. Send If-Match with the ETag; a stale one is answered 412.")
            .Produces<StructureTestResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        tests.MapDelete("/{id:int}", async (int id, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await ArchiveStructureTest.RunAsync(db, caller, id, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("ArchiveStructureTest").WithSummary("Archive a structure test (never destroyed; its results stay readable).")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        tests.MapPost("/{id:int}/participations", async (int id, RecordParticipation.Request body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                body.Members is not null
                    ? (await RecordParticipation.BulkAsync(db, caller, clock, id, body, ct)).ToResult(TypedResults.Ok)
                    : (await RecordParticipation.OneAsync(db, caller, clock, id, body, ct)) is var one && one.Status == 201
                        ? TypedResults.Created($"/api/v1/structure-tests/{id}/participations", one.Value)
                        : one.ToResult(TypedResults.Ok))
            .WithName("RecordParticipation")
            .WithSummary("Record participation: one member `{member, participatedOn}` (an id or membership number; 201, or 200 when already recorded) " +
                "or many `{members: [...], participatedOn}` (membership numbers or ids), answered with the counts recorded, already recorded and rejected, with each rejection's reason " +
                "(unknown, outside-unit, not-active, outside-grants). participatedOn defaults to today. Needs the organizer role.")
            .Produces<ParticipationResponse>(201).Produces<RecordParticipation.BulkResult>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        tests.MapGet("/{id:int}/participations", async (int id, RallyDb db, Caller caller, int? page, int? pageSize, string? sort, CancellationToken ct) =>
                (await ListParticipations.RunAsync(db, caller, id, page, pageSize, sort, ct)).ToResult(TypedResults.Ok))
            .WithName("ListParticipations").WithSummary("Who took part, among the members you may see; newest first, or `sort`: recordedAt, participatedOn, membershipNumber, name.")
            .Produces<PagedList<ParticipationResponse>>().ProducesValidationProblem().ProducesProblem(404);

        tests.MapDelete("/{id:int}/participations/{memberId:int}", async (int id, int memberId, RallyDb db, Caller caller, CancellationToken ct) =>
                (await RemoveParticipation.RunAsync(db, caller, id, memberId, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("RemoveParticipation").WithSummary("Remove a member's participation (a correction); needs the organizer role on the member.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        tests.MapGet("/{id:int}/results", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await StructureTestResults.RunAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("GetStructureTestResults")
            .WithSummary("Participation by workplace and by unit (rolled up the tree), with shares and whether each met the target share, and totals; over the active members you may see.")
            .Produces<StructureTestResults.Response>().ProducesProblem(404);

        tests.MapGet("/{id:int}/coverage", async (int id, RallyDb db, Caller caller, TimeProvider clock, int? page, int? pageSize, CancellationToken ct) =>
                (await ListUncovered.RunAsync(db, caller, clock, id, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("GetStructureTestCoverage")
            .WithSummary("The test's members whom no organiser covers (no turf with an organiser in a campaign that is not archived and not past its deadline), paged, with the count by workplace.")
            .Produces<ListUncovered.Response>().ProducesValidationProblem().ProducesProblem(404);

        return api;
    }

    static IResult WithETag<T>(HttpResponse response, StructureTestResponse test, T result) where T : IResult
    {
        ETags.Set(response, test.Version);
        return result;
    }
}
