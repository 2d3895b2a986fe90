using System.Text;
using Rally.Features.Imports;

namespace Rally.IntegrationTests.Imports;

/// <summary>The preview behind the upload page: headers, the proposed mapping, the first rows mapped and checked.</summary>
public class ImportPreviewTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_preview_proposes_the_mapping_and_checks_the_first_rows(string provider)
    {
        var app = await fixture.For(provider);
        var csv = "Номер,Фамилия,Имя,Shoe size,Union,DOB\n" +
            "Q-1,Иванов,Иван,42,UA-1,01.02.1890\n" +
            "Q-2,Петров,,43,NOWHERE,1890-13-01\n";
        var preview = await app.InScopeAsync((_, db) => ImportPreview.ReadAsync(db, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null, null, Ct));
        Assert.Null(preview.Fatal);
        Assert.Equal([("Номер", "membership_number"), ("Фамилия", "family_name"), ("Имя", "given_name"), ("Shoe size", null), ("Union", "org_unit"), ("DOB", "date_of_birth")],
            preview.Columns.Select(c => (c.Header, c.Field)));
        Assert.Equal(2, preview.Rows.Count);
        Assert.Equal("Иванов", preview.Rows[0].Fields["family_name"]);
        Assert.Empty(preview.Rows[0].Errors);
        // The first problem of the second row: no given name.
        Assert.Equal(("given_name", "given_name is required"), (preview.Rows[1].Errors[0].Column, preview.Rows[1].Errors[0].Reason));

        var mapped = await app.InScopeAsync((_, db) => ImportPreview.ReadAsync(db, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null,
            new Dictionary<string, string> { ["Union"] = "-" }, Ct));
        Assert.Equal(["org_unit"], mapped.MissingFields);
        Assert.Equal("the file has no org_unit column", mapped.Fatal);
        // Nothing was written.
        Assert.False(await app.InScopeAsync((_, db) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Members, m => m.MembershipNumber.StartsWith("Q-"), Ct)));
    }
}
