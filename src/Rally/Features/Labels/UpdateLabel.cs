using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Labels;

/// <summary>Renames, re-codes or re-orders an entry under optimistic concurrency; federation-wide administrators only.</summary>
public static class UpdateLabel
{
    /// <param name="expectedVersion">The version the client read (If-Match); null to skip the check.</param>
    public static async Task<Outcome<LabelView>> RunAsync<T>(LabelList<T> list, RallyDb db, Caller caller, int id, LabelFields fields, int? expectedVersion, CancellationToken ct)
        where T : Label, new()
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<LabelView>.Forbidden();
        var label = await db.Set<T>().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (label is null) return Outcome<LabelView>.NotFound();
        if (expectedVersion is not null && expectedVersion != label.Version) return Outcome<LabelView>.Stale();

        var code = fields.Code?.Trim();
        var errors = await CreateLabel.ValidateAsync(list, db, fields, label, ct);
        if (errors.Any) return Outcome<LabelView>.Invalid(errors);

        label.Code = code!;
        label.Name = fields.Name!.Trim();
        label.SortOrder = fields.SortOrder ?? label.SortOrder;
        if (!db.ChangeTracker.HasChanges()) return Outcome<LabelView>.Ok(LabelView.Of(label));
        label.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<LabelView>.Stale();
        }
        catch (DbUpdateException)
        {
            db.Entry(label).State = EntityState.Detached;
            if (!await CreateLabel.CodeTakenAsync<T>(db, code, id, ct)) throw;
            return Outcome<LabelView>.Invalid("code", $"The code '{code}' is already used by another {list.Noun}.");
        }
        return Outcome<LabelView>.Ok(LabelView.Of(label));
    }
}
