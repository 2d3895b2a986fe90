using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Labels;

/// <summary>Adds an entry to a list; federation-wide administrators only.</summary>
public static class CreateLabel
{
    public static async Task<Outcome<LabelView>> RunAsync<T>(LabelList<T> list, RallyDb db, Caller caller, LabelFields fields, CancellationToken ct)
        where T : Label, new()
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<LabelView>.Forbidden();
        var code = fields.Code?.Trim();
        var errors = await ValidateAsync(list, db, fields, current: null, ct);
        if (errors.Any) return Outcome<LabelView>.Invalid(errors);

        var label = new T { Code = code!, Name = fields.Name!.Trim(), SortOrder = fields.SortOrder ?? 0, Version = 1 };
        db.Set<T>().Add(label);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another request creating the same code: still the client's field error.
            db.Entry(label).State = EntityState.Detached;
            if (!await CodeTakenAsync<T>(db, code, exceptId: null, ct)) throw;
            return Outcome<LabelView>.Invalid("code", $"The code '{code}' is already used by another {list.Noun}.");
        }
        return Outcome<LabelView>.Ok(LabelView.Of(label));
    }

    /// <param name="current">On update, the stored entry: its code, kept as it is, is not re-checked (older data may predate the rule).</param>
    internal static async Task<FieldErrors> ValidateAsync<T>(LabelList<T> list, RallyDb db, LabelFields fields, T? current, CancellationToken ct)
        where T : Label, new()
    {
        var code = fields.Code?.Trim();
        var errors = new FieldErrors();
        if (current is null || code != current.Code) Codes.Validate(errors, "code", code);
        errors.Required("name", fields.Name?.Trim(), 100);
        if (fields.SortOrder is < -100_000 or > 100_000) errors.Add("sortOrder", "sortOrder must be between -100000 and 100000.");
        if (!errors.Any && code != current?.Code && await CodeTakenAsync<T>(db, code, current?.Id, ct))
            errors.Add("code", $"The code '{code}' is already used by another {list.Noun} (perhaps an archived one).");
        return errors;
    }

    /// <summary>Whether another entry, archived ones too, already has this code.</summary>
    internal static Task<bool> CodeTakenAsync<T>(RallyDb db, string? code, int? exceptId, CancellationToken ct) where T : Label =>
        db.Set<T>().AsNoTracking().AnyAsync(l => l.Code == code && l.Id != exceptId, ct);
}
