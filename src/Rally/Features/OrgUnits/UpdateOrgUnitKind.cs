using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

/// <summary>Renames, re-codes or re-orders a kind under optimistic concurrency; federation-wide administrators only.</summary>
public static class UpdateOrgUnitKind
{
    public sealed record Request(string? Code, string? Name, int? SortOrder);


    /// <param name="expectedVersion">The version the client read (If-Match); null to skip the check.</param>
    public static async Task<Outcome<OrgUnitKindView>> RunAsync(RallyDb db, Caller caller, int id, Request request, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<OrgUnitKindView>.Forbidden();
        var kind = await db.OrgUnitKinds.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (kind is null) return Outcome<OrgUnitKindView>.NotFound();
        if (expectedVersion is not null && expectedVersion != kind.Version) return Outcome<OrgUnitKindView>.Stale();

        var code = request.Code?.Trim();
        var errors = CreateOrgUnitKind.Validate(new(code, request.Name, request.SortOrder), kind.Code);
        if (!errors.Any && code != kind.Code && await db.OrgUnitKinds.AnyAsync(k => k.Code == code && k.Id != id, ct))
            errors.Add("code", $"The code '{code}' is already used by another kind (perhaps an archived one).");
        if (errors.Any) return Outcome<OrgUnitKindView>.Invalid(errors);

        kind.Code = code!;
        kind.Name = request.Name!.Trim();
        kind.SortOrder = request.SortOrder ?? kind.SortOrder;
        if (!db.ChangeTracker.HasChanges()) return Outcome<OrgUnitKindView>.Ok(OrgUnitKindView.Of(kind));
        kind.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<OrgUnitKindView>.Stale();
        }
        catch (DbUpdateException)
        {
            db.Entry(kind).State = EntityState.Detached;
            if (!await db.OrgUnitKinds.AsNoTracking().AnyAsync(k => k.Code == code && k.Id != id, ct)) throw;
            return Outcome<OrgUnitKindView>.Invalid("code", $"The code '{code}' is already used by another kind.");
        }
        return Outcome<OrgUnitKindView>.Ok(OrgUnitKindView.Of(kind));
    }
}
