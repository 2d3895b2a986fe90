using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>Who may touch a campaign: viewers of its unit read it (others get 404), officers of its unit change it (others 403).</summary>
static class CampaignAccess
{
    public static async Task<(Campaign? Campaign, Outcome<Campaign>? Refusal)> ForWriteAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var campaign = await (await CampaignResponse.VisibleAsync(db, caller, Roles.Viewer, ct)).Include(c => c.OrgUnit).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return (null, Outcome<Campaign>.NotFound("There is no such campaign."));
        if (!await caller.CanAsync(Roles.Officer, campaign.OrgUnit.Path, ct))
            return (null, Outcome<Campaign>.Forbidden("Changing a campaign needs the officer role on its unit."));
        return (campaign, null);
    }
}
