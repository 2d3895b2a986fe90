using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Labels;

namespace Rally.Features.OrgUnits;

/// <summary>A kind of org unit (federation, section, union, branch, workplace, ...): data, not code.</summary>
public sealed class OrgUnitKind : Label
{
    /// <summary>How the API and messages name this list; everything else is shared with the other labels.</summary>
    public static readonly LabelList<OrgUnitKind> List = new(
        Noun: "kind", Route: "org-unit-kinds", Tag: "Org-unit kinds",
        OperationName: ("OrgUnitKind", "OrgUnitKinds"), Described: ("kind of org unit", "kinds of org unit"));
}

/// <summary>
/// A node of the organisation tree. <see cref="Path"/> is a materialised path of ids
/// ("/1/5/23/") so that a whole subtree is one index range scan.
/// </summary>
public sealed class OrgUnit : IAudited
{
    public int Id { get; set; }
    public int KindId { get; set; }
    public OrgUnitKind Kind { get; set; } = null!;
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public string? Town { get; set; }
    public string Path { get; set; } = "";
    public int Depth { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One item of a union's admission checklist, e.g. the theses' criteria (a)-(d).</summary>
public sealed class AdmissionCriterion : IAudited
{
    public int Id { get; set; }
    public int OrgUnitId { get; set; }
    public required string Label { get; set; }
    public required string Text { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnitKind>, IEntityTypeConfiguration<OrgUnit>, IEntityTypeConfiguration<AdmissionCriterion>
{
    public void Configure(EntityTypeBuilder<OrgUnitKind> e) => Label.Configure(e);

    public void Configure(EntityTypeBuilder<OrgUnit> e)
    {
        e.Property(u => u.Code).HasMaxLength(40);
        e.Property(u => u.Name).HasMaxLength(200);
        e.Property(u => u.ShortName).HasMaxLength(60);
        e.Property(u => u.Town).HasMaxLength(100);
        e.Property(u => u.Path).HasMaxLength(400);
        e.HasIndex(u => u.Code).IsUnique();
        e.HasIndex(u => u.Path);
        e.HasIndex(u => u.ParentId);
        e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(u => u.Kind).WithMany().HasForeignKey(u => u.KindId).OnDelete(DeleteBehavior.Restrict);
        e.Property(u => u.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<AdmissionCriterion> e)
    {
        e.Property(c => c.Label).HasMaxLength(20);
        e.Property(c => c.Text).HasMaxLength(500);
        e.HasIndex(c => c.OrgUnitId);
        e.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
