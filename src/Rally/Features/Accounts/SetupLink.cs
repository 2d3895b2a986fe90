using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Accounts;

/// <summary>
/// The one-time link printed on a start when nobody can sign in as an administrator: whoever opens
/// it creates the first administrator. There is no default password.
/// </summary>
public sealed class SetupLink
{
    string? secret;

    /// <summary>
    /// True until an enabled account with a password holds the administrator role. Not "no users": the demonstration
    /// data's organisers are accounts without passwords, and nobody could sign in to a fresh install that has them.
    /// </summary>
    public static async Task<bool> NeededAsync(RallyDb db, CancellationToken ct = default) =>
        !await db.Users.AnyAsync(u => u.PasswordHash != null && u.DisabledAt == null
            && db.RoleGrants.Any(g => g.UserId == u.Id && g.Role == Roles.Administrator && g.RevokedAt == null), ct);

    public string Issue() => secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public bool IsValid(string? candidate) =>
        secret is not null && candidate is not null &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(candidate));

    public void Consume() => secret = null;
}
