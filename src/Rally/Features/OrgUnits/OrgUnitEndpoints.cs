using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

public static class OrgUnitEndpoints
{
    public static RouteGroupBuilder MapOrgUnitEndpoints(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/org-units").WithTags("Org units");

        units.MapGet("/", async (RallyDb db, Caller caller, CancellationToken ct,
                string? search, string? kind, string? parent, string? under, bool? includeArchived, int? page, int? pageSize, string? sort) =>
            (await ListOrgUnits.RunAsync(db, caller, new(search, kind, parent, under, includeArchived ?? false, page, pageSize, sort), ct)).ToResult(TypedResults.Ok))
            .WithName("ListOrgUnits").WithSummary("List the org units you can see; `under` selects a whole subtree, `parent` the direct children.")
            .Produces<PagedList<OrgUnitResponse>>().ProducesValidationProblem();

        units.MapGet("/{id}", async (string id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
            {
                var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(id).Select(OrgUnitResponse.Project).FirstOrDefaultAsync(ct);
                if (unit is null) return Outcome<OrgUnitResponse>.NotFound($"There is no org unit '{id}'.").ToResult(TypedResults.Ok);
                ETags.Set(response, unit.Version);
                return TypedResults.Ok(unit);
            })
            .WithName("GetOrgUnit").WithSummary("One org unit, by id or code.")
            .Produces<OrgUnitResponse>().ProducesProblem(404);

        units.MapPost("/", async (SaveOrgUnit.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await SaveOrgUnit.CreateAsync(db, caller, body, ct)).ToResult(u =>
                {
                    ETags.Set(response, u.Version);
                    return TypedResults.Created($"/api/v1/org-units/{u.Id}", u);
                }))
            .WithName("CreateOrgUnit").WithSummary("Create an org unit under a parent (a code); needs the officer role on the parent.")
            .Produces<OrgUnitResponse>(201).ProducesValidationProblem().ProducesProblem(403);

        units.MapPut("/{id}", async (string id, SaveOrgUnit.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
                await UpdateAsync(id, body, db, caller, http, ct))
            .WithName("UpdateOrgUnit").WithSummary("Replace an org unit's fields; a new parent moves it with its subtree. Send If-Match with the ETag.")
            .Produces<OrgUnitResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);

        units.MapPatch("/{id}", async (string id, [FromBody] JsonElement patch, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(id).Select(OrgUnitResponse.Project).FirstOrDefaultAsync(ct);
                if (unit is null) return Outcome<OrgUnitResponse>.NotFound($"There is no org unit '{id}'.").ToResult(TypedResults.Ok);
                var merged = MergePatch.Apply(new SaveOrgUnit.Request(unit.Code, unit.Name, unit.ShortName, unit.Kind, unit.Parent, unit.Town), patch, MergePatch.Options(http));
                return merged.Value is { } request ? await UpdateAsync(id, request, db, caller, http, ct) : merged.ToResult(TypedResults.Ok);
            })
            .WithName("PatchOrgUnit").WithSummary("Change some fields of an org unit (JSON merge patch). Send If-Match with the ETag.")
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .Produces<OrgUnitResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);

        units.MapDelete("/{id}", async (string id, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await ArchiveOrgUnit.RunAsync(db, caller, id, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("ArchiveOrgUnit").WithSummary("Archive an org unit (never destroyed); refused while it has active sub-units or members.")
            .Produces(204).ProducesProblem(404).ProducesProblem(409);

        units.MapGet("/{id}/admission-criteria", async (string id, RallyDb db, Caller caller, CancellationToken ct) =>
                (await AdmissionCriteria.GetAsync(db, caller, id, ct)).ToResult(TypedResults.Ok))
            .WithName("GetAdmissionCriteria").WithSummary("The unit's admission checklist.")
            .Produces<List<AdmissionCriteria.Item>>().ProducesProblem(404);

        units.MapPut("/{id}/admission-criteria", async (string id, List<AdmissionCriteria.NewItem>? body, RallyDb db, Caller caller, CancellationToken ct) =>
                (await AdmissionCriteria.ReplaceAsync(db, caller, id, body, ct)).ToResult(TypedResults.Ok))
            .WithName("ReplaceAdmissionCriteria").WithSummary("Replace the unit's admission checklist: a list of {label, text}.")
            .Produces<List<AdmissionCriteria.Item>>().ProducesValidationProblem().ProducesProblem(404);

        return api;
    }

    static async Task<IResult> UpdateAsync(string id, SaveOrgUnit.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct)
    {
        var (version, error) = ETags.Expected(http.Request);
        return error ?? (await SaveOrgUnit.UpdateAsync(db, caller, id, body, version, ct)).ToResult(u =>
        {
            ETags.Set(http.Response, u.Version);
            return TypedResults.Ok(u);
        });
    }
}
