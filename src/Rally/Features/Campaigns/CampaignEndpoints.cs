using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Campaigns;

public static class CampaignEndpoints
{
    public static RouteGroupBuilder MapCampaignEndpoints(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");

        campaigns.MapGet("/", async (RallyDb db, Caller caller, string? orgUnit, bool? includeArchived, int? page, int? pageSize, CancellationToken ct) =>
                (await ListCampaigns.RunAsync(db, caller, new(orgUnit, includeArchived ?? false, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithName("ListCampaigns").WithSummary("Campaigns of units within your grants, latest deadline first. `orgUnit`: a code, the whole subtree.")
            .Produces<PagedList<CampaignResponse>>().ProducesValidationProblem();

        campaigns.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await GetCampaign.RunAsync(db, caller, id, ct)).ToResult(c => WithETag(response, c, TypedResults.Ok(c))))
            .WithName("GetCampaign").WithSummary("One campaign. 404 when its unit is outside your grants.")
            .Produces<CampaignResponse>().ProducesProblem(404);

        campaigns.MapPost("/", async (SaveCampaign.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await SaveCampaign.CreateAsync(db, caller, clock, body, ct)).ToResult(c => WithETag(response, c, TypedResults.Created($"/api/v1/campaigns/{c.Id}", c))))
            .WithName("CreateCampaign")
            .WithSummary("Start a campaign (officers of `orgUnit`). `segment`: categories, workplace, statuses (codes), scaleId/minLevel/maxLevel (current level), " +
                "contactedSince, notContactedSince, raisedIssue (an issue tag code); `goal`: {kind: level-share, scale, level, share} | {kind: conversations, count} | " +
                "{kind: structure-test-share, structureTestId, share}; `organisers`: user ids or e-mails holding organizer or better on the unit. The targets are written at once, uncovered.")
            .Produces<CampaignResponse>(201).ProducesValidationProblem().ProducesProblem(403);

        campaigns.MapPut("/{id:int}", async (int id, SaveCampaign.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveCampaign.UpdateAsync(db, caller, clock, id, body, version, ct)).ToResult(c => WithETag(http.Response, c, TypedResults.Ok(c)));
            })
            .WithName("UpdateCampaign").WithSummary("Replace a campaign's fields; send If-Match with its ETag. A changed segment writes the targets afresh (uncovered).")
            .Produces<CampaignResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        campaigns.MapDelete("/{id:int}", async (int id, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveCampaign.ArchiveAsync(db, caller, clock, id, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("ArchiveCampaign").WithSummary("Archive a campaign (kept, with its targets and history). Send If-Match with its ETag.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        campaigns.MapGet("/{id:int}/progress", async (int id, bool? workplaceSeries, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await GetCampaignProgress.RunAsync(db, caller, clock, id, workplaceSeries ?? false, ct)).ToResult(TypedResults.Ok))
            .WithName("GetCampaignProgress")
            .WithSummary("Progress against the goal from the dated history: `now` {value (a share 0..1, or conversations), share (of the goal), targets, achieved}, " +
                "a daily `series` from the start to today or the deadline, and `byWorkplace` (with `workplaceSeries=true`, each workplace's series too).")
            .Produces<GetCampaignProgress.ProgressResponse>().ProducesProblem(404);

        campaigns.MapGet("/{id:int}/turf", async (int id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await CampaignTurf.GetAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("GetCampaignTurf").WithSummary("Targets per organiser (a null user is uncovered) and per workplace.")
            .Produces<CampaignTurf.TurfResponse>().ProducesProblem(404);

        campaigns.MapPost("/{id:int}/turf", async (int id, CampaignTurf.SplitRequest body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await CampaignTurf.SplitAsync(db, caller, clock, id, body, ct)).ToResult(TypedResults.Ok))
            .WithName("SplitCampaignTurf").WithSummary("Evaluate the segment afresh and split the targets among the organisers: `by` workplace (whole workplaces, balancing counts) or even (round-robin by name).")
            .Produces<CampaignTurf.TurfResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        campaigns.MapPost("/{id:int}/turf/reassign", async (int id, CampaignTurf.ReassignRequest body, RallyDb db, Caller caller, CancellationToken ct) =>
                (await CampaignTurf.ReassignAsync(db, caller, id, body, ct)).ToResult(TypedResults.Ok))
            .WithName("ReassignCampaignTurf").WithSummary("Move a `workplace`'s targets (a code) or listed `members` (ids) to organiser `to` (id or e-mail), or to nobody when `to` is empty.")
            .Produces<CampaignTurf.TurfResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);

        campaigns.MapGet("/{id:int}/targets.csv", (int id, RallyDb db, Caller caller, CancellationToken ct) => CampaignTargetsCsv.RunAsync(db, caller, id, ct))
            .WithName("ExportCampaignTargets").WithSummary("The targets as CSV in the canonical member columns, formula cells neutralised (officers of the campaign's unit).")
            .Produces(200, contentType: "text/csv").ProducesProblem(403).ProducesProblem(404);

        return api;
    }

    /// <summary>The cookie-authenticated download behind the campaign page's "Export CSV" link: the same export as the API's.</summary>
    public static WebApplication MapCampaignDownloads(this WebApplication app)
    {
        app.MapGet("/campaigns/{id:int}/targets.csv", (int id, RallyDb db, Caller caller, CancellationToken ct) => CampaignTargetsCsv.RunAsync(db, caller, id, ct))
            .RequireAuthorization("ui").ExcludeFromDescription();
        return app;
    }

    static IResult WithETag(HttpResponse response, CampaignResponse c, IResult result)
    {
        ETags.Set(response, c.Version);
        return result;
    }
}
