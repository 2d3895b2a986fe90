using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Data.Bulk;
using Rally.Data.Demo;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.IntegrationTests.Infrastructure;

namespace Rally.IntegrationTests.Data;

/// <summary>The demonstration set through the bulk path, on each database.</summary>
public class DemoLoadTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_default_set_loads_once_with_its_audit_entry_indexes_and_sequences(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var db = database.Open())
        {
            await Schema.MigrateAsync(db, Ct);
            var output = new StringWriter();
            Assert.Equal(0, await DemoCommand.RunAsync(db, null, TimeProvider.System, output, new StringWriter(), Ct));
            Assert.Contains("3,707 members", output.ToString());
        }

        await using (var db = database.Open())
        {
            Assert.Equal(3_707, await db.Members.CountAsync(Ct));
            Assert.Equal(711, await db.Members.CountAsync(m => m.MembershipNumber.StartsWith("TEXTILE-"), Ct));
            Assert.Equal(await db.Members.CountAsync(Ct), await db.MemberStatusChanges.Select(s => s.MemberId).Distinct().CountAsync(Ct));
            Assert.Equal(24, await db.AdmissionCriteria.CountAsync(Ct));
            Assert.Equal(4 * await db.Admissions.CountAsync(Ct), await db.Set<AdmissionAffirmation>().CountAsync(Ct));

            var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, Ct);
            Assert.All(units.Values, u => Assert.Equal(u.ParentId is { } p ? $"{units[p].Path}{u.Id}/" : $"/{u.Id}/", u.Path));
            Assert.Equal("/1/", units.Values.Single(u => u.Code == "ARTUC").Path);

            var bulk = await db.AuditEntries.SingleAsync(a => a.Action == "bulk-insert" && a.EntityType == "Member", Ct);
            Assert.Equal(("Member", "demo", "/1/"), (bulk.EntityType, bulk.EntityId, bulk.ScopePath));
            Assert.Contains("\"count\":3707", bulk.Changes);

            var template = await db.Members.AsNoTracking().FirstAsync(m => m.Id == 1, Ct);
            Member Copy(string number) => new()
            {
                MembershipNumber = number, FirstName = template.FirstName, LastName = template.LastName, CategoryId = template.CategoryId,
                OrgUnitId = template.OrgUnitId, Status = MemberRules.Active, StatusSince = template.StatusSince,
            };
            // The identity sequences moved past the explicit ids: the next ordinary insert gets the next id.
            var added = Copy("TEXTILE-999999");
            db.Members.Add(added);
            await db.SaveChangesAsync(Ct);
            Assert.Equal(3_708, added.Id);
            db.ChangeTracker.Clear();

            // The member indexes were rebuilt: the unique membership number still refuses a duplicate.
            db.Members.Add(Copy(template.MembershipNumber));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            db.ChangeTracker.Clear();

            var unit = new OrgUnit { KindId = units[1].KindId, Code = "NEW", Name = "New", ShortName = "New" };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync(Ct);
            Assert.Equal(units.Keys.Max() + 1, unit.Id);
        }

        await using (var db = database.Open())
        {
            var error = new StringWriter();
            Assert.Equal(1, await DemoCommand.RunAsync(db, 10, TimeProvider.System, new StringWriter(), error, Ct));
            Assert.Contains("empty database", error.ToString());
            Assert.Equal(3_708, await db.Members.CountAsync(Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scaled_set_spreads_the_members_by_the_real_figures(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using var db = database.Open();
        await Schema.MigrateAsync(db, Ct);
        Assert.Equal(0, await DemoCommand.RunAsync(db, 20_000, TimeProvider.System, new StringWriter(), new StringWriter(), Ct));
        Assert.Equal(20_000, await db.Members.CountAsync(Ct));
        // 20,000 × 711,000 / 3,707,000 = 3,836.0…; FOREST: 20,000 × 5,000 / 3,707,000 = 26.97… → 27 by largest remainder.
        Assert.Equal(3_836, await db.Members.CountAsync(m => m.MembershipNumber.StartsWith("TEXTILE-"), Ct));
        Assert.Equal(27, await db.Members.CountAsync(m => m.MembershipNumber.StartsWith("FOREST-"), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bulk_load_with_a_missing_parent_fails_and_leaves_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using var db = database.Open();
        await Schema.MigrateAsync(db, Ct);
        var indexes = await IndexCountAsync(db);

        var failed = false;
        try
        {
            await using var foreignKeys = await SqliteForeignKeys.SuspendAsync(db, Ct);
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await using var bulk = await MemberBulkInsert.BeginAsync(db, Ct);
            Assert.True(bulk.DefersIndexes);
            var rows = new MemberRows(1);
            ref var m = ref rows.Members.Add();
            (m.Id, m.MembershipNumber, m.FirstName, m.LastName, m.FirstNameKey, m.LastNameKey) = (1, "X-1", "Anna", "Ivanova", "anna", "ivanova");
            (m.CategoryId, m.OrgUnitId, m.Status, m.StatusSince) = (999, 999, MemberRules.Active, new DateOnly(1919, 1, 1));
            bulk.Write(rows);
            await bulk.CompleteAsync("test", null, TimeProvider.System, Ct);
            await transaction.CommitAsync(Ct);
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.PostgresException)
        {
            failed = true;
        }
        Assert.True(failed, "a member whose category and org unit do not exist was loaded");

        await using var after = database.Open();
        Assert.Equal(0, await after.Members.CountAsync(Ct));
        Assert.Equal(indexes, await IndexCountAsync(after));
        // Enforcement is back on: an ordinary insert with a missing parent is refused.
        after.Members.Add(new Member { MembershipNumber = "X-2", FirstName = "Anna", LastName = "Ivanova", CategoryId = 999, OrgUnitId = 999, Status = MemberRules.Active });
        await Assert.ThrowsAsync<DbUpdateException>(() => after.SaveChangesAsync(Ct));
    }

    /// <summary>Indexes and foreign keys on the member tables, as the database itself lists them.</summary>
    static async Task<int> IndexCountAsync(RallyDb db) => db.IsPostgres
        ? await db.Database.SqlQueryRaw<int>("""SELECT (SELECT count(*) FROM pg_indexes WHERE tablename IN ('Members','MemberStatusChanges','Admissions','AdmissionAffirmation'))::int + (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('"Members"','"MemberStatusChanges"','"Admissions"','"AdmissionAffirmation"'))::int AS "Value" """).SingleAsync(Ct)
        : await db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Members','MemberStatusChanges','Admissions','AdmissionAffirmation')""").SingleAsync(Ct);
}
