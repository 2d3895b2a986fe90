using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>One role grant the caller administers, revoked or not.</summary>
public static class GetGrant
{

    public static async Task<Outcome<GrantView>> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<GrantView>.Forbidden();
        var grant = await GrantView.Project(db, (await caller.AdministeredGrantsAsync(db, ct)).AsNoTracking().Where(g => g.Id == id)).FirstOrDefaultAsync(ct);
        return grant is null ? Outcome<GrantView>.NotFound() : Outcome<GrantView>.Ok(grant);
    }
}
