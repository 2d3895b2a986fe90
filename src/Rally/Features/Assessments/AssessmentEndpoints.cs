using System.Text.Json;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Assessments;

public static class AssessmentEndpoints
{
    /// <summary>What a client posts: the scale may be named by its code ("engagement") or its id (1).</summary>
    public sealed record AssessmentBody(JsonElement? Scale, int? Level, DateTimeOffset? AssessedAt, string? Evidence);

    public static RouteGroupBuilder MapAssessmentEndpoints(this RouteGroupBuilder api)
    {
        var scales = api.MapGroup("/assessment-scales").WithTags("Assessment scales");
        scales.MapGet("/", async (RallyDb db, Caller caller, bool? includeArchived, string? orgUnit, int? page, int? pageSize, string? sort, CancellationToken ct) =>
                (await Scales.ListAsync(db, caller, includeArchived ?? false, orgUnit, page, pageSize, sort, ct)).ToResult(TypedResults.Ok))
            .WithName("ListAssessmentScales")
            .WithSummary("Scales in use (archived ones with includeArchived=true); `orgUnit`: only those that apply to members of that unit; sort by sortOrder, name or code.")
            .Produces<PagedList<ScaleView>>().ProducesValidationProblem();
        scales.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await Scales.GetAsync(db, caller, id, ct)).ToResult(s => WithETag(response, s.Version, TypedResults.Ok(s))))
            .WithName("GetAssessmentScale").WithSummary("One scale with its levels; the ETag is its version.")
            .Produces<ScaleView>().ProducesProblem(404);
        scales.MapPost("/", async (SaveScale.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveScale.CreateAsync(db, caller, body, ct)).ToResult(s => WithETag(response, s.Version, TypedResults.Created($"/api/v1/assessment-scales/{s.Id}", s))))
            .WithName("CreateAssessmentScale")
            .WithSummary("Add a scale: code, name, sortOrder, staleAfterDays (default 90), levels [{level, name}] numbered 1..N (1 is the best), and `orgUnit` (a code) for a union's own scale. Administrators of that unit, or federation-wide ones.")
            .Produces<ScaleView>(201).ProducesValidationProblem().ProducesProblem(403);
        scales.MapPut("/{id:int}", async (int id, SaveScale.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveScale.UpdateAsync(db, caller, id, body, version, ct)).ToResult(s => WithETag(http.Response, s.Version, TypedResults.Ok(s)));
            })
            .WithName("UpdateAssessmentScale").WithSummary("Replace a scale's fields and levels; levels used by assessments cannot be removed. Send If-Match with the ETag.")
            .Produces<ScaleView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
        scales.MapDelete("/{id:int}", async (int id, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveScale.ArchiveAsync(db, caller, clock, id, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("ArchiveAssessmentScale").WithSummary("Archive a scale: no new assessments on it; its history stays. The engagement scale cannot be archived.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        var members = api.MapGroup("/members").WithTags("Assessments");
        members.MapPost("/{id:int}/assessments", async (int id, AssessmentBody body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            {
                if (ScaleText(body.Scale, "scale") is { } invalid) return invalid;
                return (await RecordAssessment.RunAsync(db, caller, clock, id, new(Text(body.Scale), body.Level, body.AssessedAt, body.Evidence), ct))
                    .ToResult(a => TypedResults.Created($"/api/v1/members/{id}/assessments", a));
            })
            .WithName("RecordAssessment")
            .WithSummary("Assess a member: scale (code or id; engagement by default), level (1 is the best), assessedAt (default now, not in the future), evidence. Organizers and above; members outside your grants are 404.")
            .Produces<AssessmentView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        members.MapGet("/{id:int}/assessments", async (int id, string? scale, int? page, int? pageSize, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ListAssessments.RunAsync(db, caller, id, scale, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListAssessments").WithSummary("The member's assessments, newest first (by when they were made); `scale` (code or id) narrows to one scale.")
            .Produces<PagedList<AssessmentView>>().ProducesValidationProblem().ProducesProblem(404);
        members.MapGet("/{id:int}/engagement", async (int id, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListAssessments.CurrentAsync(db, caller, clock, id, ct)).ToResult(TypedResults.Ok))
            .WithName("GetEngagement").WithSummary("The member's current level on each scale that applies to them, with `stale` when older than the scale's staleAfterDays.")
            .Produces<ListAssessments.EngagementView>().ProducesProblem(404);
        return api;
    }

    /// <summary>A scale reference must be a string (code) or a whole number (id); anything else is a 400 naming <paramref name="field"/>.</summary>
    public static IResult? ScaleText(JsonElement? value, string field) => value?.ValueKind switch
    {
        null or JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String => null,
        JsonValueKind.Number when value.Value.TryGetInt32(out _) => null,
        _ => FieldErrors.One(field, $"{field} must be a scale's code or id."),
    };

    public static string? Text(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Number => value.Value.GetRawText(),
        _ => null,
    };

    static IResult WithETag(HttpResponse response, int version, IResult result)
    {
        ETags.Set(response, version);
        return result;
    }
}
