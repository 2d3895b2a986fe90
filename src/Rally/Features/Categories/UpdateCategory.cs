using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Categories;

/// <summary>Renames, re-codes or re-orders a category under optimistic concurrency; federation-wide administrators only.</summary>
public static class UpdateCategory
{
    public sealed record Request(string? Code, string? Name, int? SortOrder);


    /// <param name="expectedVersion">The version the client read (If-Match); null to skip the check.</param>
    public static async Task<Outcome<CategoryView>> RunAsync(RallyDb db, Caller caller, int id, Request request, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<CategoryView>.Forbidden();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return Outcome<CategoryView>.NotFound();
        if (expectedVersion is not null && expectedVersion != category.Version) return Outcome<CategoryView>.Stale();

        var code = request.Code?.Trim();
        var errors = CreateCategory.Validate(new(code, request.Name, request.SortOrder), category.Code);
        if (!errors.Any && code != category.Code && await db.Categories.AnyAsync(c => c.Code == code && c.Id != id, ct))
            errors.Add("code", $"The code '{code}' is already used by another category (perhaps an archived one).");
        if (errors.Any) return Outcome<CategoryView>.Invalid(errors);

        category.Code = code!;
        category.Name = request.Name!.Trim();
        category.SortOrder = request.SortOrder ?? category.SortOrder;
        if (!db.ChangeTracker.HasChanges()) return Outcome<CategoryView>.Ok(CategoryView.Of(category));
        category.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<CategoryView>.Stale();
        }
        catch (DbUpdateException)
        {
            db.Entry(category).State = EntityState.Detached;
            if (!await db.Categories.AsNoTracking().AnyAsync(c => c.Code == code && c.Id != id, ct)) throw;
            return Outcome<CategoryView>.Invalid("code", $"The code '{code}' is already used by another category.");
        }
        return Outcome<CategoryView>.Ok(CategoryView.Of(category));
    }
}
