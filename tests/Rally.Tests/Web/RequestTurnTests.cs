using Rally.Web;

namespace Rally.Tests.Web;

/// <summary>
/// One component at a time per request, except that work already holding the turn does not wait for itself.
/// Each holder runs in its own async method, as a component's SetParametersAsync or event handler does.
/// </summary>
public class RequestTurnTests
{
    [Fact]
    public async Task Another_component_waits_until_the_holder_leaves()
    {
        using var turn = new RequestTurn();
        var release = new TaskCompletionSource();
        var holder = HoldAsync(turn, release.Task);

        var other = turn.EnterAsync();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(other.IsCompleted);

        release.SetResult();
        await holder;
        Assert.True(await other.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Work_that_holds_the_turn_goes_on_in_nested_calls_without_waiting_for_itself()
    {
        using var turn = new RequestTurn();
        var release = new TaskCompletionSource();
        Task<bool>? nested = null;
        var holder = HoldAsync(turn, release.Task, () =>
        {
            // A handler invoking another component's callback: same flow, not blocked, takes nothing.
            nested = turn.EnterAsync();
            turn.Leave(false);
        });
        Assert.NotNull(nested);
        Assert.True(nested.IsCompleted);
        Assert.False(await nested);

        // Leaving the nested call did not give the turn away.
        var other = turn.EnterAsync();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(other.IsCompleted);
        release.SetResult();
        await holder;
        Assert.True(await other.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    static async Task HoldAsync(RequestTurn turn, Task release, Action? whileHolding = null)
    {
        var entered = await turn.EnterAsync();
        Assert.True(entered);
        whileHolding?.Invoke();
        await release;
        turn.Leave(entered);
    }
}
