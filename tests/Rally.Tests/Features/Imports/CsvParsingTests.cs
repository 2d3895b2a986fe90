using Rally.Features.Imports;
using Rally.Features.Members;

namespace Rally.Tests.Features.Imports;

/// <summary>The streaming CSV reader, the column mapping and cell rules, on small inputs worked out by hand.</summary>
public class CsvParsingTests
{
    static List<List<string>> ReadAll(string text, int maxField = 64 * 1024)
    {
        var reader = new CsvRowReader(new StringReader(text), maxField);
        var rows = new List<List<string>>();
        while (reader.Read()) rows.Add([.. reader.Fields]);
        return rows;
    }

    [Fact]
    public void Quoted_fields_keep_commas_escaped_quotes_and_line_breaks()
    {
        var rows = ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], rows[1]);
        Assert.Equal(["last", "", ""], rows[2]);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_a_missing_final_newline_is_fine()
    {
        var rows = ReadAll("a,b\n\n\r\n1,2\n\n3,4");
        Assert.Equal([["a", "b"], ["1", "2"], ["3", "4"]], rows);
    }

    [Fact]
    public void Records_of_any_width_are_read_as_they_are()
    {
        var rows = ReadAll("a,b,c\n1\n1,2,3,4,5\n");
        Assert.Single(rows[1]);
        Assert.Equal(5, rows[2].Count);
    }

    [Fact]
    public void An_oversized_field_is_flagged_cut_and_the_next_record_reads_normally()
    {
        var big = new string('x', 10_000);
        var reader = new CsvRowReader(new StringReader($"a,b\n1,{big}\n2,\"{big}\"\n3,ok\n"), maxFieldLength: 100);
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.Equal(1, reader.OversizedField);
        Assert.Equal(100, reader.Fields[1].Length);
        Assert.True(reader.Read());
        Assert.Equal(1, reader.OversizedField);
        Assert.True(reader.Read());
        Assert.Equal(-1, reader.OversizedField);
        Assert.Equal(["3", "ok"], reader.Fields);
        Assert.False(reader.Read());
    }

    [Fact]
    public void A_quote_left_open_at_the_end_is_flagged()
    {
        var reader = new CsvRowReader(new StringReader("a,b\n1,\"open\n"));
        reader.Read();
        reader.Read();
        Assert.True(reader.UnterminatedQuote);
    }

    [Fact]
    public void Lines_written_back_quote_only_where_needed() =>
        Assert.Equal("plain,\"a,b\",\"say \"\"x\"\"\",,\"two\nlines\"", CsvRowReader.Line(["plain", "a,b", "say \"x\"", null, "two\nlines"]));

    [Theory]
    [InlineData("Surname", MemberCsv.FamilyName)]
    [InlineData("Фамилия", MemberCsv.FamilyName)]
    [InlineData("First Name", MemberCsv.GivenName)]
    [InlineData("имя", MemberCsv.GivenName)]
    [InlineData("Date-of-Birth", MemberCsv.DateOfBirth)]
    [InlineData("E-mail", MemberCsv.Email)]
    [InlineData("membership_number", MemberCsv.MembershipNumber)]
    [InlineData("shoe size", null)]
    public void Headers_are_proposed_their_canonical_field(string header, string? field) =>
        Assert.Equal(field, ImportColumns.Propose(header));

    [Fact]
    public void A_map_overrides_the_proposal_and_an_unknown_field_is_fatal()
    {
        var (columns, error) = ImportColumns.Resolve(["Nachname", "Vorname", "surname"], new Dictionary<string, string> { ["Nachname"] = "family_name", ["Vorname"] = "given_name" });
        Assert.Null(error);
        Assert.Equal(["family_name", "given_name", null], columns!.Fields);

        (_, error) = ImportColumns.Resolve(["a"], new Dictionary<string, string> { ["a"] = "shoe_size" });
        Assert.StartsWith("--map a=shoe_size: unknown field 'shoe_size'", error);
        (_, error) = ImportColumns.Resolve(["a"], new Dictionary<string, string> { ["b"] = "email" });
        Assert.Equal("--map b=email: the file has no column 'b'", error);
    }

    [Fact]
    public void Two_columns_for_one_field_are_fatal_unless_mapped()
    {
        var (_, error) = ImportColumns.Resolve(["surname", "last_name"], null);
        Assert.Equal("columns 'surname' and 'last_name' both map to family_name; choose one with --map \"last_name=-\"", error);
        var (columns, _) = ImportColumns.Resolve(["surname", "last_name"], new Dictionary<string, string> { ["last_name"] = "-" });
        Assert.Equal(["family_name", null], columns!.Fields);
    }

    [Theory]
    [InlineData("'=SUM(A1)", "=SUM(A1)")]
    [InlineData("'+7 900", "+7 900")]
    [InlineData("'-dash", "-dash")]
    [InlineData("'@home", "@home")]
    [InlineData("'quoted'", "'quoted'")]
    [InlineData("  padded  ", "padded")]
    [InlineData("   ", null)]
    public void Cells_are_trimmed_and_the_formula_neutraliser_is_undone(string cell, string? value) =>
        Assert.Equal(value, Rally.Features.Imports.ImportRowParser.Cell([cell], 0));

    [Fact]
    public void Every_neutralised_value_round_trips()
    {
        foreach (var value in new[] { "=1+1", "+7", "-x", "@y", "\tz", "plain" })
            Assert.Equal(value, ImportRowParser.Cell([MemberCsv.Neutralise(value)], 0) ?? value.Trim());
    }

    [Theory]
    [InlineData("1895-03-02", 1895, 3, 2)]
    [InlineData("02.03.1895", 1895, 3, 2)]
    [InlineData("2.3.1895", 1895, 3, 2)]
    public void Dates_are_iso_or_day_first_with_dots(string text, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), ImportRowParser.ParseDate(text));

    [Theory]
    [InlineData("03/02/1895")]
    [InlineData("1895-13-01")]
    [InlineData("yesterday")]
    public void Ambiguous_or_broken_dates_are_refused(string text) => Assert.Null(ImportRowParser.ParseDate(text));

    [Fact]
    public void Phones_match_on_digits_and_emails_on_lower_case()
    {
        Assert.Equal(Keys.Phone("+7 (900) 700-00-01"), Keys.Phone("79007000001"));
        Assert.Equal(0UL, Keys.Phone("123"));
        Assert.Equal(Keys.Email("Anna@Example.org "), Keys.Email("anna@example.org"));
        Assert.NotEqual(Keys.Email("anna@example.org"), Keys.Email("ann@example.org"));
    }
}
