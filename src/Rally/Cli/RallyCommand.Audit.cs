using System.CommandLine;
using Rally.Features.Logbook;
using Rally.Data;

namespace Rally.Cli;

public static partial class RallyCommand
{
    /// <summary><c>rally audit verify</c>: walks the tamper-evident logbook; exit 0 when intact, 1 at the first broken link.</summary>
    static Command AuditVerb()
    {
        var verify = new Command("verify", "Check the tamper-evident logbook of decisions and findings: exit 0 when intact, 1 when a link is broken (named)");
        verify.SetAction(async (p, ct) =>
        {
            CliHost host;
            try
            {
                host = await OpenAsync(p, ct, existing: true);
            }
            catch (SettingsException e)
            {
                return Fail(e.Message, Usage); // 1 means a broken chain
            }
            await using var _ = host;
            return await host.RunAsync(async (db, _) =>
            {
                var result = await Logbook.VerifyAsync(db, ct);
                if (result.FirstBroken is { } broken)
                {
                    Console.WriteLine($"Logbook BROKEN at entry {broken.Sequence}: {broken.Reason} ({result.Entries:N0} entries read).");
                    return Failed;
                }
                Console.WriteLine(result.Entries == 0
                    ? "Logbook intact: no entries yet."
                    : $"Logbook intact: {result.Entries:N0} entries, head {result.Head}.");
                return Ok;
            });
        });
        return new Command("audit", "Audit the records") { verify };
    }
}
