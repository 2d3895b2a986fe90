using Microsoft.EntityFrameworkCore;

namespace Rally.Web;

public static class PagedQueries
{
    /// <summary>Counts and fetches one page in the database; <paramref name="ordered"/> must already be sorted.</summary>
    public static async Task<PagedList<T>> ToPageAsync<T>(this IQueryable<T> ordered, int? page, int? pageSize, CancellationToken ct)
    {
        var p = page ?? 1;
        var size = pageSize ?? Paging.DefaultSize;
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedList<T>(items, p, size, total);
    }
}

/// <summary>If-Match for entities whose version is a string stamp (user accounts); integer versions use <see cref="ETags.Expected"/>.</summary>
public static class IfMatch
{
    /// <summary>The raw tag (without quotes) for entities whose version is a string stamp.</summary>
    public static string? Stamp(HttpRequest request)
    {
        var values = request.Headers.IfMatch.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (values.Count == 0 || values.Contains("*")) return null;
        var v = values[0];
        return (v.StartsWith("W/", StringComparison.Ordinal) ? v[2..] : v).Trim('"');
    }
}

public static class Sorting
{
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);

    public static IOrderedQueryable<T> ThenSortBy<T, TKey>(this IOrderedQueryable<T> query, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.ThenByDescending(key) : query.ThenBy(key);
}
