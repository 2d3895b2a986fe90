using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>How large evidence may be: <c>Rally:Inspections:MaxAttachmentBytes</c>, 10 MB unless configured.</summary>
public sealed class EvidenceOptions
{
    public const long DefaultMaxBytes = 10L * 1024 * 1024;
    public long MaxAttachmentBytes { get; set; } = DefaultMaxBytes;
}

/// <summary>The kinds of evidence accepted, told apart by their first bytes, never by the name or the declared type.</summary>
public static class EvidenceTypes
{
    public sealed record Kind(string ContentType, string Description, string[] Extensions);

    public static readonly Kind Jpeg = new("image/jpeg", "a JPEG image", [".jpg", ".jpeg"]);
    public static readonly Kind Png = new("image/png", "a PNG image", [".png"]);
    public static readonly Kind WebP = new("image/webp", "a WebP image", [".webp"]);
    public static readonly Kind Pdf = new("application/pdf", "a PDF document", [".pdf"]);

    public static Kind? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        return null;
    }

    /// <summary>Null when the name and content agree; otherwise why the file is refused.</summary>
    public static string? Refusal(string fileName, Kind? kind)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (kind is null)
            return "The file is not a JPEG, PNG or WebP image or a PDF document (judged by its content, not its name).";
        if (!kind.Extensions.Contains(extension))
            return $"The file is named '{fileName}' but its content is {kind.Description}; name it {string.Join(" or ", kind.Extensions)}.";
        return null;
    }
}

/// <summary>
/// Attaches evidence to a finding: read whole (up to the limit) before anything is written, typed
/// from its content, hashed with SHA-256, and stored with its metadata in one save, so a refusal
/// leaves nothing behind. Needs the organizer role where the finding may be worked.
/// </summary>
public static class AttachEvidence
{
    public static async Task<Outcome<AttachmentView>> RunAsync(RallyDb db, Caller caller, int findingId, string? fileName, Stream content, long maxBytes, CancellationToken ct)
    {
        var finding = await (await InspectionAccess.FindingsAsync(db, caller, Roles.Viewer, ct))
            .Select(f => new { f.Id, Target = f.Inspection.Target.OrgUnitId, Body = f.ResponsibleBody.OrgUnitId }).FirstOrDefaultAsync(f => f.Id == findingId, ct);
        if (finding is null) return Outcome<AttachmentView>.NotFound($"There is no finding {findingId}.");
        if (!await InspectionAccess.CanAsync(caller, Roles.Organizer, finding.Target, db, ct) && !await InspectionAccess.CanAsync(caller, Roles.Organizer, finding.Body, db, ct))
            return Outcome<AttachmentView>.Forbidden("Attaching evidence needs the organizer role on the target's unit or on the responsible body's unit.");

        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0) return Outcome<AttachmentView>.Invalid("file", "The file needs a name.");
        if (name.Length > 255) return Outcome<AttachmentView>.Invalid("file", "The file name must be at most 255 characters.");
        var bytes = await ReadAtMostAsync(content, maxBytes, ct);
        if (bytes is null)
            return new(default, null, 413, $"The file is larger than the limit of {Megabytes(maxBytes)}; nothing was stored.");
        if (bytes.Length == 0) return Outcome<AttachmentView>.Invalid("file", "The file is empty.");
        var kind = EvidenceTypes.Sniff(bytes);
        if (EvidenceTypes.Refusal(name, kind) is { } why) return Outcome<AttachmentView>.Invalid("file", why + " Nothing was stored.");

        var attachment = new FindingAttachment
        {
            FindingId = findingId, FileName = name, ContentType = kind!.ContentType, Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), UploadedAt = db.Actor.Clock.GetUtcNow(), UploadedBy = db.Actor.Name,
        };
        db.FindingAttachments.Add(attachment);
        db.FindingAttachmentContents.Add(new FindingAttachmentContent { Attachment = attachment, Bytes = bytes });
        await db.SaveChangesAsync(ct);
        return Outcome<AttachmentView>.Ok(new(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256, attachment.UploadedAt, attachment.UploadedBy));
    }

    public static string Megabytes(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";

    /// <summary>The whole stream, or null as soon as it proves longer than <paramref name="max"/>.</summary>
    static async Task<byte[]?> ReadAtMostAsync(Stream content, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>An attachment's bytes, if the finding is visible to the caller.</summary>
    public static async Task<(AttachmentView View, byte[] Bytes)?> ReadAsync(RallyDb db, Caller caller, int findingId, int attachmentId, CancellationToken ct)
    {
        var visible = await (await InspectionAccess.FindingsAsync(db, caller, Roles.Viewer, ct)).AnyAsync(f => f.Id == findingId, ct);
        if (!visible) return null;
        var a = await db.FindingAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.FindingId == findingId, ct);
        if (a is null) return null;
        var bytes = await db.FindingAttachmentContents.AsNoTracking().Where(c => c.AttachmentId == a.Id).Select(c => c.Bytes).FirstAsync(ct);
        return (new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAt, a.UploadedBy), bytes);
    }
}
