using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

/// <summary>Adds a kind of org unit; federation-wide administrators only.</summary>
public static class CreateOrgUnitKind
{
    public sealed record Request(string? Code, string? Name, int? SortOrder);


    public static async Task<Outcome<OrgUnitKindView>> RunAsync(RallyDb db, Caller caller, Request request, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<OrgUnitKindView>.Forbidden();
        var code = request.Code?.Trim();
        var errors = Validate(request);
        if (!errors.Any && await db.OrgUnitKinds.AnyAsync(k => k.Code == code, ct))
            errors.Add("code", $"The code '{code}' is already used by another kind (perhaps an archived one).");
        if (errors.Any) return Outcome<OrgUnitKindView>.Invalid(errors);

        var kind = new OrgUnitKind { Code = code!, Name = request.Name!.Trim(), SortOrder = request.SortOrder ?? 0, Version = 1 };
        db.OrgUnitKinds.Add(kind);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another request creating the same code: still the client's field error.
            db.Entry(kind).State = EntityState.Detached;
            if (!await db.OrgUnitKinds.AsNoTracking().AnyAsync(k => k.Code == code, ct)) throw;
            return Outcome<OrgUnitKindView>.Invalid("code", $"The code '{code}' is already used by another kind.");
        }
        return Outcome<OrgUnitKindView>.Ok(OrgUnitKindView.Of(kind));
    }

    /// <param name="currentCode">On update, the stored code: kept as it is, it is not re-checked (older data may predate the rule).</param>
    internal static FieldErrors Validate(Request request, string? currentCode = null)
    {
        var errors = new FieldErrors();
        if (currentCode is null || request.Code?.Trim() != currentCode) Codes.Validate(errors, "code", request.Code?.Trim());
        errors.Required("name", request.Name?.Trim(), 100);
        if (request.SortOrder is < -100_000 or > 100_000) errors.Add("sortOrder", "sortOrder must be between -100000 and 100000.");
        return errors;
    }
}
