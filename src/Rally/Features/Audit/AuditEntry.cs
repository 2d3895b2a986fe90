using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rally.Features.Audit;

/// <summary>
/// One append-only line of the audit trail: who did what to which entity, with the fields
/// before and after (a JSON object: field → {"before": .., "after": ..}).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Changes { get; set; }
    /// <summary>Org path of what was changed, so scoped administrators see only their subtree's trail.</summary>
    public string? ScopePath { get; set; }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(a => a.UserId).HasMaxLength(64);
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Action).HasMaxLength(40);
        e.Property(a => a.EntityType).HasMaxLength(60);
        e.Property(a => a.EntityId).HasMaxLength(64);
        e.Property(a => a.ScopePath).HasMaxLength(400);
        e.HasIndex(a => new { a.EntityType, a.EntityId });
        e.HasIndex(a => a.At);
        e.HasIndex(a => a.ScopePath);
    }
}
