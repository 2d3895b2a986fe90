using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

public static class InspectionEndpoints
{
    public static IServiceCollection AddInspections(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<EvidenceOptions>(configuration.GetSection("Rally:Inspections"));

    public static RouteGroupBuilder MapInspectionEndpoints(this RouteGroupBuilder api)
    {
        var targets = api.MapGroup("/inspection-targets").WithTags("Inspections");
        targets.MapGet("/", async (RallyDb db, Caller caller, string? search, string? kind, bool? includeArchived, int? page, int? pageSize, string? sort, CancellationToken ct) =>
                (await ListTargets.RunAsync(db, caller, new(search, kind, includeArchived ?? false, page, pageSize, sort), ct)).ToResult(TypedResults.Ok))
            .WithName("ListInspectionTargets").WithSummary("Inspection targets on units within your grants; `search` over name and address; `kind`; `sort`: name, kind, id.")
            .Produces<PagedList<TargetResponse>>().ProducesValidationProblem();
        targets.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await (await InspectionAccess.TargetsAsync(db, caller, Roles.Viewer, ct)).AnyAsync(id, ct)
                    ? Outcome<TargetResponse>.Ok(await SaveTarget.ProjectAsync(db, id, ct))
                    : Outcome<TargetResponse>.NotFound($"There is no inspection target {id}.")).ToResult(t => Tagged(response, t.Version, TypedResults.Ok(t))))
            .WithName("GetInspectionTarget").WithSummary("One inspection target; the ETag is its version.").Produces<TargetResponse>().ProducesProblem(404);
        targets.MapPost("/", async (SaveTarget.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveTarget.CreateAsync(db, caller, body, ct)).ToResult(t => Tagged(response, t.Version, TypedResults.Created($"/api/v1/inspection-targets/{t.Id}", t))))
            .WithName("CreateInspectionTarget")
            .WithSummary("Add a target: an org unit (isOrgUnit: true, orgUnit: its code; the name defaults to the unit's) or a free-standing place (name, address, orgUnit: the unit that looks after it); kind; responsibleBodyId. Needs the officer role on the unit.")
            .Produces<TargetResponse>(201).ProducesValidationProblem().ProducesProblem(403);
        targets.MapPut("/{id:int}", async (int id, SaveTarget.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveTarget.UpdateAsync(db, caller, id, body, version, ct)).ToResult(t => Tagged(http.Response, t.Version, TypedResults.Ok(t)));
            })
            .WithName("UpdateInspectionTarget").WithSummary("Replace a target's fields; If-Match with the ETag.")
            .Produces<TargetResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        var checklists = api.MapGroup("/checklists").WithTags("Inspections");
        checklists.MapGet("/", async (RallyDb db, Caller caller, bool? includeArchived, int? page, int? pageSize, CancellationToken ct) =>
                (await SaveChecklist.ListAsync(db, caller, includeArchived ?? false, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListChecklists").WithSummary("Checklist templates with their items (expected answer, default severity).")
            .Produces<PagedList<ChecklistResponse>>().ProducesValidationProblem().ProducesProblem(403);
        checklists.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                ((await caller.GrantsAsync(ct)).Count > 0 && await SaveChecklist.GetAsync(db, id, ct) is { } c
                    ? Outcome<ChecklistResponse>.Ok(c) : Outcome<ChecklistResponse>.NotFound($"There is no checklist {id}.")).ToResult(c => Tagged(response, c.Version, TypedResults.Ok(c))))
            .WithName("GetChecklist").WithSummary("One checklist; the ETag is its version.").Produces<ChecklistResponse>().ProducesProblem(404);
        checklists.MapPost("/", async (SaveChecklist.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveChecklist.CreateAsync(db, caller, body, ct)).ToResult(c => Tagged(response, c.Version, TypedResults.Created($"/api/v1/checklists/{c.Id}", c))))
            .WithName("CreateChecklist").WithSummary("Add a checklist: code, name, description, items [{text, expectedAnswer: yes|no, defaultSeverity: a severity code}]. Federation-wide administrators.")
            .Produces<ChecklistResponse>(201).ProducesValidationProblem().ProducesProblem(403);
        checklists.MapPut("/{id:int}", async (int id, SaveChecklist.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveChecklist.UpdateAsync(db, caller, id, body, version, ct)).ToResult(c => Tagged(http.Response, c.Version, TypedResults.Ok(c)));
            })
            .WithName("UpdateChecklist").WithSummary("Replace a checklist and its items (409 once an inspection has used it).")
            .Produces<ChecklistResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        var severities = api.MapGroup("/severities").WithTags("Inspections");
        severities.MapGet("/", async (RallyDb db, Caller caller, bool? includeArchived, CancellationToken ct) =>
                (await SaveSeverity.ListAsync(db, caller, includeArchived ?? false, ct)).ToResult(TypedResults.Ok))
            .WithName("ListSeverities").WithSummary("Severities and the days each gives the responsible body to fix a finding.")
            .Produces<PagedList<SeverityResponse>>().ProducesProblem(403);
        severities.MapPost("/", async (SaveSeverity.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveSeverity.CreateAsync(db, caller, body, ct)).ToResult(s => Tagged(response, s.Version, TypedResults.Created($"/api/v1/severities/{s.Id}", s))))
            .WithName("CreateSeverity").WithSummary("Add a severity: code, name, deadlineDays, sortOrder. Federation-wide administrators.")
            .Produces<SeverityResponse>(201).ProducesValidationProblem().ProducesProblem(403);
        severities.MapPut("/{id:int}", async (int id, SaveSeverity.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveSeverity.UpdateAsync(db, caller, id, body, version, ct)).ToResult(s => Tagged(http.Response, s.Version, TypedResults.Ok(s)));
            })
            .WithName("UpdateSeverity").WithSummary("Change a severity (new findings take the new deadline days).")
            .Produces<SeverityResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        var inspections = api.MapGroup("/inspections").WithTags("Inspections");
        inspections.MapGet("/", async (RallyDb db, Caller caller, string? stage, int? targetId, int? controlGroupId, int? page, int? pageSize, string? sort, CancellationToken ct) =>
                (await ListInspections.RunAsync(db, caller, new(stage, targetId, controlGroupId, page, pageSize, sort), ct)).ToResult(TypedResults.Ok))
            .WithName("ListInspections").WithSummary("Inspections of targets within your grants; `stage`: planned, in-progress, completed; `sort`: plannedOn, id, target.")
            .Produces<PagedList<InspectionResponse>>().ProducesValidationProblem();
        inspections.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await ListInspections.GetAsync(db, caller, id, ct)).ToResult(d => Tagged(response, d.Inspection.Version, TypedResults.Ok(d))))
            .WithName("GetInspection").WithSummary("One inspection with its checklist's items and the answers given.").Produces<InspectionDetail>().ProducesProblem(404);
        inspections.MapPost("/", async (PlanInspection.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await PlanInspection.RunAsync(db, caller, body, ct)).ToResult(d => Tagged(response, d.Inspection.Version, TypedResults.Created($"/api/v1/inspections/{d.Inspection.Id}", d))))
            .WithName("PlanInspection").WithSummary("Plan an inspection: targetId, controlGroupId (a body of kind control-group), checklist (code or id), plannedOn, notes. Officer role on the target's unit.")
            .Produces<InspectionDetail>(201).ProducesValidationProblem().ProducesProblem(403);
        inspections.MapPost("/{id:int}/start", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ConductInspection.StartAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("StartInspection").WithSummary("planned → in-progress (409 from any other stage). Organizer role on the target's unit.")
            .Produces<InspectionDetail>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        inspections.MapPut("/{id:int}/answers", async (int id, ConductInspection.AnswersRequest body, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ConductInspection.AnswerAsync(db, caller, id, body, ct)).ToResult(TypedResults.Ok))
            .WithName("RecordInspectionAnswers").WithSummary("Record answers {answers: [{itemId, answer: yes|no|n/a, note}]}; replaces earlier answers to the same items; starts a planned inspection.")
            .Produces<InspectionDetail>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        inspections.MapPost("/{id:int}/complete", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ConductInspection.CompleteAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("CompleteInspection").WithSummary("in-progress → completed, once every item is answered; only then does it appear on the public board.")
            .Produces<InspectionDetail>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        inspections.MapGet("/calendar.ics", async (HttpContext http, RallyDb db, TimeProvider clock, string? token, CancellationToken ct) =>
            {
                var header = http.Request.Headers.Authorization.ToString();
                var secret = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : token;
                var (valid, member) = await InspectionCalendar.AuthenticateAsync(db, secret, ct);
                if (!valid)
                    return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Send your personal access token: Authorization: Bearer <token>, or ?token=<token>.");
                http.Response.Headers.CacheControl = "private, no-store";
                var events = member is { } m ? await InspectionCalendar.EventsAsync(db, m, FindingRules.Today(clock), ct) : [];
                return Results.Text(InspectionCalendar.Write(events, clock.GetUtcNow(), http.Request.Host.Host), "text/calendar; charset=utf-8", Encoding.UTF8);
            })
            .AllowAnonymous()
            .WithName("InspectionCalendar").WithSummary("Planned inspections of your control groups as iCalendar; your token as a Bearer header or ?token=. Never public.")
            .Produces<string>(200, "text/calendar").ProducesProblem(401);

        var findings = api.MapGroup("/findings").WithTags("Inspections");
        findings.MapGet("/", async (RallyDb db, Caller caller, TimeProvider clock, string? state, string? severity, int? responsibleBodyId, int? targetId, int? inspectionId,
                    bool? overdue, bool? open, int? page, int? pageSize, string? sort, CancellationToken ct) =>
                (await ListFindings.RunAsync(db, caller, clock, new(state, severity, responsibleBodyId, targetId, inspectionId, overdue, open, page, pageSize, sort), ct)).ToResult(TypedResults.Ok))
            .WithName("ListFindings").WithSummary("Findings you may see, with overdue days and escalations worked out for today; filters: state, severity, responsibleBodyId, targetId, inspectionId, overdue, open; `sort`: deadline, foundOn, id, severity.")
            .Produces<PagedList<FindingResponse>>().ProducesValidationProblem();
        findings.MapGet("/report", async (RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await FindingReports.RunAsync(db, caller, clock, ct)).ToResult(TypedResults.Ok))
            .WithName("FindingReport").WithSummary("Findings by target, by responsible body and by age (days since found, for those not closed).")
            .Produces<FindingReports.Response>();
        findings.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await ListFindings.GetAsync(db, caller, clock, id, ct)).ToResult(d => Tagged(response, d.Finding.Version, TypedResults.Ok(d))))
            .WithName("GetFinding").WithSummary("One finding with its history (each step's logbook entry), attachments and the states it may move to.")
            .Produces<FindingDetail>().ProducesProblem(404);
        findings.MapPost("/", async (RecordFinding.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await RecordFinding.RunAsync(db, caller, clock, body, ct)).ToResult(d => Tagged(response, d.Finding.Version, TypedResults.Created($"/api/v1/findings/{d.Finding.Id}", d))))
            .WithName("RecordFinding").WithSummary("Record a finding in an inspection that is not completed: inspectionId, itemId (optional), description, severity (defaults to the item's), responsibleBodyId (defaults to the target's).")
            .Produces<FindingDetail>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        findings.MapPost("/{id:int}/transitions", async (int id, ChangeFindingState.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await ChangeFindingState.RunAsync(db, caller, clock, id, body, version, ct)).ToResult(d => Tagged(http.Response, d.Finding.Version, TypedResults.Ok(d)));
            })
            .WithName("ChangeFindingState").WithSummary("Move a finding: {to: state code, note, reinspectedOn}. A step not in the workflow is 409 naming both states; verifying a fix needs a control-group member other than the one who reported it fixed (403), a re-inspection date and a note.")
            .Produces<FindingDetail>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        findings.MapGet("/{id:int}/attachments", async (int id, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListFindings.GetAsync(db, caller, clock, id, ct)).ToResult(d => TypedResults.Ok(d.Attachments)))
            .WithName("ListFindingAttachments").WithSummary("A finding's evidence: name, sniffed type, size, SHA-256.").Produces<IReadOnlyList<AttachmentView>>().ProducesProblem(404);
        findings.MapGet("/{id:int}/attachments/{attachmentId:int}", async (int id, int attachmentId, RallyDb db, Caller caller, CancellationToken ct) =>
                await AttachEvidence.ReadAsync(db, caller, id, attachmentId, ct) is { } file
                    ? Results.File(file.Bytes, file.View.ContentType, file.View.FileName)
                    : Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no attachment {attachmentId} on finding {id}."))
            .WithName("GetFindingAttachment").WithSummary("The attachment's bytes, with its sniffed content type.").ProducesProblem(404);
        findings.MapPost("/{id:int}/attachments", async (int id, HttpContext http, RallyDb db, Caller caller, IOptions<EvidenceOptions> options, CancellationToken ct) =>
            {
                var max = options.Value.MaxAttachmentBytes;
                var (fileName, outcome) = await ReadUploadAsync(http, max, (name, stream) => AttachEvidence.RunAsync(db, caller, id, name, stream, max, ct), ct);
                return outcome is null
                    ? FieldErrors.One("file", "Send the file as multipart/form-data in a part named 'file'.")
                    : outcome.ToResult(a => TypedResults.Created($"/api/v1/findings/{id}/attachments/{a.Id}", a));
            })
            .WithName("AttachFindingEvidence")
            .WithSummary("Attach evidence (multipart/form-data, part 'file'): a JPEG, PNG or WebP image or a PDF, judged by its content and checked against its name; at most Rally:Inspections:MaxAttachmentBytes (10 MB by default). Refused with the reason and nothing stored otherwise.")
            .Produces<AttachmentView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(413);
        return api;
    }

    static Task<bool> AnyAsync(this IQueryable<InspectionTarget> targets, int id, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(targets, t => t.Id == id, ct);

    static IResult Tagged<T>(HttpResponse response, int version, T result) where T : IResult
    {
        ETags.Set(response, version);
        return result;
    }

    /// <summary>
    /// Streams the part named "file" of a multipart body to <paramref name="save"/> (the app's 1 MB
    /// request limit is raised for this request to the evidence limit plus room for the form).
    /// </summary>
    public static async Task<(string? FileName, Outcome<AttachmentView>? Outcome)> ReadUploadAsync(HttpContext http, long max,
        Func<string, Stream, Task<Outcome<AttachmentView>>> save, CancellationToken ct, Func<Dictionary<string, string>, Task<bool>>? beforeFile = null)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + 64 * 1024;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return (null, null);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, http.Request.Body);
        for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition() && name == "file")
            {
                if (beforeFile is not null && !await beforeFile(fields)) return (null, Outcome<AttachmentView>.Forbidden("The form is not valid; reload the page."));
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                return (fileName, await save(fileName, section.Body));
            }
            if (fields.Count < 10)
            {
                using var text = new StreamReader(section.Body, Encoding.UTF8);
                var buffer = new char[1000];
                fields[name] = new string(buffer, 0, await text.ReadBlockAsync(buffer, ct));
            }
        }
        return (null, null);
    }
}
