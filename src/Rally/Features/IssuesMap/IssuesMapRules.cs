namespace Rally.Features.IssuesMap;

/// <summary>
/// The arithmetic of the issues map over counts the database has grouped: per workplace, each
/// issue's count of conversations and its share of the workplace's conversations; totals per issue.
/// A conversation raises an issue at most once, so no share exceeds 1.
/// </summary>
public static class IssuesMapRules
{
    public sealed record WorkplaceCount(int? WorkplaceId, int Conversations);

    public sealed record IssueCount(int? WorkplaceId, int IssueTagId, int Conversations);

    public sealed record Cell(int IssueTagId, int Count, decimal? Share);

    public sealed record Row(int? WorkplaceId, int Conversations, IReadOnlyList<Cell> Cells);

    public sealed record Total(int IssueTagId, int Count, decimal? Share);

    public sealed record Map(int Conversations, IReadOnlyList<Total> Totals, IReadOnlyList<Row> Rows);

    public static decimal? Share(int count, int of) => of == 0 ? null : Math.Round((decimal)count / of, 4, MidpointRounding.AwayFromZero);

    /// <summary>One row per workplace with conversations (most conversations first), one cell per issue in <paramref name="issueOrder"/>.</summary>
    public static Map Build(IEnumerable<WorkplaceCount> workplaces, IEnumerable<IssueCount> issues, IReadOnlyList<int> issueOrder)
    {
        var counts = issues.GroupBy(i => (i.WorkplaceId, i.IssueTagId)).ToDictionary(g => g.Key, g => g.Sum(i => i.Conversations));
        var rows = workplaces.GroupBy(w => w.WorkplaceId)
            .Select(g => (Id: g.Key, Conversations: g.Sum(w => w.Conversations)))
            .Where(w => w.Conversations > 0)
            .OrderByDescending(w => w.Conversations).ThenBy(w => w.Id is null).ThenBy(w => w.Id)
            .Select(w => new Row(w.Id, w.Conversations, issueOrder.Select(tag =>
            {
                var n = counts.GetValueOrDefault((w.Id, tag));
                return new Cell(tag, n, Share(n, w.Conversations));
            }).ToList()))
            .ToList();
        var all = rows.Sum(r => r.Conversations);
        var totals = issueOrder.Select((tag, i) =>
        {
            var n = rows.Sum(r => r.Cells[i].Count);
            return new Total(tag, n, Share(n, all));
        }).ToList();
        return new(all, totals, rows);
    }
}
