using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>
/// A campaign's targets as the member export writes them (<see cref="ExportMembers"/>): canonical
/// columns, formulas neutralised, streamed, audited. Needs the officer role on the campaign's unit.
/// </summary>
public static class CampaignTargetsCsv
{
    public static async Task<IResult> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var campaign = await (await CampaignResponse.VisibleAsync(db, caller, Roles.Viewer, ct)).AsNoTracking()
            .Select(c => new { c.Id, c.OrgUnit.Path }).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is no such campaign.");
        if (!await caller.CanAsync(Roles.Officer, campaign.Path, ct))
            return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "Exporting a campaign's targets needs the officer role on its unit.");
        var targets = (await caller.MembersAsync(Roles.Officer, ct)).Where(m => db.CampaignTargets.Any(t => t.CampaignId == id && t.MemberId == m.Id));
        return (await ExportMembers.PrepareAsync(db, targets, new ListMembers.Query(), campaign.Path, ct, $"campaign-{id}-targets.csv"))
            .ToResult(export => ExportMembers.Download(export, ct));
    }
}
