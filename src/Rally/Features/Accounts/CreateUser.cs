using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Web;

namespace Rally.Features.Accounts;

/// <summary>Creates a user and their first grant in one transaction; used by the CLI, the API and the first-run setup.</summary>
public static class CreateUser
{
    public sealed record Request(string Email, string Name, string Role, string? Scope, string? Password);

    public sealed record Result(User? User, FieldErrors? Errors);

    /// <summary>
    /// On behalf of a signed-in administrator: a scoped administrator may only create users
    /// whose first grant lies within their own subtree, never a federation-wide one.
    /// </summary>
    public static async Task<Outcome<UserView>> RunAsync(IServiceProvider services, Caller caller, Request request, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<UserView>.Forbidden();
        var db = services.GetRequiredService<RallyDb>();
        var scope = string.IsNullOrWhiteSpace(request.Scope) ? null : request.Scope.Trim();
        if (scope is null && !await caller.IsFederationAdministratorAsync(ct)) return Outcome<UserView>.Forbidden();
        if (scope is not null)
        {
            var path = await db.OrgUnits.Where(u => u.Code == scope).Select(u => u.Path).FirstOrDefaultAsync(ct);
            // An unknown code is the field error below; a known one outside the caller's subtree is refused.
            if (path is not null && !await caller.CanAsync(Roles.Administrator, path, ct)) return Outcome<UserView>.Forbidden();
        }
        var created = await RunAsync(services, request with { Scope = scope, Password = string.IsNullOrEmpty(request.Password) ? null : request.Password }, ct);
        if (created.Errors is { } errors) return Outcome<UserView>.Invalid(errors);
        return await GetUser.RunAsync(db, caller, created.User!.Id, ct);
    }

    public static async Task<Result> RunAsync(IServiceProvider services, Request request, CancellationToken ct)
    {
        var db = services.GetRequiredService<RallyDb>();
        var users = services.GetRequiredService<UserManager<User>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var errors = new FieldErrors();
        var email = request.Email?.Trim() ?? "";
        errors.Required("email", email, 254);
        if (email.Length > 0 && !System.Net.Mail.MailAddress.TryCreate(email, out _)) errors.Add("email", "email is not a valid e-mail address.");
        errors.Required("name", request.Name, 200);
        if (!Roles.IsRole(request.Role)) errors.Add("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(request.Scope))
        {
            unitId = await db.OrgUnits.Where(u => u.Code == request.Scope.Trim() && u.ArchivedAt == null).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (unitId is null) errors.Add("scope", $"There is no org unit with code '{request.Scope}'.");
        }
        if (email.Length > 0 && await users.FindByEmailAsync(email) is not null) errors.Add("email", $"A user with e-mail {email} already exists.");
        if (errors.Any) return new(null, errors);

        var user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = request.Name.Trim(), CreatedAt = clock.GetUtcNow() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = request.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
                errors.Add(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", e.Description);
            return new(null, errors);
        }
        db.RoleGrants.Add(new RoleGrant { UserId = user.Id, Role = request.Role, OrgUnitId = unitId, GrantedAt = clock.GetUtcNow(), GrantedBy = db.Actor.Name });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(user, null);
    }
}
