using System.CommandLine;
using System.Text;
using Rally.Features.Members;

namespace Rally.Cli;

public static partial class RallyCommand
{
    /// <summary><c>rally export members</c>: the member list as canonical CSV, on standard output or into a file.</summary>
    static Command ExportVerb()
    {
        var orgUnit = new Option<string?>("--org-unit") { Description = "Only members of this union or branch (code), with its subtree" };
        var category = new Option<string?>("--category") { Description = "Category code(s), comma-separated" };
        var status = new Option<string?>("--status") { Description = "Status(es), comma-separated: applicant, member, lapsed, left, expelled" };
        var workplace = new Option<string?>("--workplace") { Description = "Only members at this workplace (code), with its subtree" };
        var search = new Option<string?>("--search") { Description = "Prefix of surname, given name or membership number (each word narrows)" };
        var archived = new Option<bool>("--include-archived") { Description = "Include archived members" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var members = new Command("members", "Export members as CSV in the canonical import columns (formula cells neutralised)")
        {
            orgUnit, category, status, workplace, search, archived, output,
        };
        members.SetAction(async (p, ct) =>
        {
            await using var host = await OpenAsync(p, ct, existing: true);
            return await host.RunAsync(async (db, _) =>
            {
                var query = new ListMembers.Query(p.GetValue(search), p.GetValue(orgUnit), p.GetValue(category), p.GetValue(status), p.GetValue(workplace), p.GetValue(archived));
                // The command line reaches the whole federation, as it does for import.
                var prepared = await ExportMembers.PrepareAsync(db, db.Members, query, null, ct);
                if (prepared.Errors is { } errors)
                    return Fail(string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)), Failed);
                var export = prepared.Value!;
                if (p.GetValue(output) is not { } file)
                {
                    await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024);
                    await export.WriteAsync(stdout, ct);
                    return Ok;
                }
                long rows;
                try
                {
                    // A file is for a spreadsheet: a byte order mark, so the names read as UTF-8 (the import skips it).
                    await using var writer = new StreamWriter(file.FullName, false, new UTF8Encoding(true), 64 * 1024);
                    rows = await export.WriteAsync(writer, ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Fail($"cannot write {file.FullName}: {e.Message}", Failed);
                }
                Console.Error.WriteLine($"Exported {rows:N0} members to {file.FullName}.");
                return Ok;
            });
        });
        return new Command("export", "Export data as CSV") { members };
    }
}
