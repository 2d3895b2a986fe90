using System.Linq.Expressions;

namespace Rally.Features.OrgUnits;

/// <summary>Materialised paths ("/1/5/23/") and the byte ranges that select a subtree.</summary>
public static class OrgPath
{
    public static string Child(string? parentPath, int id) => (parentPath ?? "/") + id + "/";

    /// <summary>
    /// The exclusive upper bound of a subtree: every descendant path starts with the prefix,
    /// which ends in '/', and '0' is the next character after '/'.
    /// </summary>
    public static string UpperBound(string prefix) => prefix[..^1] + "0";

    public static bool Contains(string ancestorPath, string path) => path.StartsWith(ancestorPath, StringComparison.Ordinal);

    public static IEnumerable<int> Ids(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    /// <summary>Exclusive upper bound for a case-folded prefix search key.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>Units in any of the subtrees: (Path &gt;= p AND Path &lt; bound(p)) OR ..., one index range each.</summary>
    public static Expression<Func<OrgUnit, bool>> Within(IEnumerable<string> paths) => Within<OrgUnit>(u => u.Path, paths);

    /// <summary>Rows whose path (<paramref name="pathOf"/>) lies in any of the subtrees; a null path lies in none.</summary>
    public static Expression<Func<T, bool>> Within<T>(Expression<Func<T, string?>> pathOf, IEnumerable<string> paths)
    {
        var path = pathOf.Body;
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var zero = Expression.Constant(0);
        Expression Cmp(string bound) => Expression.Call(compare, path, Expression.Constant(bound));
        var body = paths
            .Select(p => (Expression)Expression.AndAlso(Expression.GreaterThanOrEqual(Cmp(p), zero), Expression.LessThan(Cmp(UpperBound(p)), zero)))
            .DefaultIfEmpty(Expression.Constant(false))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, pathOf.Parameters);
    }

    /// <summary>"/1/5/23/" → "/1/", "/1/5/".</summary>
    public static IEnumerable<string> StrictAncestors(string path)
    {
        for (var i = path.IndexOf('/', 1); i >= 0 && i < path.Length - 1; i = path.IndexOf('/', i + 1))
            yield return path[..(i + 1)];
    }

    /// <summary>
    /// Units in any of the subtrees or above one of their roots: where a record that holds for a whole
    /// subtree (a structure test, a programme) may sit and still concern someone granted inside it.
    /// </summary>
    public static Expression<Func<OrgUnit, bool>> WithinOrAbove(IReadOnlyCollection<string> paths)
    {
        var within = Within(paths);
        var ancestors = paths.SelectMany(StrictAncestors).Distinct().ToList();
        var path = Expression.Property(within.Parameters[0], nameof(OrgUnit.Path));
        var isAncestor = Expression.Call(Expression.Constant(ancestors), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, path);
        return Expression.Lambda<Func<OrgUnit, bool>>(Expression.OrElse(within.Body, isAncestor), within.Parameters);
    }
}
