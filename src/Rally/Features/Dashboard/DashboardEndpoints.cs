using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Dashboard;

public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var dashboard = api.MapGroup("/dashboard").WithTags("Dashboard");

        dashboard.MapGet("/participation", async (string? scope, string? from, string? to, RallyDb db, Caller caller, TimeProvider clock, IConfiguration config, CancellationToken ct) =>
                (await GetParticipation.RunAsync(db, caller, clock, GetParticipation.Target(config), new(scope, from, to), ct)).ToResult(TypedResults.Ok))
            .WithName("GetParticipationDashboard")
            .WithSummary("Monthly points from the dated history: each month as on its last day (today in the current month) — members in good standing, " +
                "participants (holding a post that day), share, by category and by rung (highest held); the scope's children (`byUnit`), the engagement " +
                "distribution, education reach, the ladder as a funnel, and the target share. `scope`: an org unit code (default: your widest unit); " +
                "`from`/`to`: YYYY-MM (default: the 24 months up to this one; at most 120).")
            .Produces<GetParticipation.ParticipationResponse>().ProducesValidationProblem().ProducesProblem(404);

        dashboard.MapGet("/participation.csv", (string? series, string? scope, string? from, string? to, RallyDb db, Caller caller, TimeProvider clock, IConfiguration config, CancellationToken ct) =>
                DashboardCsv.RunAsync(db, caller, clock, config, series, new(scope, from, to), ct))
            .WithName("ExportParticipationDashboard")
            .WithSummary("One series of the dashboard as CSV: `series` = participation | by-category | by-rung | by-unit | engagement | education | funnel; same parameters.")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(404);
        return api;
    }

    /// <summary>The page's download links, under the sign-in cookie.</summary>
    public static WebApplication MapDashboardDownloads(this WebApplication app)
    {
        app.MapGet("/dashboard/{series}.csv", (string series, string? scope, string? from, string? to, RallyDb db, Caller caller, TimeProvider clock, IConfiguration config, CancellationToken ct) =>
                DashboardCsv.RunAsync(db, caller, clock, config, series, new(scope, from, to), ct))
            .RequireAuthorization("ui").ExcludeFromDescription();
        return app;
    }
}
