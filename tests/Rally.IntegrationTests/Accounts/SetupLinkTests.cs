using Microsoft.EntityFrameworkCore;
using Rally.Data.Demo;
using Rally.Features.Accounts;

namespace Rally.IntegrationTests.Accounts;

/// <summary>When a start prints the one-time set-up link: while nobody can sign in as an administrator.</summary>
public class SetupLinkTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_demo_s_password_less_organisers_do_not_stop_the_link_an_administrator_who_can_sign_in_does(string provider)
    {
        await using var app = await RallyApp.StartAsync(provider, seed: false, ct: Ct);
        await app.InScopeAsync((_, db) => DemoCommand.RunAsync(db, null, Ct));
        Assert.True(await app.InScopeAsync((_, db) => db.Users.AnyAsync(Ct)));
        Assert.True(await app.InScopeAsync((_, db) => SetupLink.NeededAsync(db, Ct)));

        // A token-only administrator cannot sign in at the page either.
        await app.CreateUserAsync(Roles.Administrator, ct: Ct);
        Assert.True(await app.InScopeAsync((_, db) => SetupLink.NeededAsync(db, Ct)));

        var admin = await app.InScopeAsync((sp, _) => CreateUser.RunAsync(sp, new("first@example.org", "First", Roles.Administrator, null, "correct horse battery"), Ct));
        Assert.Null(admin.Errors);
        Assert.False(await app.InScopeAsync((_, db) => SetupLink.NeededAsync(db, Ct)));

        // Disabled, they no longer count.
        await app.InScopeAsync(async (_, db) =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == admin.User!.Id, Ct);
            user.DisabledAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync(Ct);
        });
        Assert.True(await app.InScopeAsync((_, db) => SetupLink.NeededAsync(db, Ct)));
    }
}
