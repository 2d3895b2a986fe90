using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Bodies;

namespace Rally.Features.Council;

/// <summary>
/// A saved council apportionment: the date of the count, the options, the constituencies and
/// their counts as they were, the seats and the step log — kept as JSON so the record says
/// exactly what was decided and why, whatever changes later. Never edited.
/// </summary>
public sealed class Apportionment : IAudited
{
    public int Id { get; set; }
    public DateOnly CountedOn { get; set; }
    public required string Method { get; set; }
    public int Seats { get; set; }
    public int MinSeats { get; set; }
    /// <summary>Exact, as entered ("5", "4.5", "1/3").</summary>
    public string? ThresholdPercent { get; set; }
    public bool ThresholdQuota { get; set; }
    public string? TieRule { get; set; }
    /// <summary>JSON: the caps as requested.</summary>
    public required string Caps { get; set; }
    /// <summary>JSON: each constituency (org unit id, code, name, count, eligible) and its seats, in input order.</summary>
    public required string Result { get; set; }
    /// <summary>JSON: the step log.</summary>
    public required string Steps { get; set; }
    /// <summary>The council body whose posts were set from this apportionment.</summary>
    public int? BodyId { get; set; }
    public Body? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

sealed class ApportionmentConfiguration : IEntityTypeConfiguration<Apportionment>
{
    public void Configure(EntityTypeBuilder<Apportionment> e)
    {
        e.Property(a => a.Method).HasMaxLength(40);
        e.Property(a => a.ThresholdPercent).HasMaxLength(40);
        e.Property(a => a.TieRule).HasMaxLength(40);
        e.Property(a => a.CreatedBy).HasMaxLength(256);
        e.HasIndex(a => a.CreatedAt);
        e.HasOne(a => a.Body).WithMany().HasForeignKey(a => a.BodyId).OnDelete(DeleteBehavior.Restrict);
    }
}
