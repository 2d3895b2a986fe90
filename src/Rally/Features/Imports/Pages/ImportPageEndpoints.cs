using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Rally.Data;
using Rally.Features.Accounts;

namespace Rally.Features.Imports.Pages;

/// <summary>
/// The form posts and downloads behind the import pages (cookie-signed-in officers): the upload,
/// starting a dry run or an import, rollback, resolving a review, and the rejected rows as CSV.
/// Each answers with a redirect to a page, so the pages stay plain server-rendered HTML.
/// </summary>
public static class ImportPageEndpoints
{
    /// <summary>The largest file the page accepts (the rest of the app keeps its 1 MB request limit).</summary>
    public const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    public static readonly IReadOnlyList<string> Encodings = ["auto", "utf-8", "utf-16", "windows-1251"];

    public static IServiceCollection AddImportPages(this IServiceCollection services) =>
        services.AddSingleton<ImportUploads>().AddSingleton<ImportRuns>();

    public static void MapImportPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").RequireAuthorization("ui").ExcludeFromDescription();
        pages.MapPost("/imports/upload", UploadAsync);
        pages.MapPost("/imports/start", StartAsync);
        pages.MapPost("/imports/{id:int}/rollback", RollbackAsync);
        pages.MapGet("/imports/{id:int}/rejected.csv", RejectedAsync);
        pages.MapPost("/import-reviews/{id:long}/resolve", ResolveAsync);
        pages.MapGet("/imports/runs/{id}/rejected.csv", (string id, Caller caller, ImportRuns runs, ImportUploads uploads) =>
            runs.Find(id, caller.UserId) is { Done: true, Options.DryRun: true } run && File.Exists(uploads.RejectedPath(run.Id))
                ? Results.File(uploads.RejectedPath(run.Id), "text/csv; charset=utf-8", Path.GetFileNameWithoutExtension(run.Upload.FileName) + "-rejected.csv")
                : Results.NotFound());
    }

    /// <summary>Officers (somewhere) import; the engine keeps each row within the units where they are.</summary>
    public static async Task<bool> MayImportAsync(Caller caller, CancellationToken ct) =>
        AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Officer) is not { Count: 0 };

    /// <summary>
    /// Streams the multipart body straight to a file: the form is never buffered (the framework's
    /// form reader would, and would stop at the app's 1 MB limit). The antiforgery field comes first
    /// in the form and is checked before the file is written.
    /// </summary>
    static async Task<IResult> UploadAsync(HttpContext http, IAntiforgery antiforgery, Caller caller, ImportUploads uploads, CancellationToken ct)
    {
        if (!await MayImportAsync(caller, ct)) return Results.Forbid();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxUploadBytes;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return Results.BadRequest();

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        ImportUploads.Upload? upload = null;
        var reader = new MultipartReader(boundary, http.Request.Body);
        for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition() && name == "file" && upload is null)
            {
                http.Request.Headers[AntiforgeryHeader] = fields.GetValueOrDefault("__RequestVerificationToken", "");
                if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                upload = await uploads.SaveAsync(section.Body, string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : fileName, caller.UserId!, ct);
            }
            else if (fields.Count < 10)
            {
                using var text = new StreamReader(section.Body, Encoding.UTF8);
                var buffer = new char[1000];
                fields[name] = new string(buffer, 0, await text.ReadBlockAsync(buffer, ct));
            }
        }
        if (upload is null) return Results.Redirect("/imports/new?error=nofile");
        return Results.Redirect(PreviewLink(upload.Id, fields.GetValueOrDefault("encoding"), fields.GetValueOrDefault("into"), null));
    }

    const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>The preview of an upload with the given choices; <paramref name="fields"/> is the chosen field per column ("" ignores it).</summary>
    public static string PreviewLink(string upload, string? encoding, string? into, IReadOnlyList<string>? fields)
    {
        var query = new List<KeyValuePair<string, string?>> { new("upload", upload) };
        if (!string.IsNullOrWhiteSpace(encoding) && encoding != "auto") query.Add(new("encoding", encoding.Trim()));
        if (!string.IsNullOrWhiteSpace(into)) query.Add(new("into", into.Trim()));
        for (var i = 0; fields is not null && i < fields.Count; i++) query.Add(new("m" + i.ToString(CultureInfo.InvariantCulture), fields[i]));
        return QueryHelpers.AddQueryString("/imports/new", query);
    }

    /// <summary>
    /// The file's column i maps to the field in "m{i}" (empty: ignored); headers come with the form
    /// as "h{i}". The engine checks the mapping against the file again.
    /// </summary>
    public static Dictionary<string, string> Map(IReadOnlyList<string> headers, IReadOnlyList<string> fields)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count && i < fields.Count; i++)
            map[headers[i]] = string.IsNullOrWhiteSpace(fields[i]) ? "-" : fields[i].Trim();
        return map;
    }

    static async Task<IResult> StartAsync(HttpContext http, IAntiforgery antiforgery, RallyDb db, Caller caller, ImportUploads uploads, ImportRuns runs, CancellationToken ct)
    {
        if (!await MayImportAsync(caller, ct)) return Results.Forbid();
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync(ct);
        var upload = uploads.Find(form["upload"], caller.UserId);
        if (upload is null) return Results.Redirect("/imports/new?error=expired");
        string? encoding = form["encoding"], into = form["into"];
        var headers = new List<string>();
        var fields = new List<string>();
        for (var i = 0; form.ContainsKey("h" + i); i++)
        {
            headers.Add(form["h" + i].ToString());
            fields.Add(form["m" + i].ToString());
        }
        var preview = PreviewLink(upload.Id, encoding, into, headers.Count > 0 ? fields : null);
        var action = form["action"].ToString();
        if (action is not ("dry-run" or "import")) return Results.Redirect(preview);
        if (string.IsNullOrWhiteSpace(into) && AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Officer) is { Count: > 0 } paths)
        {
            // As the API does: an officer of one unit imports into it (so the batch is theirs to see); one of several must say which.
            if (paths.Count > 1) return Results.Redirect(preview + "&error=into");
            into = await db.OrgUnits.Where(u => u.Path == paths[0]).Select(u => u.Code).FirstAsync(ct);
        }
        var options = new ImportOptions(upload.FileName, DryRun: action == "dry-run",
            Into: string.IsNullOrWhiteSpace(into) ? null : into.Trim(),
            Encoding: string.IsNullOrWhiteSpace(encoding) || encoding == "auto" ? null : encoding.Trim(),
            Map: headers.Count > 0 ? Map(headers, fields) : null);
        var run = runs.Start(http.User, upload, options, preview);
        return Results.Redirect($"/imports/runs/{run.Id}");
    }

    static async Task<IResult> RollbackAsync(int id, HttpContext http, IAntiforgery antiforgery, RallyDb db, Caller caller, CancellationToken ct)
    {
        if (!await MayImportAsync(caller, ct)) return Results.Forbid();
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync(ct);
        if (form["confirm"] != "yes") return Results.Redirect($"/imports/{id}?error=confirm");
        var outcome = await ImportRollback.RunAsync(db, await ImportActor.ForCallerAsync(caller, ct), id, ct);
        if (outcome.Status == 404) return Results.NotFound();
        return Results.Redirect(outcome.Succeeded ? $"/imports/{id}?rolledBack=true" : QueryHelpers.AddQueryString($"/imports/{id}", "problem", outcome.Detail ?? "The import could not be rolled back."));
    }

    static async Task<IResult> ResolveAsync(long id, HttpContext http, IAntiforgery antiforgery, RallyDb db, Caller caller, CancellationToken ct)
    {
        if (!await MayImportAsync(caller, ct)) return Results.Forbid();
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync(ct);
        var back = int.TryParse(form["batch"], CultureInfo.InvariantCulture, out var batch) ? $"/import-reviews?batch={batch}" : "/import-reviews";
        var outcome = await ResolveReview.RunAsync(db, caller, id, new(form["resolution"]), ct);
        if (outcome.Status == 404) return Results.NotFound();
        if (outcome.Value is { } review) return Results.Redirect(QueryHelpers.AddQueryString(back, "resolved", review.Resolution!));
        var problem = outcome.Errors is { } errors ? string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)) : outcome.Detail ?? "The review could not be decided.";
        return Results.Redirect(QueryHelpers.AddQueryString(back, "problem", problem));
    }

    /// <summary>The same file as GET /api/v1/imports/{id}/rejections.csv, for the signed-in page user.</summary>
    static async Task<IResult> RejectedAsync(int id, RallyDb db, Caller caller, CancellationToken ct)
    {
        if (!await MayImportAsync(caller, ct)) return Results.Forbid();
        var batch = await ImportQueries.GetAsync(db, caller, id, ct);
        if (batch.Value is not { } found) return Results.NotFound();
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
            await ImportQueries.WriteRejectionsCsvAsync(db, found.Id, writer, ct);
        }, "text/csv; charset=utf-8", Path.GetFileNameWithoutExtension(found.FileName) + "-rejected.csv");
    }
}
