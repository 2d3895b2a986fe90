using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>One account the caller administers, with its active grants; a user outside their reach is not found.</summary>
public static class GetUser
{

    public static async Task<Outcome<UserView>> RunAsync(RallyDb db, Caller caller, string id, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<UserView>.Forbidden();
        var row = await UserView.Rows((await caller.AdministeredUsersAsync(db, ct)).AsNoTracking().Where(u => u.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return Outcome<UserView>.NotFound();
        return Outcome<UserView>.Ok((await UserView.WithGrantsAsync(db, [row], ct))[0]);
    }
}
