using System.Text.Json;
using Rally.Data;

namespace Rally.Features.Imports.Pages;

/// <summary>
/// Files uploaded on the import page, kept in the data directory between the preview and the
/// import (a preview and a dry run read the file again; nothing holds it in memory). Each belongs
/// to the user who uploaded it; files older than a day are swept away on the next upload.
/// </summary>
public sealed class ImportUploads(DatabaseSettings settings, TimeProvider clock)
{
    public sealed record Upload(string Id, string UserId, string FileName, long Size, DateTimeOffset UploadedAt);

    static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    string Folder => Path.Combine(settings.DataDir, "uploads");

    string DataPath(string id) => Path.Combine(Folder, id + ".csv");
    string InfoPath(string id) => Path.Combine(Folder, id + ".json");

    /// <summary>Copies the stream to a new upload (never whole in memory) and returns it.</summary>
    public async Task<Upload> SaveAsync(Stream content, string fileName, string userId, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        Sweep();
        var id = Guid.NewGuid().ToString("N");
        long size;
        await using (var file = new FileStream(DataPath(id), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await content.CopyToAsync(file, 1 << 16, ct);
            size = file.Length;
        }
        var upload = new Upload(id, userId, Path.GetFileName(fileName.Replace('\\', '/')), size, clock.GetUtcNow());
        await File.WriteAllTextAsync(InfoPath(id), JsonSerializer.Serialize(upload), ct);
        return upload;
    }

    /// <summary>The upload, if it exists and belongs to <paramref name="userId"/>.</summary>
    public Upload? Find(string? id, string? userId)
    {
        if (id is null || userId is null || id.Length != 32 || !id.All(char.IsAsciiHexDigitLower)) return null;
        try
        {
            var upload = JsonSerializer.Deserialize<Upload>(File.ReadAllText(InfoPath(id)));
            return upload is not null && upload.UserId == userId && File.Exists(DataPath(id)) ? upload : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where a dry run of <paramref name="runId"/> writes its rejected rows (swept with the uploads).</summary>
    public string RejectedPath(string runId)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, runId + "-rejected.csv");
    }

    public Stream Open(Upload upload) =>
        new FileStream(DataPath(upload.Id), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    public void Delete(string id)
    {
        File.Delete(DataPath(id));
        File.Delete(InfoPath(id));
    }

    void Sweep()
    {
        var before = clock.GetUtcNow() - KeptFor;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            try
            {
                if (file.LastWriteTimeUtc < before.UtcDateTime) file.Delete();
            }
            catch (IOException)
            {
                // In use by an import that is still running: the next sweep takes it.
            }
        }
    }
}
