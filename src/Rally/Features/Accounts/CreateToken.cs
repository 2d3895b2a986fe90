using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>Issues the caller a new personal access token; the secret is in the result once and never again.</summary>
public static class CreateToken
{
    public sealed record Request(string? Name);

    public sealed record IssuedToken(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, string Token);


    public static async Task<Outcome<CreateToken.IssuedToken>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Request request, CancellationToken ct)
    {
        if (caller.UserId is not { } userId) return Outcome<CreateToken.IssuedToken>.Forbidden();
        var errors = new FieldErrors();
        errors.Required("name", request.Name?.Trim(), 100);
        if (errors.Any) return Outcome<CreateToken.IssuedToken>.Invalid(errors);
        var (token, secret) = await AccessTokens.IssueAsync(db, userId, request.Name!.Trim(), clock, ct);
        return Outcome<CreateToken.IssuedToken>.Ok(new IssuedToken(token.Id, token.Name, token.Prefix, token.CreatedAt, secret));
    }
}
