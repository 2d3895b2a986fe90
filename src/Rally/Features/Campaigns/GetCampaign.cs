using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>One campaign, if its unit lies within the caller's grants; otherwise "not found".</summary>
public static class GetCampaign
{
    public static async Task<Outcome<CampaignResponse>> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var found = await CampaignResponse.ReadAsync(db, (await CampaignResponse.VisibleAsync(db, caller, Roles.Viewer, ct)).Where(c => c.Id == id), ct);
        return found.Count == 0 ? Outcome<CampaignResponse>.NotFound("There is no such campaign.") : Outcome<CampaignResponse>.Ok(found[0]);
    }
}
