using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.Imports;

public static class ImportStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string RolledBack = "rolled-back";
    public static readonly IReadOnlyList<string> All = [Running, Completed, RolledBack];
}

/// <summary>
/// One import of a member file, with its counts. The members it inserted carry its id
/// (<see cref="Member.ImportBatchId"/>) and the members it updated keep their earlier values in
/// <see cref="ImportUpdate"/>, so the batch can be rolled back as a whole.
/// </summary>
public sealed class ImportBatch : IAudited
{
    public int Id { get; set; }
    /// <summary>The file's name as the user gave it (no directories).</summary>
    public required string FileName { get; set; }
    public required string Status { get; set; }
    /// <summary>The unit given with --into: rows without an org unit go there, and every row must fall within it.</summary>
    public int? IntoOrgUnitId { get; set; }
    public OrgUnit? IntoOrgUnit { get; set; }
    public string? Encoding { get; set; }
    /// <summary>The column mapping used (source column → canonical field), as JSON.</summary>
    public string? Mapping { get; set; }
    public long Read { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }
    public long SentToReview { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset? RolledBackAt { get; set; }
    public string? RolledBackBy { get; set; }
    public int Version { get; set; }
}

/// <summary>A row the import refused: where, which column, why, and the row as it was read.</summary>
public sealed class ImportRejection
{
    public long Id { get; set; }
    public int BatchId { get; set; }
    /// <summary>The data row's number, 1 for the first row after the header.</summary>
    public long RowNumber { get; set; }
    public string? Column { get; set; }
    public required string Reason { get; set; }
    /// <summary>The raw fields, as a CSV line, so the rejected rows can be downloaded, fixed and imported again.</summary>
    public string? Row { get; set; }
}

/// <summary>A member's canonical fields before an import changed them (JSON), so a rollback can restore them.</summary>
public sealed class ImportUpdate
{
    public int BatchId { get; set; }
    public int MemberId { get; set; }
    public required string Before { get; set; }
}

/// <summary>
/// A row that matched an existing member only uncertainly (for example the same name and date of
/// birth but a different email): never merged silently, an officer decides.
/// </summary>
public sealed class ImportReview : IAudited
{
    public long Id { get; set; }
    public int BatchId { get; set; }
    public long RowNumber { get; set; }
    /// <summary>The member the row may be.</summary>
    public int CandidateMemberId { get; set; }
    public required string Reason { get; set; }
    /// <summary>The row's canonical fields (JSON).</summary>
    public required string Row { get; set; }
    /// <summary>Null while pending; then merged, created or dismissed.</summary>
    public string? Resolution { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public int Version { get; set; }
}

sealed class ImportConfiguration : IEntityTypeConfiguration<ImportBatch>, IEntityTypeConfiguration<ImportRejection>,
    IEntityTypeConfiguration<ImportUpdate>, IEntityTypeConfiguration<ImportReview>
{
    public void Configure(EntityTypeBuilder<ImportBatch> e)
    {
        e.Property(b => b.FileName).HasMaxLength(260);
        e.Property(b => b.Status).HasMaxLength(20);
        e.Property(b => b.Encoding).HasMaxLength(40);
        e.Property(b => b.Mapping).HasMaxLength(4000);
        e.Property(b => b.StartedBy).HasMaxLength(256);
        e.Property(b => b.RolledBackBy).HasMaxLength(256);
        e.HasOne(b => b.IntoOrgUnit).WithMany().HasForeignKey(b => b.IntoOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(b => b.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<ImportRejection> e)
    {
        e.Property(r => r.Column).HasMaxLength(100);
        e.Property(r => r.Reason).HasMaxLength(500);
        e.HasIndex(r => new { r.BatchId, r.RowNumber });
        e.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ImportUpdate> e)
    {
        e.HasKey(u => new { u.BatchId, u.MemberId });
        e.HasIndex(u => u.MemberId);
        e.HasOne<ImportBatch>().WithMany().HasForeignKey(u => u.BatchId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany().HasForeignKey(u => u.MemberId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ImportReview> e)
    {
        e.Property(r => r.Reason).HasMaxLength(500);
        e.Property(r => r.Resolution).HasMaxLength(20);
        e.Property(r => r.ResolvedBy).HasMaxLength(256);
        e.HasIndex(r => new { r.BatchId, r.RowNumber });
        e.HasIndex(r => r.CandidateMemberId);
        e.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany().HasForeignKey(r => r.CandidateMemberId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.Version).IsConcurrencyToken();
    }
}
