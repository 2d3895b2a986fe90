namespace Rally.Bench;

static class ListBench
{
    public static Task<int> RunAsync(BenchOptions o) => Task.FromResult(2);
}
