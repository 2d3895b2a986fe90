using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Members;

public static class MemberEndpoints
{
    public static RouteGroupBuilder MapMemberEndpoints(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members").WithTags("Members");

        members.MapGet("/", async (RallyDb db, Caller caller, CancellationToken ct,
                string? search, string? orgUnit, string? category, string? status, string? workplace, bool? includeArchived, int? page, int? pageSize, string? sort) =>
                (await ListMembers.RunAsync(db, caller, new(search, orgUnit, category, status, workplace, includeArchived ?? false, page, pageSize, sort), ct)).ToResult(TypedResults.Ok))
            .WithName("ListMembers")
            .WithSummary("Members within your grants. `search`: prefix of surname, given name or membership number; `orgUnit`: a code, the whole subtree; `category`, `status` (comma-separated for several), `workplace`; `sort`: lastName, firstName, membershipNumber, status, statusSince, dateOfBirth, createdAt, updatedAt, '-' for descending.")
            .Produces<PagedList<MemberResponse>>().ProducesValidationProblem();

        members.MapGet("/export", async (RallyDb db, Caller caller, CancellationToken ct,
                string? search, string? orgUnit, string? category, string? status, string? workplace, bool? includeArchived) =>
                await ExportAsync(db, caller, new(search, orgUnit, category, status, workplace, includeArchived ?? false), ct))
            .WithName("ExportMembers")
            .WithSummary("The members GET /members would list (same filters, all pages) as CSV in the import's canonical columns, every cell safe to open in a spreadsheet. Officers only; each export is audited.")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(403);

        members.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await GetMember.RunAsync(db, caller, id, ct)).ToResult(m => WithETag(response, m, TypedResults.Ok(m))))
            .WithName("GetMember").WithSummary("One member. Answers 404 for members outside your grants.")
            .Produces<MemberResponse>().ProducesProblem(404);

        members.MapPost("/", async (SaveMember.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await SaveMember.CreateAsync(db, caller, clock, body, ct)).ToResult(m => WithETag(response, m, TypedResults.Created($"/api/v1/members/{m.Id}", m))))
            .WithName("CreateMember")
            .WithSummary("Add a member. `category`, `orgUnit` and `workplace` are codes; `membershipNumber` is generated when left out; `status` defaults to member, or applicant where the union has admission criteria.")
            .Produces<MemberResponse>(201).ProducesValidationProblem().ProducesProblem(403);

        members.MapPut("/{id:int}", async (int id, SaveMember.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
                await UpdateAsync(id, body, db, caller, clock, http, ct))
            .WithName("UpdateMember").WithSummary("Replace a member's fields. Send If-Match with the ETag; a stale one is answered 412 and changes nothing.")
            .Produces<MemberResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);

        members.MapPatch("/{id:int}", async (int id, [FromBody] JsonElement patch, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var current = await GetMember.RunAsync(db, caller, id, ct);
                if (current.Value is not { } m) return current.ToResult(TypedResults.Ok);
                var merged = MergePatch.Apply(new SaveMember.Request(m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName, m.Email, m.Phone, m.Address,
                    m.DateOfBirth, m.Category, m.Trade, m.OrgUnit, m.Workplace, m.Status), patch, MergePatch.Options(http));
                return merged.Value is { } request ? await UpdateAsync(id, request, db, caller, clock, http, ct) : merged.ToResult(TypedResults.Ok);
            })
            .WithName("PatchMember").WithSummary("Change some of a member's fields (JSON merge patch). Send If-Match with the ETag.")
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .Produces<MemberResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);

        members.MapDelete("/{id:int}", async (int id, bool? erase, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                if (erase == true) return (await EraseMember.RunAsync(db, caller, clock, id, ct)).ToResult(_ => TypedResults.NoContent());
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await ArchiveMember.RunAsync(db, caller, clock, id, archive: true, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("ArchiveMember").WithSummary("Archive a member (never destroyed). With `?erase=true`, an administrator erases their personal data instead.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404);

        members.MapPost("/{id:int}/restore", async (int id, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await ArchiveMember.RunAsync(db, caller, clock, id, archive: false, null, ct)).ToResult(m => WithETag(response, m, TypedResults.Ok(m))))
            .WithName("RestoreMember").WithSummary("Bring an archived member back.")
            .Produces<MemberResponse>().ProducesProblem(404).ProducesProblem(409);

        members.MapPost("/{id:int}/erasure", async (int id, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await EraseMember.RunAsync(db, caller, clock, id, ct)).ToResult(TypedResults.Ok))
            .WithName("EraseMember").WithSummary("Privacy erasure (administrators): removes the member's personal fields, here and in earlier audit values, and records the erasure.")
            .Produces<MemberResponse>().ProducesProblem(403).ProducesProblem(404);

        members.MapGet("/{id:int}/status-changes", async (int id, RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct) =>
                (await ChangeMemberStatus.ListAsync(db, caller, id, null, null, null, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListMemberStatusChanges").WithSummary("The member's dated status history, newest first.")
            .Produces<PagedList<ChangeMemberStatus.StatusChangeResponse>>().ProducesProblem(404);

        members.MapPost("/{id:int}/status-changes", async (int id, ChangeMemberStatus.Request body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ChangeMemberStatus.RunAsync(db, caller, clock, id, body, ct)).ToResult(s => TypedResults.Created($"/api/v1/members/{id}/status-changes", s)))
            .WithName("ChangeMemberStatus").WithSummary("Move the member to another status (applicant, member, lapsed, left, expelled), effective on a date.")
            .Produces<ChangeMemberStatus.StatusChangeResponse>(201).ProducesValidationProblem().ProducesProblem(404);

        members.MapGet("/{id:int}/admissions", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await Admissions.ListAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("ListAdmissions").WithSummary("The member's admissions, with the criteria affirmed and by whom.")
            .Produces<List<Admissions.AdmissionResponse>>().ProducesProblem(404);

        members.MapPost("/{id:int}/admissions", async (int id, Admissions.Request body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await Admissions.AdmitAsync(db, caller, clock, id, body, ct)).ToResult(a => TypedResults.Created($"/api/v1/members/{id}/admissions", a)))
            .WithName("AdmitMember").WithSummary("Admit an applicant to their union, affirming every one of its admission criteria (ids).")
            .Produces<Admissions.AdmissionResponse>(201).ProducesValidationProblem().ProducesProblem(404);

        api.MapGet("/status-changes", async (RallyDb db, Caller caller, int? member, string? status, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
                (await ChangeMemberStatus.ListAsync(db, caller, member, status, from, to, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithTags("Members").WithName("ListStatusChanges").WithSummary("Member status changes within your grants, filtered by member, status and date range.")
            .Produces<PagedList<ChangeMemberStatus.StatusChangeResponse>>().ProducesValidationProblem();

        return api;
    }

    /// <summary>The same export for the signed-in page user (cookie), linked from the member list with its filters.</summary>
    public static void MapMemberDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/members/export.csv", async (RallyDb db, Caller caller, CancellationToken ct,
                string? search, string? orgUnit, string? category, string? status, string? workplace, bool? includeArchived) =>
                await ExportAsync(db, caller, new(search, orgUnit, category, status, workplace, includeArchived ?? false), ct))
            .RequireAuthorization("ui").ExcludeFromDescription();

    static async Task<IResult> ExportAsync(RallyDb db, Caller caller, ListMembers.Query query, CancellationToken ct) =>
        (await ExportMembers.PrepareAsync(db, caller, query, ct)).ToResult(export => ExportMembers.Download(export, ct));

    static async Task<IResult> UpdateAsync(int id, SaveMember.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (version, error) = ETags.Expected(http.Request);
        return error ?? (await SaveMember.UpdateAsync(db, caller, clock, id, body, version, ct)).ToResult(m => WithETag(http.Response, m, TypedResults.Ok(m)));
    }

    static IResult WithETag(HttpResponse response, MemberResponse m, IResult result)
    {
        ETags.Set(response, m.Version);
        return result;
    }
}
