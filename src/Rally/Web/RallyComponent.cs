using Microsoft.AspNetCore.Components;

namespace Rally.Web;

/// <summary>
/// The base of Rally's components (set in <c>_Imports.razor</c>): a component loads before it renders,
/// and within one request one component loads or handles a form at a time.
/// </summary>
/// <remarks>
/// <see cref="ComponentBase"/> renders once while <c>OnInitializedAsync</c> is still waiting, with its
/// data half loaded, and that render starts the children loading on the same request's DbContext. On
/// PostgreSQL, where an await really waits, that meant null data in markup and two queries at once on
/// one context; SQLite completes synchronously and hid both. Server-rendered pages show nothing until
/// the whole page is ready anyway, so the early render bought nothing.
/// </remarks>
public abstract class RallyComponent : ComponentBase, IHandleEvent
{
    [Inject] RequestTurn Turn { get; set; } = default!;
    bool initialized;

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        var entered = await Turn.EnterAsync();
        try
        {
            if (!initialized)
            {
                initialized = true;
                OnInitialized();
                await OnInitializedAsync();
            }
            OnParametersSet();
            await OnParametersSetAsync();
        }
        finally
        {
            Turn.Leave(entered);
        }
        StateHasChanged();
    }

    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        var entered = await Turn.EnterAsync();
        try
        {
            await callback.InvokeAsync(arg);
        }
        finally
        {
            Turn.Leave(entered);
        }
        StateHasChanged();
    }
}

/// <summary>One request's turn to use its DbContext: a scoped one-at-a-time lock for <see cref="RallyComponent"/>.</summary>
public sealed class RequestTurn : IDisposable
{
    readonly SemaphoreSlim slot = new(1, 1);

    // A handler that holds the turn and invokes another component's callback (a child's form passing its submit
    // up) is still the same piece of work: it goes on without waiting for itself.
    readonly AsyncLocal<bool> holding = new();

    /// <returns>Whether this call took the turn (and must leave it).</returns>
    public Task<bool> EnterAsync()
    {
        if (holding.Value) return Task.FromResult(false);
        // Set outside an async method, so that it stays with the caller's flow and the calls it makes.
        holding.Value = true;
        return TakeAsync();

        async Task<bool> TakeAsync()
        {
            await slot.WaitAsync();
            return true;
        }
    }

    public void Leave(bool entered)
    {
        if (!entered) return;
        holding.Value = false;
        slot.Release();
    }

    public void Dispose() => slot.Dispose();
}
