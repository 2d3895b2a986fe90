using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

public sealed record OrgUnitKindView(int Id, string Code, string Name, int SortOrder, DateTimeOffset? ArchivedAt, int Version)
{
    public static readonly Expression<Func<OrgUnitKind, OrgUnitKindView>> Projection = k => new OrgUnitKindView(k.Id, k.Code, k.Name, k.SortOrder, k.ArchivedAt, k.Version);

    public static OrgUnitKindView Of(OrgUnitKind k) => new(k.Id, k.Code, k.Name, k.SortOrder, k.ArchivedAt, k.Version);
}

/// <summary>One kind, archived or not; readable by anyone holding a grant.</summary>
public static class GetOrgUnitKind
{

    public static async Task<Outcome<OrgUnitKindView>> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<OrgUnitKindView>.Forbidden();
        var kind = await db.OrgUnitKinds.AsNoTracking().Where(k => k.Id == id).Select(OrgUnitKindView.Projection).FirstOrDefaultAsync(ct);
        return kind is null ? Outcome<OrgUnitKindView>.NotFound() : Outcome<OrgUnitKindView>.Ok(kind);
    }
}
