using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Categories;

/// <summary>
/// Archives a category: it leaves the pick lists but stays, with its members' references,
/// in the database. Nothing is destroyed. Federation-wide administrators only.
/// </summary>
public static class ArchiveCategory
{

    public static async Task<Outcome<CategoryView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<CategoryView>.Forbidden();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return Outcome<CategoryView>.NotFound();
        if (expectedVersion is not null && expectedVersion != category.Version) return Outcome<CategoryView>.Stale();
        if (category.ArchivedAt is not null) return Outcome<CategoryView>.Ok(CategoryView.Of(category));

        category.ArchivedAt = clock.GetUtcNow();
        category.Version++;
        db.AuditAction = "archive";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<CategoryView>.Stale();
        }
        finally
        {
            db.AuditAction = null;
        }
        return Outcome<CategoryView>.Ok(CategoryView.Of(category));
    }
}
