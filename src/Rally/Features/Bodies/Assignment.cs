using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Members;

namespace Rally.Features.Bodies;

/// <summary>
/// A member holding a post, dated. <see cref="EndsOn"/> is the last day held (inclusive); null
/// while it goes on. A member holds the post on day d when StartsOn ≤ d and (EndsOn is null or d ≤ EndsOn).
/// </summary>
public sealed class Assignment : IAudited
{
    public long Id { get; set; }
    public int PostId { get; set; }
    public Post Post { get; set; } = null!;
    public int MemberId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>Why it ended (term expired, resigned, recalled, ...).</summary>
    public string? EndReason { get; set; }
    /// <summary>
    /// An officer's written justification for assigning despite unmet ladder conditions; null when
    /// every condition was met. <see cref="UnmetConditions"/> keeps what was overridden.
    /// </summary>
    public string? OverrideJustification { get; set; }
    public string? UnmetConditions { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }
}

sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> e)
    {
        e.Property(a => a.EndReason).HasMaxLength(200);
        e.Property(a => a.OverrideJustification).HasMaxLength(4000);
        e.Property(a => a.UnmetConditions).HasMaxLength(4000);
        e.Property(a => a.CreatedBy).HasMaxLength(256);
        e.HasIndex(a => new { a.MemberId, a.StartsOn });
        e.HasIndex(a => new { a.PostId, a.StartsOn });
        e.HasOne(a => a.Post).WithMany().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.Property(a => a.Version).IsConcurrencyToken();
    }
}
