using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rally.Features.Dashboard;

/// <summary>
/// A stored monthly figure, derived from the dated history and never edited by hand. A stock's value is
/// its change in <see cref="Month"/> (the point of a month is the sum up to it); a flow's value is what
/// happened in the month. <see cref="Subtree"/> false: the unit's own members; true: its whole subtree
/// (unit 0 = the whole federation), so a scope reads its own rows only.
/// </summary>
public sealed class DashboardCell
{
    public int OrgUnitId { get; set; }
    public bool Subtree { get; set; }
    public required string Series { get; set; }
    public int Key { get; set; }
    public DateOnly Month { get; set; }
    public int Value { get; set; }
}

/// <summary>How far the cells are up to date: the audit entries read, and the day they describe.</summary>
public sealed class DashboardWatermark
{
    public int Id { get; set; }
    public long AuditId { get; set; }
    public DateOnly AsOf { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
    public int Version { get; set; }
}

sealed class DashboardCellConfiguration : IEntityTypeConfiguration<DashboardCell>, IEntityTypeConfiguration<DashboardWatermark>
{
    public void Configure(EntityTypeBuilder<DashboardCell> e)
    {
        e.HasKey(c => new { c.OrgUnitId, c.Subtree, c.Series, c.Key, c.Month });
        e.Property(c => c.Series).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<DashboardWatermark> e)
    {
        e.Property(w => w.Id).ValueGeneratedNever();
        e.Property(w => w.Version).IsConcurrencyToken();
    }
}
