using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections.Pages;

/// <summary>
/// The form posts behind the inspection pages (cookie-signed-in users) and the public Atom feed.
/// Each post calls the same use case as the API and answers with a redirect to a page, carrying
/// what happened in the query string, so the pages stay plain server-rendered HTML.
/// </summary>
public static class InspectionPageEndpoints
{
    public static void MapInspectionPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status/findings.atom", AtomAsync).AllowAnonymous().ExcludeFromDescription();

        var pages = app.MapGroup("").RequireAuthorization("ui").ExcludeFromDescription();
        pages.MapPost("/inspections/plan", PlanAsync);
        pages.MapPost("/inspections/{id:int}/answers", AnswersAsync);
        pages.MapPost("/inspections/{id:int}/findings", FindingAsync);
        pages.MapPost("/findings/{id:int}/transition", TransitionAsync);
        pages.MapPost("/findings/{id:int}/evidence", EvidenceAsync);
        pages.MapGet("/findings/{id:int}/evidence/{attachmentId:int}", async (int id, int attachmentId, RallyDb db, Caller caller, CancellationToken ct) =>
            await AttachEvidence.ReadAsync(db, caller, id, attachmentId, ct) is { } file ? Results.File(file.Bytes, file.View.ContentType, file.View.FileName) : Results.NotFound());
    }

    static async Task<IFormCollection?> FormAsync(HttpContext http, IAntiforgery antiforgery, long? max, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) return null;
        if (max is { } m)
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = m + 64 * 1024;
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = m + 64 * 1024 }));
        }
        if (!await antiforgery.IsRequestValidAsync(http)) return null;
        return await http.Request.ReadFormAsync(ct);
    }

    static string Problem<T>(Outcome<T> outcome) =>
        outcome.Errors is { } errors ? string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)) : outcome.Detail ?? "That could not be done.";

    static string With(string url, string key, string value) => QueryHelpers.AddQueryString(url, key, value);

    static int? Int(string? s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    static DateOnly? Date(string? s) => IsoDate.TryParse(s, out var d) ? d : null;

    static async Task<IResult> PlanAsync(HttpContext http, IAntiforgery antiforgery, RallyDb db, Caller caller, CancellationToken ct)
    {
        if (await FormAsync(http, antiforgery, null, ct) is not { } form) return Results.BadRequest();
        if (!string.IsNullOrWhiteSpace(form["plannedOn"]) && Date(form["plannedOn"]) is null) return Results.Redirect(With("/inspections", "problem", "Enter the date as year-month-day."));
        var outcome = await PlanInspection.RunAsync(db, caller, new(Int(form["targetId"]), Int(form["controlGroupId"]), form["checklist"], Date(form["plannedOn"]), form["notes"]), ct);
        return outcome.Value is { } d ? Results.Redirect($"/inspections/{d.Inspection.Id}?planned=true") : Results.Redirect(With("/inspections", "problem", Problem(outcome)));
    }

    /// <summary>Answers come as a{itemId}=yes|no|n/a and n{itemId}=note; action=complete also completes the inspection.</summary>
    static async Task<IResult> AnswersAsync(int id, HttpContext http, IAntiforgery antiforgery, RallyDb db, Caller caller, CancellationToken ct)
    {
        if (await FormAsync(http, antiforgery, null, ct) is not { } form) return Results.BadRequest();
        var back = $"/inspections/{id}";
        var answers = form.Keys.Where(k => k.Length > 1 && k[0] == 'a' && Int(k[1..]) is not null && !string.IsNullOrEmpty(form[k]))
            .Select(k => new ConductInspection.AnswerRequest(Int(k[1..]), form[k], form["n" + k[1..]])).ToList();
        if (answers.Count > 0)
        {
            var saved = await ConductInspection.AnswerAsync(db, caller, id, new(answers), ct);
            if (saved.Status == 404) return Results.NotFound();
            if (!saved.Succeeded) return Results.Redirect(With(back, "problem", Problem(saved)));
        }
        if (form["action"] == "complete")
        {
            var done = await ConductInspection.CompleteAsync(db, caller, id, ct);
            return Results.Redirect(done.Succeeded ? back + "?saved=completed" : With(back, "problem", Problem(done)));
        }
        return Results.Redirect(back + "?saved=answers");
    }

    static async Task<IResult> FindingAsync(int id, HttpContext http, IAntiforgery antiforgery, RallyDb db, Caller caller, TimeProvider clock, IOptions<EvidenceOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxAttachmentBytes;
        if (await FormAsync(http, antiforgery, max, ct) is not { } form) return Results.BadRequest();
        var back = $"/inspections/{id}";
        var recorded = await RecordFinding.RunAsync(db, caller, clock,
            new(id, Int(form["itemId"]), form["description"], string.IsNullOrWhiteSpace(form["severity"]) ? null : form["severity"].ToString(), Int(form["responsibleBodyId"])), ct);
        if (recorded.Status == 404) return Results.NotFound();
        if (recorded.Value is not { } finding) return Results.Redirect(With(back, "problem", Problem(recorded)));
        var url = $"{back}?recorded={finding.Finding.Id}";
        foreach (var file in form.Files.GetFiles("file").Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            await using var stream = file.OpenReadStream();
            var attached = await AttachEvidence.RunAsync(db, caller, finding.Finding.Id, file.FileName, stream, max, ct);
            if (!attached.Succeeded) url = With(url, "problem", "The finding was recorded, but its evidence was refused: " + Problem(attached));
        }
        return Results.Redirect(url);
    }

    static async Task<IResult> TransitionAsync(int id, HttpContext http, IAntiforgery antiforgery, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        if (await FormAsync(http, antiforgery, null, ct) is not { } form) return Results.BadRequest();
        var back = $"/findings/{id}";
        if (!string.IsNullOrWhiteSpace(form["reinspectedOn"]) && Date(form["reinspectedOn"]) is null) return Results.Redirect(With(back, "problem", "Enter the date as year-month-day."));
        var outcome = await ChangeFindingState.RunAsync(db, caller, clock, id, new(form["to"], form["note"], Date(form["reinspectedOn"])), Int(form["version"]), ct);
        if (outcome.Status == 404) return Results.NotFound();
        return Results.Redirect(outcome.Value is { } d ? With(back, "moved", d.Finding.State) : With(back, "problem", Problem(outcome)));
    }

    static async Task<IResult> EvidenceAsync(int id, HttpContext http, IAntiforgery antiforgery, RallyDb db, Caller caller, IOptions<EvidenceOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxAttachmentBytes;
        IFormCollection? form;
        try
        {
            form = await FormAsync(http, antiforgery, max, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return Results.Redirect(With($"/findings/{id}", "problem", $"The file is larger than the limit of {AttachEvidence.Megabytes(max)}; nothing was stored."));
        }
        if (form is null) return Results.BadRequest();
        if (form.Files.GetFile("file") is not { } file) return Results.Redirect(With($"/findings/{id}", "problem", "Choose a file."));
        await using var stream = file.OpenReadStream();
        var outcome = await AttachEvidence.RunAsync(db, caller, id, file.FileName, stream, max, ct);
        if (outcome.Status == 404) return Results.NotFound();
        return Results.Redirect(outcome.Succeeded ? $"/findings/{id}?attached=true" : With($"/findings/{id}", "problem", Problem(outcome)));
    }

    /// <summary>New findings of completed inspections, with no personal data (see <see cref="StatusBoard"/>).</summary>
    static async Task<IResult> AtomAsync(HttpContext http, RallyDb db, TimeProvider clock, CancellationToken ct)
    {
        var items = await StatusBoard.FeedAsync(db, ct);
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        static string X(string s) => SecurityElement.Escape(s);
        static string T(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var updated = items.Count > 0 ? items.Max(i => i.Published) : clock.GetUtcNow();
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        xml.Append($"  <title>New findings</title>\n  <id>{X(origin)}/status/findings.atom</id>\n  <updated>{T(updated)}</updated>\n");
        xml.Append($"  <link rel=\"self\" href=\"{X(origin)}/status/findings.atom\"/>\n  <link rel=\"alternate\" href=\"{X(origin)}/status\"/>\n  <author><name>Rally status board</name></author>\n");
        foreach (var f in items)
        {
            var summary = $"{f.Severity} finding at {f.Target}" + (f.Item is null ? "" : $": {f.Item}") +
                $". Responsible: {f.ResponsibleBody}. Found {f.FoundOn:yyyy-MM-dd}, to be fixed by {f.Deadline:yyyy-MM-dd}. Now: {f.State}.";
            xml.Append($"  <entry>\n    <id>{X(origin)}/status#finding-{f.Id}</id>\n    <title>{X($"{f.Severity} finding at {f.Target}")}</title>\n");
            xml.Append($"    <updated>{T(f.Published)}</updated>\n    <link href=\"{X(origin)}/status#finding-{f.Id}\"/>\n    <summary>{X(summary)}</summary>\n  </entry>\n");
        }
        xml.Append("</feed>\n");
        return Results.Text(xml.ToString(), "application/atom+xml; charset=utf-8", Encoding.UTF8);
    }
}
