using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Labels;
using Rally.Features.Placements;

namespace Rally.Features.Decisions;

/// <summary>A kind of decision a specialist takes (procurement, hiring, technical note), and whether a worker overseer must co-sign it.</summary>
public sealed class DecisionKind : Label
{
    public bool NeedsCoSignature { get; set; }

    /// <summary>The kinds every install starts with.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, bool NeedsCoSignature)> Defaults =
    [
        ("procurement", "Procurement", true), ("hiring", "Hiring", true), ("technical-note", "Technical note", false),
    ];
}

/// <summary>
/// A decision recorded for a specialist's placement. One that needs co-signature is pending and has
/// no effect until an overseer of the placement co-signs it (or rejects it, with a reason). Every
/// change of state goes through <see cref="RecordDecision"/>, <see cref="SignDecision"/> or <see cref="WithdrawDecision"/>, which
/// also write the tamper-evident logbook.
/// </summary>
public sealed class Decision : IAudited
{
    public long Id { get; set; }
    public int PlacementId { get; set; }
    public Placement Placement { get; set; } = null!;
    public int KindId { get; set; }
    public DecisionKind Kind { get; set; } = null!;
    public required string Title { get; set; }
    /// <summary>The title folded (trimmed, single spaces, lower case): two pending decisions may not share it.</summary>
    public required string TitleKey { get; set; }
    public string? Details { get; set; }
    /// <summary>One of <see cref="DecisionRules.States"/>.</summary>
    public required string Status { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }
    public required string RecordedBy { get; set; }
    /// <summary>When it took effect: at recording when no co-signature is needed, else at co-signature.</summary>
    public DateTimeOffset? EffectiveAt { get; set; }
    /// <summary>The overseer who co-signed or rejected it, and the user acting.</summary>
    public int? SignedByMemberId { get; set; }
    public Members.Member? SignedByMember { get; set; }
    public string? SignedByUserId { get; set; }
    public string? SignedBy { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public string? RejectionReason { get; set; }
    /// <summary>Who withdrew it while it was pending (the recorder, the specialist or an officer over the body), when and why.</summary>
    public string? WithdrawnBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawalReason { get; set; }
    public int Version { get; set; }
}

sealed class DecisionConfiguration : IEntityTypeConfiguration<DecisionKind>, IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<DecisionKind> e)
    {
        Label.Configure(e);
        e.HasData(DecisionKind.Defaults.Select((k, i) => new DecisionKind { Id = i + 1, Code = k.Code, Name = k.Name, NeedsCoSignature = k.NeedsCoSignature, SortOrder = (i + 1) * 10 }));
    }

    public void Configure(EntityTypeBuilder<Decision> e)
    {
        e.Property(d => d.Title).HasMaxLength(300);
        e.Property(d => d.TitleKey).HasMaxLength(300);
        e.Property(d => d.Details).HasMaxLength(4000);
        e.Property(d => d.Status).HasMaxLength(20);
        e.Property(d => d.RecordedByUserId).HasMaxLength(450);
        e.Property(d => d.RecordedBy).HasMaxLength(256);
        e.Property(d => d.SignedByUserId).HasMaxLength(450);
        e.Property(d => d.SignedBy).HasMaxLength(256);
        e.Property(d => d.RejectionReason).HasMaxLength(2000);
        e.Property(d => d.WithdrawnBy).HasMaxLength(256);
        e.Property(d => d.WithdrawalReason).HasMaxLength(2000);
        e.HasOne(d => d.Placement).WithMany().HasForeignKey(d => d.PlacementId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(d => d.SignedByMember).WithMany().HasForeignKey(d => d.SignedByMemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(d => d.Kind).WithMany().HasForeignKey(d => d.KindId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => new { d.Status, d.RecordedAt });
        // A second pending duplicate is refused even when two requests race past the check in code.
        e.HasIndex(d => new { d.PlacementId, d.KindId, d.TitleKey }).IsUnique().HasFilter("\"Status\" = 'pending'").HasDatabaseName("IX_Decisions_PendingDuplicate");
        e.Property(d => d.Version).IsConcurrencyToken();
    }
}
