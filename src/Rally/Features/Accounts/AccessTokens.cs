using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Accounts;

/// <summary>Issues personal access tokens; the secret is shown once and only its SHA-256 is stored.</summary>
public static class AccessTokens
{
    public const string Prefix = "rly_";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<(AccessToken Token, string Secret)> IssueAsync(RallyDb db, string userId, string name, TimeProvider clock, CancellationToken ct = default)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new AccessToken
        {
            UserId = userId,
            Name = name,
            Hash = Hash(secret),
            Prefix = secret[..10],
            CreatedAt = clock.GetUtcNow(),
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    public static Task<AccessToken?> FindActiveAsync(RallyDb db, string secret, CancellationToken ct) =>
        db.AccessTokens.FirstOrDefaultAsync(t => t.Hash == Hash(secret) && t.RevokedAt == null, ct);
}
