namespace Rally.Data.Demo;

/// <summary>Loads the 1919 demonstration set (stub until the generator lands).</summary>
public static class DemoCommand
{
    public static Task<int> RunAsync(RallyDb db, int? members, CancellationToken ct) => Task.FromResult(0);
}
