using static Rally.Features.IssuesMap.IssuesMapRules;

namespace Rally.Tests.Features.IssuesMap;

public class IssuesMapRulesTests
{
    [Fact]
    public void Counts_and_shares_per_workplace_and_per_issue()
    {
        // Issues 1, 2, 3 in that order.
        //   workplace 10: 4 conversations; issue 1 raised in 3, issue 2 in 1
        //   workplace 11: 1 conversation, which raised issue 1
        //   no workplace: 2 conversations, both raised issue 3
        var map = Build(
            [new(10, 4), new(11, 1), new(null, 2)],
            [new(10, 1, 3), new(10, 2, 1), new(11, 1, 1), new(null, 3, 2)],
            [1, 2, 3]);

        Assert.Equal(7, map.Conversations);
        // Most conversations first: 10 (4), no workplace (2), 11 (1).
        Assert.Equal([10, null, 11], map.Rows.Select(r => r.WorkplaceId));
        Assert.Equal([new Cell(1, 3, 0.75m), new Cell(2, 1, 0.25m), new Cell(3, 0, 0m)], map.Rows[0].Cells);
        Assert.Equal([new Cell(1, 0, 0m), new Cell(2, 0, 0m), new Cell(3, 2, 1m)], map.Rows[1].Cells);
        Assert.Equal([new Cell(1, 1, 1m), new Cell(2, 0, 0m), new Cell(3, 0, 0m)], map.Rows[2].Cells);
        // Totals over 7 conversations: issue 1 in 4 (0.571428…), issue 2 in 1 (0.142857…), issue 3 in 2 (0.285714…).
        Assert.Equal([new Total(1, 4, 0.5714m), new Total(2, 1, 0.1429m), new Total(3, 2, 0.2857m)], map.Totals);
    }

    [Fact]
    public void Ties_put_real_workplaces_first_then_by_id()
    {
        var map = Build([new(null, 2), new(12, 2), new(11, 2)], [], [1]);
        Assert.Equal([11, 12, null], map.Rows.Select(r => r.WorkplaceId));
        Assert.All(map.Rows, r => Assert.Equal(new Cell(1, 0, 0m), Assert.Single(r.Cells)));
    }

    [Fact]
    public void No_conversations_no_rows_and_no_shares()
    {
        var map = Build([], [], [1, 2]);
        Assert.Equal(0, map.Conversations);
        Assert.Empty(map.Rows);
        Assert.Equal([new Total(1, 0, null), new Total(2, 0, null)], map.Totals);
    }
}
