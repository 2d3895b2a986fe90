using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Categories;

/// <summary>Adds a member category; federation-wide administrators only.</summary>
public static class CreateCategory
{
    public sealed record Request(string? Code, string? Name, int? SortOrder);


    public static async Task<Outcome<CategoryView>> RunAsync(RallyDb db, Caller caller, Request request, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<CategoryView>.Forbidden();
        var code = request.Code?.Trim();
        var errors = Validate(request);
        if (!errors.Any && await db.Categories.AnyAsync(c => c.Code == code, ct))
            errors.Add("code", $"The code '{code}' is already used by another category (perhaps an archived one).");
        if (errors.Any) return Outcome<CategoryView>.Invalid(errors);

        var category = new Category { Code = code!, Name = request.Name!.Trim(), SortOrder = request.SortOrder ?? 0, Version = 1 };
        db.Categories.Add(category);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another request creating the same code: still the client's field error.
            db.Entry(category).State = EntityState.Detached;
            if (!await db.Categories.AsNoTracking().AnyAsync(c => c.Code == code, ct)) throw;
            return Outcome<CategoryView>.Invalid("code", $"The code '{code}' is already used by another category.");
        }
        return Outcome<CategoryView>.Ok(CategoryView.Of(category));
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
