using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>One account the caller administers, with its active grants; a user outside their reach is not found.</summary>
public static class GetUser
{
    public sealed record Result(UserView? User, Refusal? Refusal = null);

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, string id, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return new(null, Refusal.Forbidden);
        var row = await UserView.Rows((await caller.AdministeredUsersAsync(db, ct)).AsNoTracking().Where(u => u.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null) return new(null, Refusal.NotFound);
        return new((await UserView.WithGrantsAsync(db, [row], ct))[0]);
    }
}
