using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Data.Demo;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Cli;

/// <summary>The command line: one executable, a verb each for serving, migrating, demo data, users and tokens.</summary>
public static partial class RallyCommand
{
    public const int Ok = 0, Failed = 1, Usage = 2;

    static readonly Option<string?> Data = new("--data") { Description = "Data directory (SQLite file, uploads); default ./data", Recursive = true };
    static readonly Option<string?> Database = new("--database") { Description = "Database provider: sqlite (default) or postgres", Recursive = true };
    static readonly Option<string?> Connection = new("--connection") { Description = "Database connection string (default: SQLite file in the data directory)", Recursive = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Some parser messages span lines (a list of allowed values); the user gets one.
            var message = string.Join(' ', parse.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Console.Error.WriteLine($"rally: {message} (see rally --help)");
            return Usage;
        }
        try
        {
            // Without this, System.CommandLine prints any exception with its stack trace and the catch below never runs.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (SettingsException e)
        {
            Console.Error.WriteLine($"rally: {e.Message}");
            return Failed;
        }
    }

    static RootCommand Build()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not load the demonstration data set into an empty database" };

        var serve = new Command("serve", "Start the web server (UI and REST API); migrates the schema first") { urls, noDemo };
        serve.SetAction((p, ct) => ServeAsync(p, p.GetValue(urls)!, p.GetValue(noDemo), ct));

        var migrate = new Command("migrate", "Apply database migrations and exit");
        migrate.SetAction(async (p, ct) =>
        {
            await using var host = await OpenAsync(p, ct);
            Console.WriteLine($"Schema is up to date ({host.Settings.Describe()}).");
            return Ok;
        });

        var members = new Option<int?>("--members") { Description = "Number of members to generate (default: the 1:1000 demo set, about 3,400)" };
        var demo = new Command("demo", "Load the 1919 demonstration data set into an empty database") { members };
        demo.SetAction(async (p, ct) =>
        {
            if (p.GetValue(members) is < 0) return Fail("--members must be 0 or more", Usage);
            await using var host = await OpenAsync(p, ct);
            return await host.RunAsync((db, _) => DemoCommand.RunAsync(db, p.GetValue(members), ct));
        });

        var email = new Option<string>("--email") { Description = "E-mail address (the sign-in name)", Required = true };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var role = new Option<string>("--role") { Description = "administrator, officer, organizer or viewer", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var scope = new Option<string?>("--scope") { Description = "Org unit code the role holds on (with its subtree); default: the whole federation" };
        var createUser = new Command("create", "Create a user with a role; the password is read from standard input (none: a token-only user)") { email, name, role, scope };
        createUser.SetAction(async (p, ct) =>
        {
            await using var host = await OpenAsync(p, ct);
            var password = ReadPassword();
            return await host.RunAsync(async (db, sp) =>
            {
                var result = await CreateUser.RunAsync(sp, new CreateUser.Request(p.GetValue(email)!, p.GetValue(name)!, p.GetValue(role)!, p.GetValue(scope), password), ct);
                if (result.Errors is { } errors) return Fail(string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)), Failed);
                Console.WriteLine($"Created {result.User!.Email} ({p.GetValue(role)} on {p.GetValue(scope) ?? "the whole federation"}){(password is null ? ", token-only" : "")}.");
                return Ok;
            });
        });
        var users = new Command("users", "Manage user accounts") { createUser };

        var tokenEmail = new Option<string>("--email") { Description = "E-mail address of the user", Required = true };
        var label = new Option<string?>("--name") { Description = "A label for the token", DefaultValueFactory = _ => "cli" };
        var createToken = new Command("create", "Print a new personal access token for a user") { tokenEmail, label };
        createToken.SetAction(async (p, ct) =>
        {
            await using var host = await OpenAsync(p, ct);
            return await host.RunAsync(async (db, sp) =>
            {
                var address = p.GetValue(tokenEmail)!.Trim();
                var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == address.ToUpperInvariant(), ct);
                if (user is null) return Fail($"no user with e-mail {address}", Failed);
                var (_, secret) = await AccessTokens.IssueAsync(db, user.Id, p.GetValue(label) ?? "cli", sp.GetRequiredService<TimeProvider>(), ct);
                Console.WriteLine(secret);
                return Ok;
            });
        });
        var tokens = new Command("tokens", "Manage personal access tokens") { createToken };

        var root = new RootCommand("Rally — organising, membership and participation for a federation of unions.")
        {
            Data, Database, Connection, urls, noDemo, serve, migrate, demo, users, tokens, ImportVerb(), ExportVerb(), ApportionVerb(), AuditVerb(),
        };
        root.SetAction((p, ct) => ServeAsync(p, p.GetValue(urls)!, p.GetValue(noDemo), ct));
        return root;
    }

    static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"rally: {message}");
        return code;
    }

    static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            return string.IsNullOrEmpty(line) ? null : line;
        }
        Console.Error.Write("Password (empty for a token-only user): ");
        var chars = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && chars.Length > 0) chars.Length--;
            else if (!char.IsControl(key.KeyChar)) chars.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return chars.Length == 0 ? null : chars.ToString();
    }

    static DatabaseSettings Settings(ParseResult p) =>
        DatabaseSettings.Resolve(
            new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).AddEnvironmentVariables().Build(), p.GetValue(Database), p.GetValue(Connection), p.GetValue(Data));

    /// <summary>
    /// A migrated database with the application's services, for verbs that do not serve. Verbs that only read pass
    /// <paramref name="existing"/>: a mistyped --data must not answer from a new, empty database made on the spot.
    /// </summary>
    static async Task<CliHost> OpenAsync(ParseResult p, CancellationToken ct, bool existing = false)
    {
        var settings = Settings(p);
        if (existing && !settings.IsPostgres && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource is var file && !File.Exists(file))
            throw new SettingsException($"no Rally database at {file} (--data names the directory that holds rally.db)");
        var app = RallyHost.Build(settings, configure: b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.None);
            // Standard output is for what a verb prints (a token, CSV); logs go to standard error.
            b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            b.Services.AddScoped(sp => Actor.Named("cli:" + Environment.UserName, sp.GetRequiredService<TimeProvider>()));
        });
        var host = new CliHost(app, settings);
        await host.RunAsync(async (db, _) => { await Schema.MigrateAsync(db, ct); return Ok; });
        return host;
    }

    static async Task<int> ServeAsync(ParseResult p, string urls, bool noDemo, CancellationToken ct)
    {
        var settings = Settings(p);
        var app = RallyHost.Build(settings, ["--urls", urls]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RallyDb>();
            await Schema.MigrateAsync(db, ct);
            if (!noDemo && !await db.OrgUnits.AnyAsync(ct))
            {
                Console.WriteLine("Loading the demonstration data set (use --no-demo to skip)...");
                await DemoCommand.RunAsync(db, null, ct);
            }
            if (await SetupLink.NeededAsync(db, ct))
            {
                var secret = app.Services.GetRequiredService<SetupLink>().Issue();
                Console.WriteLine($"Nobody can sign in as an administrator yet. Open {urls.Split(';')[0].TrimEnd('/')}/setup?key={secret} to create the first administrator");
                Console.WriteLine("  (or run: rally users create --email you@example.org --name \"Your Name\" --role administrator)");
            }
        }
        Console.WriteLine($"Rally is listening on {urls} ({settings.Describe()}).");
        await app.RunAsync(ct);
        return Ok;
    }

    sealed class CliHost(WebApplication app, DatabaseSettings settings) : IAsyncDisposable
    {
        public DatabaseSettings Settings => settings;

        public async Task<int> RunAsync(Func<RallyDb, IServiceProvider, Task<int>> work)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<RallyDb>(), scope.ServiceProvider);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
