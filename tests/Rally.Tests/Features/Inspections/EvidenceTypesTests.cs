using System.Text;
using Rally.Features.Inspections;

namespace Rally.Tests.Features.Inspections;

public class EvidenceTypesTests
{
    static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'];
    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    static readonly byte[] WebP = [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8];
    static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8];

    [Fact]
    public void The_type_comes_from_the_first_bytes()
    {
        Assert.Equal("image/jpeg", EvidenceTypes.Sniff(Jpeg)?.ContentType);
        Assert.Equal("image/png", EvidenceTypes.Sniff(Png)?.ContentType);
        Assert.Equal("image/webp", EvidenceTypes.Sniff(WebP)?.ContentType);
        Assert.Equal("application/pdf", EvidenceTypes.Sniff(Pdf)?.ContentType);
        Assert.Null(EvidenceTypes.Sniff(Encoding.UTF8.GetBytes("<html><script>alert(1)</script>")));
        Assert.Null(EvidenceTypes.Sniff([.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8])); // a RIFF that is not WebP
        Assert.Null(EvidenceTypes.Sniff([0xFF, 0xD8]));
    }

    [Fact]
    public void A_file_is_refused_when_its_name_says_something_else_than_its_content()
    {
        Assert.Null(EvidenceTypes.Refusal("door.JPG", EvidenceTypes.Sniff(Jpeg)));
        Assert.Null(EvidenceTypes.Refusal("door.jpeg", EvidenceTypes.Sniff(Jpeg)));
        Assert.Null(EvidenceTypes.Refusal("act.pdf", EvidenceTypes.Sniff(Pdf)));
        Assert.Contains("a PNG image", EvidenceTypes.Refusal("door.jpg", EvidenceTypes.Sniff(Png)));
        Assert.Contains("a PDF document", EvidenceTypes.Refusal("photo.png", EvidenceTypes.Sniff(Pdf)));
        Assert.Contains("not a JPEG, PNG or WebP image or a PDF", EvidenceTypes.Refusal("photo.png", null));
    }
}
