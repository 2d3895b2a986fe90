using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Categories;

public sealed record CategoryView(int Id, string Code, string Name, int SortOrder, DateTimeOffset? ArchivedAt, int Version)
{
    public static readonly Expression<Func<Category, CategoryView>> Projection = c => new CategoryView(c.Id, c.Code, c.Name, c.SortOrder, c.ArchivedAt, c.Version);

    public static CategoryView Of(Category c) => new(c.Id, c.Code, c.Name, c.SortOrder, c.ArchivedAt, c.Version);
}

/// <summary>One category, archived or not; readable by anyone holding a grant.</summary>
public static class GetCategory
{

    public static async Task<Outcome<CategoryView>> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<CategoryView>.Forbidden();
        var category = await db.Categories.AsNoTracking().Where(c => c.Id == id).Select(CategoryView.Projection).FirstOrDefaultAsync(ct);
        return category is null ? Outcome<CategoryView>.NotFound() : Outcome<CategoryView>.Ok(category);
    }
}
