using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Audit;
using Rally.Features.Campaigns;
using Rally.Features.Categories;
using Rally.Features.Conversations;
using Rally.Features.Dashboard;
using Rally.Features.Council;
using Rally.Features.Decisions;
using Rally.Features.Logbook;
using Rally.Features.Placements;
using Rally.Features.FollowUps;
using Rally.Features.Imports;
using Rally.Features.Imports.Pages;
using Rally.Features.Bodies;
using Rally.Features.Education;
using Rally.Features.Inspections;
using Rally.Features.Inspections.Pages;
using Rally.Features.IssuesMap;
using Rally.Features.Labels;
using Rally.Features.Ladder;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Features.Queue;
using Rally.Features.StructureTests;
using Scalar.AspNetCore;

namespace Rally.Web;

/// <summary>Builds the one web application: UI, REST API, health, OpenAPI.</summary>
public static class RallyHost
{
    public const long MaxRequestBytes = 1024 * 1024;

    public static WebApplication Build(DatabaseSettings database, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
            // Static assets are found by the application's name; a test host must not rename it.
            ApplicationName = typeof(RallyHost).Assembly.GetName().Name,
        });
        // Run from a build (dotnet run, tests) the stylesheet and its compressed copy live in the
        // source and obj folders, named by the build's manifest; a published app has them in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBytes);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxRequestBytes);

        var services = builder.Services;
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<Actor>();
        services.AddScoped<Caller>();
        services.AddScoped<RequestTurn>();
        database.AddTo(services);
        services.AddRallyAuthentication();
        services.AddSingleton<SetupLink>();
        services.AddImportPages();
        services.AddInspections(builder.Configuration);

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Rally API";
            doc.Info.Description = "The federation's structure, members and access. Authenticate with a personal access token " +
                "(`rally tokens create --email ...`, or POST /api/v1/tokens): `Authorization: Bearer rly_...`.";
            doc.Components ??= new();
            doc.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[Authentication.Bearer] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http, Scheme = "bearer", Description = "A personal access token (rly_...).",
            };
            doc.Security = [new() { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(Authentication.Bearer, doc)] = [] }];
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddDbContextCheck<RallyDb>("database");

        services.AddLocalization(o => o.ResourcesPath = "Web/Resources");
        services.AddRazorComponents();
        services.AddAntiforgery();
        services.AddCascadingAuthenticationState();

        configure?.Invoke(builder);
        var app = builder.Build();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures("en").AddSupportedUICultures("en");
            o.RequestCultureProviders.Insert(0, new CookieRequestCultureProvider());
        });
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api", o => o.WithTitle("Rally API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

        var api = app.MapGroup("/api/v1").RequireAuthorization("api");
        api.MapOrgUnitEndpoints();
        api.MapLabelEndpoints(OrgUnitKind.List);
        api.MapLabelEndpoints(Category.List);
        api.MapMemberEndpoints();
        api.MapAccountEndpoints();
        api.MapAuditEndpoints();
        api.MapQueueEndpoints();
        api.MapAssessmentEndpoints();
        api.MapLabelEndpoints(IssueTag.List);
        api.MapConversationEndpoints();
        api.MapFollowUpEndpoints();
        api.MapStructureTestEndpoints();
        api.MapIssuesMapEndpoints();
        api.MapCampaignEndpoints();
        api.MapImportEndpoints();
        api.MapBodyEndpoints();
        api.MapLadderEndpoints();
        api.MapDashboardEndpoints();
        api.MapCouncilEndpoints();
        api.MapPlacementEndpoints();
        api.MapDecisionEndpoints();
        api.MapLogbookEndpoints();
        api.MapLabelEndpoints(ProgrammeKind.List);
        api.MapEducationEndpoints();
        api.MapInspectionEndpoints();

        app.MapCampaignDownloads();
        app.MapMemberDownloads();
        app.MapImportPages();
        app.MapDashboardDownloads();
        app.MapInspectionPages();
        app.MapUi();
        return app;
    }
}
