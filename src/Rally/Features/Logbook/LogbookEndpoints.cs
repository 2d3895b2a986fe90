using Rally.Data;

namespace Rally.Features.Logbook;

public static class LogbookEndpoints
{
    public sealed record VerifyResponse(bool Intact, long Entries, long? BrokenAt, string? Reason, string? Head);

    public static RouteGroupBuilder MapLogbookEndpoints(this RouteGroupBuilder api)
    {
        // Anyone signed in may check the chain: it says whether and where it is broken, not what it holds.
        api.MapGet("/logbook/verify", async (RallyDb db, CancellationToken ct) =>
            {
                var v = await Logbook.VerifyAsync(db, ct);
                return TypedResults.Ok(new VerifyResponse(v.Intact, v.Entries, v.FirstBroken?.Sequence, v.FirstBroken?.Reason, v.Head));
            })
            .WithTags("Logbook").WithName("VerifyLogbook")
            .WithSummary("Walks the tamper-evident logbook of decisions and findings: intact, or the first broken link (brokenAt, reason). head is the last entry's hash, to write down and compare later.")
            .Produces<VerifyResponse>();
        return api;
    }
}
