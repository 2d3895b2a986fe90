using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Labels;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.Assessments;

/// <summary>
/// A scale members are assessed on (engagement, leadership, ...): data, not code. Level 1 is the
/// best (for engagement: leader); "at or better than 2" means level 1 or 2.
/// </summary>
public sealed class AssessmentScale : Label
{
    /// <summary>The union (or any unit) that added the scale for its subtree; null for the whole federation.</summary>
    public int? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    /// <summary>An assessment older than this is flagged stale.</summary>
    public int StaleAfterDays { get; set; } = 90;
    public List<ScaleLevel> Levels { get; set; } = [];

    /// <summary>The scale every install starts with, labelled as in PRODUCT.md.</summary>
    public const int EngagementId = 1;
    public const string EngagementCode = "engagement";

    public static readonly IReadOnlyList<(int Level, string Name)> EngagementLevels =
        [(1, "leader"), (2, "supporter"), (3, "undecided"), (4, "sceptical"), (5, "opposed")];
}

/// <summary>One level of a scale with its label; the levels of a scale are 1..N without gaps.</summary>
public sealed class ScaleLevel : IAudited
{
    public int Id { get; set; }
    public int ScaleId { get; set; }
    public int Level { get; set; }
    public required string Name { get; set; }
}

/// <summary>
/// One assessment of a member on a scale: append-only. The member's current level is the latest
/// by <see cref="AssessedAt"/>; the history is the timeline on the member page.
/// </summary>
public sealed class Assessment : IAudited
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public int ScaleId { get; set; }
    public int Level { get; set; }
    /// <summary>When the assessment was made (may be earlier than when it was recorded).</summary>
    public DateTimeOffset AssessedAt { get; set; }
    /// <summary>The user who assessed (user name, kept even if the account goes).</summary>
    public required string AssessedBy { get; set; }
    public string? Evidence { get; set; }
    /// <summary>The conversation it was recorded with, if any.</summary>
    public long? ConversationId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

sealed class AssessmentConfiguration : IEntityTypeConfiguration<AssessmentScale>, IEntityTypeConfiguration<ScaleLevel>, IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<AssessmentScale> e)
    {
        Label.Configure(e);
        e.HasOne(s => s.OrgUnit).WithMany().HasForeignKey(s => s.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Levels).WithOne().HasForeignKey(l => l.ScaleId).OnDelete(DeleteBehavior.Cascade);
        e.HasData(new AssessmentScale { Id = AssessmentScale.EngagementId, Code = AssessmentScale.EngagementCode, Name = "Engagement", SortOrder = 10, StaleAfterDays = 90 });
    }

    public void Configure(EntityTypeBuilder<ScaleLevel> e)
    {
        e.Property(l => l.Name).HasMaxLength(100);
        e.HasIndex(l => new { l.ScaleId, l.Level }).IsUnique();
        e.HasData(AssessmentScale.EngagementLevels.Select(l => new ScaleLevel { Id = l.Level, ScaleId = AssessmentScale.EngagementId, Level = l.Level, Name = l.Name }));
    }

    public void Configure(EntityTypeBuilder<Assessment> e)
    {
        e.Property(a => a.AssessedBy).HasMaxLength(256);
        e.Property(a => a.Evidence).HasMaxLength(2000);
        // The latest per member and scale is one index seek; campaign series read a scale's history by member.
        e.HasIndex(a => new { a.MemberId, a.ScaleId, a.AssessedAt });
        e.HasIndex(a => a.ConversationId);
        e.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AssessmentScale>().WithMany().HasForeignKey(a => a.ScaleId).OnDelete(DeleteBehavior.Restrict);
    }
}
