using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Accounts;

/// <summary>The caller's own account and active grants; open to every signed-in user.</summary>
public static class GetProfile
{
    public static async Task<UserView?> RunAsync(RallyDb db, Caller caller, CancellationToken ct)
    {
        if (caller.UserId is not { } id) return null;
        var row = await UserView.Rows(db.Users.AsNoTracking().Where(u => u.Id == id)).FirstOrDefaultAsync(ct);
        return row is null ? null : (await UserView.WithGrantsAsync(db, [row], ct))[0];
    }
}
