using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Categories;
using Rally.Features.OrgUnits;

namespace Rally.Features.Members;

public sealed class Member : IAudited
{
    public int Id { get; set; }
    public required string MembershipNumber { get; set; }
    public required string FirstName { get; set; }
    public string? Patronymic { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    public string? Trade { get; set; }
    /// <summary>The union or branch the member belongs to; scoping follows it.</summary>
    public int OrgUnitId { get; set; }
    public OrgUnit OrgUnit { get; set; } = null!;
    public int? WorkplaceId { get; set; }
    public OrgUnit? Workplace { get; set; }
    public required string Status { get; set; }
    public DateOnly StatusSince { get; set; }
    /// <summary>Lower-cased names, kept in step by <see cref="MemberRules.SetKeys"/>, so prefix search is an index range.</summary>
    public string LastNameKey { get; set; } = "";
    public string FirstNameKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>The import that inserted the member, if one did: a rollback removes exactly these.</summary>
    public int? ImportBatchId { get; set; }
    public int Version { get; set; }
}

/// <summary>One dated change of a member's status; the first is the application or admission.</summary>
public sealed class MemberStatusChange : IAudited
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public string? FromStatus { get; set; }
    public required string ToStatus { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public string? Reason { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>An admission of a member to a union, with the criteria the admitting officer affirmed.</summary>
public sealed class Admission : IAudited
{
    public int Id { get; set; }
    public int MemberId { get; set; }
    public int OrgUnitId { get; set; }
    public DateOnly AdmittedOn { get; set; }
    public required string AdmittedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public List<AdmissionAffirmation> Affirmations { get; set; } = [];
}

public sealed class AdmissionAffirmation
{
    public int Id { get; set; }
    public int AdmissionId { get; set; }
    public int CriterionId { get; set; }
    /// <summary>The criterion's wording when it was affirmed; the checklist may change later.</summary>
    public required string Text { get; set; }
}

sealed class MemberConfiguration : IEntityTypeConfiguration<Member>, IEntityTypeConfiguration<MemberStatusChange>,
    IEntityTypeConfiguration<Admission>, IEntityTypeConfiguration<AdmissionAffirmation>
{
    public void Configure(EntityTypeBuilder<Member> e)
    {
        e.Property(m => m.MembershipNumber).HasMaxLength(40);
        e.Property(m => m.FirstName).HasMaxLength(100);
        e.Property(m => m.Patronymic).HasMaxLength(100);
        e.Property(m => m.LastName).HasMaxLength(100);
        e.Property(m => m.LastNameKey).HasMaxLength(100);
        e.Property(m => m.FirstNameKey).HasMaxLength(100);
        e.Property(m => m.Email).HasMaxLength(254);
        e.Property(m => m.Phone).HasMaxLength(40);
        e.Property(m => m.Address).HasMaxLength(400);
        e.Property(m => m.Trade).HasMaxLength(100);
        e.Property(m => m.Status).HasMaxLength(20);
        e.HasIndex(m => m.MembershipNumber).IsUnique();
        // Scoped name search and sorting read only these indexes (the list's count and page are
        // index-only): the org unit, both name keys and the id, for members not archived.
        e.HasIndex(m => new { m.OrgUnitId, m.LastNameKey, m.FirstNameKey, m.Id }, "IX_Members_Scope_LastName").HasFilter("\"ArchivedAt\" IS NULL");
        e.HasIndex(m => new { m.OrgUnitId, m.FirstNameKey, m.LastNameKey, m.Id }, "IX_Members_Scope_FirstName").HasFilter("\"ArchivedAt\" IS NULL");
        e.HasIndex(m => m.LastNameKey);
        e.HasIndex(m => m.FirstNameKey);
        e.HasIndex(m => m.WorkplaceId);
        e.HasIndex(m => m.ImportBatchId);
        e.HasOne<Imports.ImportBatch>().WithMany().HasForeignKey(m => m.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(m => m.Category).WithMany().HasForeignKey(m => m.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(m => m.OrgUnit).WithMany().HasForeignKey(m => m.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(m => m.Workplace).WithMany().HasForeignKey(m => m.WorkplaceId).OnDelete(DeleteBehavior.Restrict);
        e.Property(m => m.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<MemberStatusChange> e)
    {
        e.Property(s => s.FromStatus).HasMaxLength(20);
        e.Property(s => s.ToStatus).HasMaxLength(20);
        e.Property(s => s.Reason).HasMaxLength(500);
        e.Property(s => s.RecordedBy).HasMaxLength(256);
        e.HasIndex(s => new { s.MemberId, s.EffectiveOn });
        e.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Admission> e)
    {
        e.Property(a => a.AdmittedBy).HasMaxLength(256);
        e.HasIndex(a => a.MemberId);
        e.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(a => a.Affirmations).WithOne().HasForeignKey(a => a.AdmissionId);
    }

    public void Configure(EntityTypeBuilder<AdmissionAffirmation> e)
    {
        e.Property(a => a.Text).HasMaxLength(500);
    }
}
