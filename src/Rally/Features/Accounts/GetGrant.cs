using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>One role grant the caller administers, revoked or not.</summary>
public static class GetGrant
{
    public sealed record Result(GrantView? Grant, Refusal? Refusal = null);

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return new(null, Refusal.Forbidden);
        var grant = await GrantView.Project(db, (await caller.AdministeredGrantsAsync(db, ct)).AsNoTracking().Where(g => g.Id == id)).FirstOrDefaultAsync(ct);
        return grant is null ? new(null, Refusal.NotFound) : new(grant);
    }
}
