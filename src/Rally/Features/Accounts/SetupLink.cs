using System.Security.Cryptography;

namespace Rally.Features.Accounts;

/// <summary>
/// The one-time link printed on a first start with no users: whoever opens it creates the
/// first administrator. There is no default password.
/// </summary>
public sealed class SetupLink
{
    string? secret;

    public string Issue() => secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public bool IsValid(string? candidate) =>
        secret is not null && candidate is not null &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(candidate));

    public void Consume() => secret = null;
}
