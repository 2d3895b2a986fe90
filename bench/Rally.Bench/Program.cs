using Rally.Bench;

// dotnet run -c Release --project bench/Rally.Bench -- demo --members 1000000 --database sqlite|postgres [--connection ...]
// dotnet run -c Release --project bench/Rally.Bench -- import --members 1000000 --database sqlite|postgres [--connection ...]
// dotnet run -c Release --project bench/Rally.Bench -- progress --members 1000000 --database sqlite|postgres [--connection ...] [--requests 50]
// dotnet run -c Release --project bench/Rally.Bench -- list --members 1000000 --database sqlite|postgres [--connection ...] [--requests 300]
// dotnet run -c Release --project bench/Rally.Bench -- readiness --members 100000 --database sqlite|postgres [--connection ...] [--requests 20]
// dotnet run -c Release --project bench/Rally.Bench -- dashboard --members 1000000 --database sqlite|postgres [--connection ...] [--requests 50]
// dotnet run -c Release --project bench/Rally.Bench -- queue --members 1000000 --database sqlite|postgres [--connection ...] [--requests 300]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Rally.Bench demo|list|progress|queue|readiness|dashboard|import [--members N] [--database sqlite|postgres] [--connection STRING] [--requests N]");
    return 2;
}
return options.Verb switch
{
    "demo" => await DemoBench.RunAsync(options),
    "list" => await ListBench.RunAsync(options),
    "progress" => await ProgressBench.RunAsync(options),
    "queue" => await QueueBench.RunAsync(options),
    "readiness" => await ReadinessBench.RunAsync(options),
    "dashboard" => await DashboardBench.RunAsync(options),
    "generate" => DemoBench.Generate(options),
    "import" => await ImportBench.RunAsync(options),
    _ => 2,
};
