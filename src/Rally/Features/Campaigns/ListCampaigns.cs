using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Campaigns;

/// <summary>Campaigns within the caller's grants, the newest deadline first; archived ones only when asked.</summary>
public static class ListCampaigns
{
    public sealed record Query(string? OrgUnit = null, bool IncludeArchived = false, int? Page = null, int? PageSize = null);

    public static async Task<Outcome<PagedList<CampaignResponse>>> RunAsync(RallyDb db, Caller caller, Query query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, query.Page, query.PageSize);
        var campaigns = await CampaignResponse.VisibleAsync(db, caller, Roles.Viewer, ct);
        if (!query.IncludeArchived) campaigns = campaigns.Where(c => c.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(query.OrgUnit))
        {
            var path = await db.OrgUnits.ByIdOrCode(query.OrgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("orgUnit", $"There is no org unit '{query.OrgUnit}'.");
            else
            {
                var units = db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id);
                campaigns = campaigns.Where(c => units.Contains(c.OrgUnitId));
            }
        }
        if (errors.Any) return Outcome<PagedList<CampaignResponse>>.Invalid(errors);
        var ordered = campaigns.OrderByDescending(c => c.Deadline).ThenByDescending(c => c.Id);
        int page = query.Page ?? 1, size = query.PageSize ?? Paging.DefaultSize;
        var total = await ordered.CountAsync(ct);
        var items = await CampaignResponse.ReadAsync(db, ordered.Skip((page - 1) * size).Take(size), ct);
        return Outcome<PagedList<CampaignResponse>>.Ok(new(items.OrderByDescending(c => c.Deadline).ThenByDescending(c => c.Id).ToList(), page, size, total));
    }
}
