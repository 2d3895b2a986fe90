using System.Text;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Imports;
using Rally.Features.Members;

namespace Rally.IntegrationTests.Imports;

/// <summary>
/// The nasty-file corpus (Corpus/*.csv) through the import engine on both providers, with counts
/// worked out by hand from each file. Every file uses its own membership numbers, e-mails and
/// names, so the files do not match each other's members.
/// </summary>
public class ImportCorpusTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "Imports", "Corpus", name);

    internal static Task<Rally.Web.Outcome<ImportSummary>> ImportAsync(RallyApp app, Stream file, ImportOptions options, StringWriter? rejected = null) =>
        app.InScopeAsync((_, db) => MemberImport.RunAsync(db, ImportActor.Full("test:import"), file, options, null, Ct, rejected));

    static async Task<ImportSummary> ImportFileAsync(RallyApp app, string name, string? into = null, string? encoding = null, bool dryRun = false, StringWriter? rejected = null)
    {
        await using var file = File.OpenRead(Corpus(name));
        var outcome = await ImportAsync(app, file, new ImportOptions(name, dryRun, into, encoding), rejected);
        Assert.True(outcome.Succeeded, $"{name}: {outcome.Status} {outcome.Detail} {string.Join("; ", outcome.Errors?.ToDictionary().SelectMany(e => e.Value) ?? [])}");
        return outcome.Value!;
    }

    static void AssertCounts(ImportSummary s, long read, long inserted, long updated, long unchanged, long rejected, long review = 0) =>
        Assert.Equal((read, inserted, updated, unchanged, rejected, review), (s.Read, s.Inserted, s.Updated, s.Unchanged, s.Rejected, s.SentToReview));

    static Task<Member?> MemberAsync(RallyApp app, string number) =>
        app.InScopeAsync((_, db) => db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.MembershipNumber == number, Ct));

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_UTF8_file_with_a_BOM_imports_and_a_second_run_changes_nothing(string provider)
    {
        var app = await fixture.For(provider);
        var first = await ImportFileAsync(app, "bom-utf8.csv");
        AssertCounts(first, read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0);
        Assert.NotNull(first.BatchId);

        var ivan = (await MemberAsync(app, "C1-001"))!;
        Assert.Equal(("Ivan", "Petrovich", "Bomov", "bomov@example.org"), (ivan.FirstName, ivan.Patronymic, ivan.LastName, ivan.Email));
        Assert.Equal(new DateOnly(1890, 1, 2), ivan.DateOfBirth);
        Assert.Equal(app.Org.Units[OrgTree.WorkplaceA].Id, ivan.WorkplaceId);
        Assert.Equal(first.BatchId, ivan.ImportBatchId);
        // joined_on is the start of the status history.
        Assert.Equal(new DateOnly(1917, 5, 1), ivan.StatusSince);
        var history = await app.InScopeAsync((_, db) => db.MemberStatusChanges.Where(s => s.MemberId == ivan.Id).ToListAsync(Ct));
        Assert.Equal((null, "member", new DateOnly(1917, 5, 1)), (history.Single().FromStatus, history.Single().ToStatus, history.Single().EffectiveOn));
        // The category by its label, the date day first.
        var olga = (await MemberAsync(app, "C1-002"))!;
        Assert.Equal(app.Org.Categories["industrial"], olga.CategoryId);
        Assert.Equal(new DateOnly(1895, 3, 2), olga.DateOfBirth);
        Assert.Equal(MemberRules.Applicant, (await MemberAsync(app, "C1-003"))!.Status);

        var second = await ImportFileAsync(app, "bom-utf8.csv");
        AssertCounts(second, read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0);
        Assert.Equal(3, await app.InScopeAsync((_, db) => db.Members.CountAsync(m => m.MembershipNumber.StartsWith("C1-"), Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UTF16_files_with_either_byte_order_and_Russian_headers_import_into_the_given_unit(string provider)
    {
        var app = await fixture.For(provider);
        AssertCounts(await ImportFileAsync(app, "utf16le.csv", into: OrgTree.BranchA), read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0);
        AssertCounts(await ImportFileAsync(app, "utf16be.csv", into: OrgTree.BranchA), read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0);
        var le = (await MemberAsync(app, "C2-001"))!;
        Assert.Equal(("Александр", "Гаврилович", "Шляпников", "+7 (911) 000-11-22"), (le.FirstName, le.Patronymic, le.LastName, le.Phone));
        Assert.Equal(app.Org.Units[OrgTree.BranchA].Id, le.OrgUnitId);
        Assert.Equal("Коллонтай", (await MemberAsync(app, "C3-002"))!.LastName);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Windows_1251_needs_its_encoding_named_and_is_refused_row_by_row_without_it(string provider)
    {
        var app = await fixture.For(provider);
        // Its Russian header read as UTF-8 is unreadable: fatal, nothing written.
        await using (var file = File.OpenRead(Corpus("cp1251.csv")))
        {
            var wrong = await ImportAsync(app, file, new ImportOptions("cp1251.csv", Into: OrgTree.BranchA));
            Assert.Equal("the header is not readable as utf-8: is the file in another encoding? (name it with --encoding, e.g. windows-1251)", wrong.Errors!.ToDictionary()["encoding"][0]);
        }
        // A Latin header with Windows-1251 rows: each unreadable row is rejected, the file goes on.
        var bytes = MemberImport.EncodingFor("windows-1251")!.GetBytes("membership_number,family_name,given_name,category,org_unit\nC4-100,Шляпников,Александр,industrial,UA-1\nC4-101,Latin,Row,industrial,UA-1\n");
        var rows = await ImportAsync(app, new MemoryStream(bytes), new ImportOptions("cp1251-rows.csv"));
        AssertCounts(rows.Value!, read: 2, inserted: 1, updated: 0, unchanged: 0, rejected: 1);
        Assert.Equal((1L, "family_name", "unreadable characters: is the file in another encoding? (see --encoding)"), (rows.Value!.Rejections[0].RowNumber, rows.Value.Rejections[0].Column, rows.Value.Rejections[0].Reason));

        AssertCounts(await ImportFileAsync(app, "cp1251.csv", into: OrgTree.BranchA, encoding: "windows-1251"), read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0);
        Assert.Equal("Шляпников", (await MemberAsync(app, "C4-001"))!.LastName);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Quoted_fields_keep_their_commas_quotes_and_line_breaks(string provider)
    {
        var app = await fixture.For(provider);
        AssertCounts(await ImportFileAsync(app, "quoted.csv"), read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0);
        var smith = (await MemberAsync(app, "C5-001"))!;
        Assert.Equal(("Smith, Jr.", "fitter, \"senior\""), (smith.FirstName, smith.Trade));
        Assert.Equal("turner\nand miller", (await MemberAsync(app, "C5-002"))!.Trade);
        Assert.Null((await MemberAsync(app, "C5-003"))!.Patronymic);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Ragged_rows_are_rejected_with_their_width_and_the_good_rows_kept(string provider)
    {
        var app = await fixture.For(provider);
        var rejected = new StringWriter();
        var s = await ImportFileAsync(app, "ragged.csv", rejected: rejected);
        // The blank line is not a row: rows are C6-001, C6-002 (7 fields), C6-003 (15 fields), C6-004.
        AssertCounts(s, read: 4, inserted: 2, updated: 0, unchanged: 0, rejected: 2);
        Assert.Equal([(2L, "the row has 7 fields, the header has 13"), (3L, "the row has 15 fields, the header has 13")], s.Rejections.Select(r => (r.RowNumber, r.Reason)));
        var lines = rejected.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(",row_number,column,reason", lines[0]);
        Assert.Equal("C6-002,Too,,Few,,,,,,,,,,2,,\"the row has 7 fields, the header has 13\"", lines[1]);
        Assert.NotNull(await MemberAsync(app, "C6-004"));
        // Stored for the API too, with the raw row and the header as row 0.
        var stored = await app.InScopeAsync((_, db) => db.ImportRejections.Where(r => r.BatchId == s.BatchId).OrderBy(r => r.RowNumber).ToListAsync(Ct));
        Assert.Equal([0L, 2L, 3L], stored.Select(r => r.RowNumber));
        Assert.Equal("C6-003,Too,,Many,,,,industrial,,UA-1,,,,extra,fields", stored[2].Row);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_second_occurrence_of_a_number_email_or_phone_in_one_file_is_rejected(string provider)
    {
        var app = await fixture.For(provider);
        var s = await ImportFileAsync(app, "duplicates.csv");
        AssertCounts(s, read: 6, inserted: 3, updated: 0, unchanged: 0, rejected: 3);
        Assert.Equal([
            (2L, "membership_number", "duplicate of row 1 (same membership number)"),
            (3L, "email", "duplicate of row 1 (same email)"),
            (4L, "phone", "duplicate of row 1 (same phone)")], s.Rejections.Select(r => (r.RowNumber, r.Column, r.Reason)));
        Assert.Equal("One", (await MemberAsync(app, "C7-001"))!.LastName);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_one_megabyte_field_is_rejected_and_the_rows_around_it_are_kept(string provider)
    {
        var app = await fixture.For(provider);
        // Made here rather than kept in Corpus/: a megabyte of x's says nothing a reader needs to see.
        var text = "membership_number,given_name,family_name,trade,org_unit,category\n" +
            "C11-001,Before,Big,fitter,UA-1,industrial\n" +
            $"C11-002,Huge,Big,\"{new string('x', 1024 * 1024)}\",UA-1,industrial\n" +
            "C11-003,After,Big,fitter,UA-1,industrial\n";
        var outcome = await ImportAsync(app, new MemoryStream(Encoding.UTF8.GetBytes(text)), new ImportOptions("big.csv"));
        var s = outcome.Value!;
        AssertCounts(s, read: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1);
        Assert.Equal((2L, "trade", "a field is longer than 65536 characters"), (s.Rejections[0].RowNumber, s.Rejections[0].Column, s.Rejections[0].Reason));
        Assert.NotNull(await MemberAsync(app, "C11-003"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Cells_neutralised_by_the_export_import_as_the_original_values(string provider)
    {
        var app = await fixture.For(provider);
        AssertCounts(await ImportFileAsync(app, "formulas.csv"), read: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0);
        var m = (await MemberAsync(app, "C8-001"))!;
        Assert.Equal(("=SUM(A1:A2)", "@home", "+7 900 800-00-01", "-dash"), (m.FirstName, m.Patronymic, m.Phone, m.Trade));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_values_are_rejected_naming_row_column_and_reason(string provider)
    {
        var app = await fixture.For(provider);
        var s = await ImportFileAsync(app, "bad-values.csv", into: OrgTree.UnionA);
        AssertCounts(s, read: 8, inserted: 1, updated: 0, unchanged: 0, rejected: 7);
        Assert.Equal([
            (1L, "date_of_birth"), (2L, "email"), (3L, "org_unit"), (4L, "category"), (5L, "status"), (6L, "org_unit"), (7L, "given_name")],
            s.Rejections.Select(r => (r.RowNumber, r.Column!)));
        Assert.Equal("org unit 'UB-1' is outside UA", s.Rejections[5].Reason);
        Assert.Equal("unknown org unit 'NOWHERE'", s.Rejections[2].Reason);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Fatal_problems_write_nothing_and_say_why_in_one_line(string provider)
    {
        var app = await fixture.For(provider);
        var batches = await app.InScopeAsync((_, db) => db.ImportBatches.CountAsync(Ct));

        await using (var file = File.OpenRead(Corpus("no-family-name.csv")))
        {
            var missing = await ImportAsync(app, file, new ImportOptions("no-family-name.csv"));
            Assert.Equal(400, missing.Status);
            Assert.StartsWith("the file has no family_name column", missing.Errors!.ToDictionary()["file"][0]);
        }
        var encoding = await ImportAsync(app, new MemoryStream([]), new ImportOptions("x.csv", Encoding: "klingon-8"));
        Assert.Equal("unknown encoding 'klingon-8' (try utf-8, utf-16 or windows-1251)", encoding.Errors!.ToDictionary()["encoding"][0]);
        var empty = await ImportAsync(app, new MemoryStream([]), new ImportOptions("x.csv"));
        Assert.Equal("the file is empty: it has no header row", empty.Errors!.ToDictionary()["file"][0]);
        var map = await ImportAsync(app, new MemoryStream("a,b\n"u8.ToArray()), new ImportOptions("x.csv", Map: new Dictionary<string, string> { ["a"] = "shoe_size" }));
        Assert.Contains("unknown field 'shoe_size'", map.Errors!.ToDictionary()["map"][0]);
        var into = await ImportAsync(app, new MemoryStream("given_name,family_name\n"u8.ToArray()), new ImportOptions("x.csv", Into: "NOWHERE"));
        Assert.Equal("unknown org unit 'NOWHERE'", into.Errors!.ToDictionary()["into"][0]);

        Assert.Equal(batches, await app.InScopeAsync((_, db) => db.ImportBatches.CountAsync(Ct)));
        Assert.False(await app.InScopeAsync((_, db) => db.Members.AnyAsync(m => m.MembershipNumber == "C9-001", Ct)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_dry_run_counts_what_would_happen_and_writes_nothing(string provider)
    {
        var app = await fixture.For(provider);
        var batches = await app.InScopeAsync((_, db) => db.ImportBatches.CountAsync(Ct));
        var s = await ImportFileAsync(app, "ragged.csv", dryRun: true);
        Assert.Null(s.BatchId);
        Assert.True(s.DryRun);
        // Whether or not ragged.csv was imported before by another test, its good rows are new or unchanged, never written now.
        Assert.Equal(2, s.Rejected);
        Assert.Equal(2, s.Inserted + s.Unchanged);
        Assert.Equal(batches, await app.InScopeAsync((_, db) => db.ImportBatches.CountAsync(Ct)));
    }
}
