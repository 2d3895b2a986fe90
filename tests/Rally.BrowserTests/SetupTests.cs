using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.BrowserTests;

/// <summary>The first start: no users, a one-time link, and whoever opens it creates the first administrator.</summary>
public sealed class SetupTests(RallyApp rally)
{
    [Fact]
    public async Task The_setup_link_creates_the_first_administrator_once()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rally-setup-" + Guid.NewGuid().ToString("N"));
        var app = RallyHost.Build(DatabaseSettings.Resolve(new ConfigurationBuilder().Build(), "sqlite", null, dir), ["--urls", "http://127.0.0.1:0"],
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
                await Schema.MigrateAsync(scope.ServiceProvider.GetRequiredService<RallyDb>(), TestContext.Current.CancellationToken);
            var key = app.Services.GetRequiredService<SetupLink>().Issue();
            await app.StartAsync(TestContext.Current.CancellationToken);
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            var context = await rally.Browser.NewContextAsync(new() { BaseURL = url });
            var page = await context.NewPageAsync();

            await page.GotoAsync("/setup?key=wrong");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid");
            await Assertions.Expect(page.Locator("form.stack")).ToHaveCountAsync(0);

            await page.GotoAsync("/setup?key=" + key);
            await Axe.AssertNoSeriousViolationsAsync(page);
            await page.GetByLabel("E-mail address").FillAsync("first@example.org");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Fyodor First");
            await page.GetByLabel("Password").FillAsync("short");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create and sign in" }).ClickAsync();
            await Assertions.Expect(page.Locator("#password-error")).ToBeVisibleAsync();

            await page.GetByLabel("Password").FillAsync(RallyApp.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create and sign in" }).ClickAsync();
            await RallyApp.ArrivedAsync(page, url + "/");
            await Assertions.Expect(page.Locator("header .who")).ToHaveTextAsync("first@example.org");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToBeVisibleAsync();

            // Spent: a second visitor with the same link gets nothing.
            var second = await (await rally.Browser.NewContextAsync(new() { BaseURL = url })).NewPageAsync();
            await second.GotoAsync("/setup?key=" + key);
            await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid");
            await context.CloseAsync();
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
