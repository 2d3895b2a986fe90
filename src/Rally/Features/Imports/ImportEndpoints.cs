using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Imports;

public static class ImportEndpoints
{
    /// <summary>The import endpoint's own body limit; every other endpoint keeps the host's 1 MiB.</summary>
    public const long MaxImportBytes = 200L * 1024 * 1024;

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");

        imports.MapPost("/", Upload).WithName("ImportMembers")
            .WithSummary("Import members from a CSV file (officers, into units within their grants). Body: the file as text/csv, or multipart/form-data with a file part. " +
                "Query: `dryRun`, `into` (an org unit code; required for officers with grants on several units), `encoding` (utf-8 default, utf-16, windows-1251...), " +
                "`map` repeated SOURCE=FIELD, `fileName`. Answers the summary: 201 with the batch, or 200 for a dry run. Up to 200 MB, streamed.")
            // Described for OpenAPI only: accepts-metadata would make routing answer 415 before sign-in is checked.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                var file = new Microsoft.OpenApi.OpenApiMediaType { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String } };
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { ["text/csv"] = file, ["multipart/form-data"] = new() },
                };
                return Task.CompletedTask;
            })
            .Produces<ImportSummary>(201).Produces<ImportSummary>().ProducesValidationProblem().ProducesProblem(403);

        imports.MapGet("/", async (RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct) =>
                (await ImportQueries.ListAsync(db, caller, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListImports").WithSummary("Imports into units where you are an officer, newest first.")
            .Produces<PagedList<ImportBatchResponse>>().ProducesValidationProblem();

        imports.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ImportQueries.GetAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("GetImport").WithSummary("One import with its counts.").Produces<ImportBatchResponse>().ProducesProblem(404);

        imports.MapGet("/{id:int}/rejections", async (int id, RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct) =>
                (await ImportQueries.RejectionsAsync(db, caller, id, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListImportRejections").WithSummary("The rows an import rejected: row number, column, reason and the raw row.")
            .Produces<PagedList<ImportRejectionResponse>>().ProducesProblem(404);

        imports.MapGet("/{id:int}/rejections.csv", async (int id, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var found = await ImportQueries.GetAsync(db, caller, id, ct);
                if (!found.Succeeded) return found.ToResult(TypedResults.Ok);
                return Results.Stream(async body =>
                {
                    await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(true), 1 << 16);
                    await ImportQueries.WriteRejectionsCsvAsync(db, id, writer, ct);
                }, "text/csv; charset=utf-8", $"import-{id}-rejected.csv");
            })
            .WithName("DownloadImportRejections").WithSummary("The rejected rows as CSV, to fix and import again: the file's columns, then row_number, column, reason.")
            .Produces(200, contentType: "text/csv").ProducesProblem(404);

        imports.MapPost("/{id:int}/rollback", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
            {
                var actor = await ImportActor.ForCallerAsync(caller, ct);
                return (await ImportRollback.RunAsync(db, actor, id, ct)).ToResult(b => TypedResults.Ok(ImportQueries.ToResponse(b)));
            })
            .WithName("RollbackImport")
            .WithSummary("Undo an import as a whole: updated members get their earlier values back, inserted members are removed. 409 when later records refer to its members.")
            .Produces<ImportBatchResponse>().ProducesProblem(404).ProducesProblem(409);

        var reviews = api.MapGroup("/import-reviews").WithTags("Imports");
        reviews.MapGet("/", async (RallyDb db, Caller caller, int? batch, bool? pending, int? page, int? pageSize, CancellationToken ct) =>
                (await ImportQueries.ReviewsAsync(db, caller, batch, pending, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListImportReviews").WithSummary("Rows that matched an existing member uncertainly, for officers over that member. Filters: `batch`, `pending`.")
            .Produces<PagedList<ImportReviewResponse>>().ProducesValidationProblem();
        reviews.MapPost("/{id:long}/resolve", async (long id, ResolveReview.Request body, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ResolveReview.RunAsync(db, caller, id, body, ct)).ToResult(TypedResults.Ok))
            .WithName("ResolveImportReview").WithSummary("Decide a review: `merge` into the candidate, `create` a new member, or `dismiss`.")
            .Produces<ImportReviewResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    static async Task<IResult> Upload(HttpContext http, RallyDb db, Caller caller, bool? dryRun, string? into, string? encoding, [Microsoft.AspNetCore.Mvc.FromQuery] string[]? map, string? fileName, CancellationToken ct)
    {
        var actor = await ImportActor.ForCallerAsync(caller, ct);
        if (actor.Paths is { Count: 0 }) return Outcome<ImportSummary>.Forbidden("Importing members needs the officer role.").ToResult(TypedResults.Ok);
        var pairs = new Dictionary<string, string>();
        foreach (var m in map ?? [])
        {
            var eq = m.IndexOf('=');
            if (eq <= 0) return FieldErrors.One("map", $"map '{m}' must be SOURCE=FIELD.");
            pairs[m[..eq]] = m[(eq + 1)..];
        }
        if (into is null && actor.Paths is { Count: > 0 } paths)
        {
            // An officer of one unit imports into it; one of several must say which.
            if (paths.Count > 1) return FieldErrors.One("into", "into is required: you are an officer of several units.");
            into = await db.OrgUnits.Where(u => u.Path == paths[0]).Select(u => u.Code).FirstAsync(ct);
        }
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = MaxImportBytes;
        // The CSV reader reads synchronously from its buffer (a per-character state machine cannot await cheaply).
        if (http.Features.Get<IHttpBodyControlFeature>() is { } control) control.AllowSynchronousIO = true;

        var body = http.Request.Body;
        var name = fileName;
        if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary)) return FieldErrors.One("file", "The multipart body has no boundary.");
            var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = MaxImportBytes };
            Stream? part = null;
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    name ??= HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    part = section.Body;
                    break;
                }
            }
            if (part is null) return FieldErrors.One("file", "The multipart body has no file part.");
            body = part;
        }
        var options = new ImportOptions(string.IsNullOrWhiteSpace(name) ? "upload.csv" : name, dryRun ?? false, into, encoding, pairs);
        var outcome = await MemberImport.RunAsync(db, actor, body, options, null, ct);
        return outcome.ToResult(s => s.BatchId is { } id ? TypedResults.Created($"/api/v1/imports/{id}", s) : TypedResults.Ok(s));
    }
}
