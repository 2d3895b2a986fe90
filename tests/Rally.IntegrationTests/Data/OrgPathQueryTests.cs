using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.OrgUnits;

namespace Rally.IntegrationTests.Data;

/// <summary>
/// The subtree range of <see cref="OrgPath.Within"/> run by each database: paths must compare byte-wise
/// (PostgreSQL's collation "C"), or "/1/5/" and "/1/50/" would mix.
/// </summary>
public class OrgPathQueryTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly string[] Paths = ["/1/", "/1/5/", "/1/5/7/", "/1/5/70/", "/1/50/", "/1/50/51/", "/1/500/", "/1/6/", "/10/", "/10/5/"];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Within_selects_exactly_the_subtrees_in_the_database(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using var db = database.Open();
        await Schema.MigrateAsync(db, Ct);
        var kind = new OrgUnitKind { Code = "unit", Name = "Unit" };
        // Paths are stored as given: only their text matters to the query.
        db.OrgUnits.AddRange(Paths.Select((p, i) => new OrgUnit { Kind = kind, Code = $"U{i}", Name = p, ShortName = p, Path = p }));
        await db.SaveChangesAsync(Ct);

        async Task<string[]> Select(params string[] roots) =>
            (await db.OrgUnits.Where(OrgPath.Within(roots)).Select(u => u.Path).ToListAsync(Ct)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["/1/5/", "/1/5/7/", "/1/5/70/"], await Select("/1/5/"));
        Assert.Equal(["/1/50/", "/1/50/51/"], await Select("/1/50/"));
        Assert.Equal(["/1/", "/1/5/", "/1/5/7/", "/1/5/70/", "/1/50/", "/1/50/51/", "/1/500/", "/1/6/"], await Select("/1/"));
        Assert.Equal(["/1/5/7/", "/1/6/", "/10/5/"], await Select("/1/5/7/", "/1/6/", "/10/5/"));
        Assert.Empty(await Select());
    }
}
