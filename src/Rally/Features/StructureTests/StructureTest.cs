using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.StructureTests;

public static class StructureTestKinds
{
    public const string Petition = "petition";
    public const string SignUp = "sign-up";
    public const string Attendance = "attendance";
    public const string BadgeDay = "badge-day";
    public static readonly IReadOnlyList<string> All = [Petition, SignUp, Attendance, BadgeDay];
}

/// <summary>
/// A collective action that tests the organisation's reach: who in the unit's subtree takes part,
/// by workplace, against a target share per workplace, by a deadline.
/// </summary>
public sealed class StructureTest : IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? Description { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit OrgUnit { get; set; } = null!;
    /// <summary>The share of each workplace's members that should take part, 0..1.</summary>
    public decimal TargetShare { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly Deadline { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One member taking part in a structure test; at most one per member and test.</summary>
public sealed class Participation : IAudited
{
    public long Id { get; set; }
    public int StructureTestId { get; set; }
    public int MemberId { get; set; }
    public DateOnly ParticipatedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

sealed class StructureTestConfiguration : IEntityTypeConfiguration<StructureTest>, IEntityTypeConfiguration<Participation>
{
    public void Configure(EntityTypeBuilder<StructureTest> e)
    {
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.Kind).HasMaxLength(20);
        e.Property(t => t.Description).HasMaxLength(4000);
        e.Property(t => t.TargetShare).HasPrecision(5, 4);
        e.Property(t => t.CreatedBy).HasMaxLength(256);
        e.HasIndex(t => t.OrgUnitId);
        e.HasOne(t => t.OrgUnit).WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(t => t.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Participation> e)
    {
        e.Property(p => p.RecordedBy).HasMaxLength(256);
        e.HasIndex(p => new { p.StructureTestId, p.MemberId }).IsUnique();
        e.HasIndex(p => p.MemberId);
        e.HasOne<StructureTest>().WithMany().HasForeignKey(p => p.StructureTestId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
