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
        await Turn.WaitAsync();
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
            Turn.Release();
        }
        StateHasChanged();
    }

    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        await Turn.WaitAsync();
        try
        {
            await callback.InvokeAsync(arg);
        }
        finally
        {
            Turn.Release();
        }
        StateHasChanged();
    }
}

/// <summary>One request's turn to use its DbContext: a scoped one-at-a-time lock for <see cref="RallyComponent"/>.</summary>
public sealed class RequestTurn() : SemaphoreSlim(1, 1);
