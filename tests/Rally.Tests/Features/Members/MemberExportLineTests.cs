using System.Text;
using Rally.Features.Members;

namespace Rally.Tests.Features.Members;

public class MemberExportLineTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+7 812 555", "'+7 812 555")]
    [InlineData("-x", "'-x")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rCR", "'\rCR")]
    [InlineData("Anna", "Anna")]
    [InlineData("a=b", "a=b")]      // only the first character counts
    [InlineData("'=x", "'=x")]      // already safe
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe(string? cell, string expected) =>
        Assert.Equal(expected, MemberCsv.Neutralise(cell));

    [Fact]
    public void A_row_is_one_line_in_the_canonical_columns_quoted_where_needed()
    {
        var line = new StringBuilder();
        ExportMembers.Line(line, new ExportMembers.Row(7, "A-1", "Anna", null, "Smith, Jr.", "a@b.example", "-1", new DateOnly(1890, 1, 2),
            "industrial", "say \"hi\"", "UA", null, "member", new DateOnly(1917, 6, 15)));
        Assert.Equal("A-1,Anna,,\"Smith, Jr.\",a@b.example,'-1,1890-01-02,industrial,\"say \"\"hi\"\"\",UA,,member,1917-06-15\r\n", line.ToString());
        Assert.Equal(MemberCsv.Columns.Count, line.ToString().Split(',').Length - 1); // 13 cells, one comma inside quotes
    }
}
