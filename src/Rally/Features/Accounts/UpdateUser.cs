using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>
/// Renames or disables an account the caller administers. A disabled user's tokens stop
/// authenticating at once; their grants stay, so enabling them again restores their access.
/// </summary>
public static class UpdateUser
{
    public sealed record Request(string? Name, bool? Disabled);


    /// <param name="expectedVersion">The account's version the client read (If-Match); null to skip the check.</param>
    public static async Task<Outcome<UserView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, string id, Request request, string? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<UserView>.Forbidden();
        var user = await (await caller.AdministeredUsersAsync(db, ct)).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Outcome<UserView>.NotFound();
        if (expectedVersion is not null && expectedVersion != user.ConcurrencyStamp) return Outcome<UserView>.Stale();

        var errors = new FieldErrors();
        errors.Required("name", request.Name?.Trim(), 200);
        if (request.Disabled == true && user.Id == caller.UserId) errors.Add("disabled", "You cannot disable your own account.");
        if (errors.Any) return Outcome<UserView>.Invalid(errors);

        user.DisplayName = request.Name!.Trim();
        if (request.Disabled == true && user.DisabledAt is null)
        {
            user.DisabledAt = clock.GetUtcNow();
            // Signs the user out of every browser session at its next validation.
            user.SecurityStamp = Guid.NewGuid().ToString();
        }
        else if (request.Disabled == false)
            user.DisabledAt = null;

        if (db.ChangeTracker.HasChanges())
        {
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            if (!await db.SaveUnlessStaleAsync(ct))
                return Outcome<UserView>.Stale();
        }
        var row = new UserView.Row(user.Id, user.Email ?? "", user.DisplayName, user.CreatedAt, user.DisabledAt, user.ConcurrencyStamp ?? "");
        return Outcome<UserView>.Ok((await UserView.WithGrantsAsync(db, [row], ct))[0]);
    }
}
