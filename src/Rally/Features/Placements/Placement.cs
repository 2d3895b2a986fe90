using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Bodies;
using Rally.Features.Members;

namespace Rally.Features.Placements;

/// <summary>
/// A specialist (a member of the specialist category) placed in a body in a role, dated, under the
/// eye of worker overseers. <see cref="EndsOn"/> is the last day, inclusive; null while it goes on.
/// </summary>
public sealed class Placement : IAudited
{
    /// <summary>The category code whose members are specialists (the theses' word).</summary>
    public const string SpecialistCategory = "specialist";

    public int Id { get; set; }
    public int MemberId { get; set; }
    public Member Member { get; set; } = null!;
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    /// <summary>What the specialist does there: chief engineer, technical adviser, ...</summary>
    public required string Role { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public List<Overseer> Overseers { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A worker keeping an eye on a placement, dated. An overseer is active on a day when this row
/// covers it and the member holds a post in the placement's body that day (see <see cref="Oversight"/>).
/// </summary>
public sealed class Overseer : IAudited
{
    public int Id { get; set; }
    public int PlacementId { get; set; }
    public int MemberId { get; set; }
    public Member Member { get; set; } = null!;
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
}

sealed class PlacementConfiguration : IEntityTypeConfiguration<Placement>, IEntityTypeConfiguration<Overseer>
{
    public void Configure(EntityTypeBuilder<Placement> e)
    {
        e.Property(p => p.Role).HasMaxLength(200);
        e.Property(p => p.CreatedBy).HasMaxLength(256);
        e.HasIndex(p => new { p.BodyId, p.StartsOn });
        e.HasIndex(p => p.MemberId);
        e.HasOne(p => p.Member).WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.Body).WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Overseers).WithOne().HasForeignKey(o => o.PlacementId).OnDelete(DeleteBehavior.Cascade);
        e.Property(p => p.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Overseer> e)
    {
        e.ToTable("Overseers");
        e.HasIndex(o => new { o.PlacementId, o.MemberId, o.StartsOn }).IsUnique();
        e.HasIndex(o => o.MemberId);
        e.HasOne(o => o.Member).WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
