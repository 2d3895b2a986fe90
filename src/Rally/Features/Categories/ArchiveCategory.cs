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
    public sealed record Result(CategoryView? Category, Refusal? Refusal = null);

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return new(null, Refusal.Forbidden);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return new(null, Refusal.NotFound);
        if (expectedVersion is not null && expectedVersion != category.Version) return new(null, Refusal.Stale);
        if (category.ArchivedAt is not null) return new(CategoryView.Of(category));

        category.ArchivedAt = clock.GetUtcNow();
        category.Version++;
        db.AuditAction = "archive";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, Refusal.Stale);
        }
        finally
        {
            db.AuditAction = null;
        }
        return new(CategoryView.Of(category));
    }
}
