using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Assessments;
using Rally.Features.Education;

namespace Rally.Features.Ladder;

/// <summary>
/// One rung of the ladder of gradual responsibility (data, not code). Taking a post on this rung
/// needs <see cref="MinMonthsBelow"/> months on the rung below or higher (or having held this rung
/// before), the programmes in <see cref="Programmes"/> completed, and optionally a level at or
/// better than <see cref="AtOrBetterLevel"/> on a scale.
/// </summary>
public sealed class Rung : IAudited
{
    public int Id { get; set; }
    /// <summary>1 is the first rung; positions are 1..N without gaps.</summary>
    public int Position { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int MinMonthsBelow { get; set; }
    public int? ScaleId { get; set; }
    public int? AtOrBetterLevel { get; set; }
    public List<RungProgramme> Programmes { get; set; } = [];
    public int Version { get; set; }

    /// <summary>The theses' ladder: co-operative work first, then supervision, control, and an administrative post.</summary>
    public static readonly IReadOnlyList<(string Name, string Description, int MinMonthsBelow, int? Level)> Defaults =
    [
        ("Co-operative work", "Supplying provisions, co-operative duties", 0, null),
        ("Supervising production", "Supervising production at the workplace", 3, null),
        ("Control and inspection", "Lightning control groups, inspection", 6, null),
        ("Administrative post", "Commissar and other administrative posts", 12, 2),
    ];
}

/// <summary>A programme a member must have completed to take a post on the rung.</summary>
public sealed class RungProgramme
{
    public int RungId { get; set; }
    public int ProgrammeId { get; set; }
}

sealed class RungConfiguration : IEntityTypeConfiguration<Rung>, IEntityTypeConfiguration<RungProgramme>
{
    public void Configure(EntityTypeBuilder<Rung> e)
    {
        e.Property(r => r.Name).HasMaxLength(200);
        e.Property(r => r.Description).HasMaxLength(1000);
        e.HasIndex(r => r.Position).IsUnique();
        e.HasOne<AssessmentScale>().WithMany().HasForeignKey(r => r.ScaleId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Programmes).WithOne().HasForeignKey(p => p.RungId).OnDelete(DeleteBehavior.Cascade);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasData(Rung.Defaults.Select((r, i) => new Rung
        {
            Id = i + 1, Position = i + 1, Name = r.Name, Description = r.Description, MinMonthsBelow = r.MinMonthsBelow,
            ScaleId = r.Level is null ? null : AssessmentScale.EngagementId, AtOrBetterLevel = r.Level,
        }));
    }

    public void Configure(EntityTypeBuilder<RungProgramme> e)
    {
        e.HasKey(p => new { p.RungId, p.ProgrammeId });
        e.HasIndex(p => p.ProgrammeId);
        e.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
    }
}
