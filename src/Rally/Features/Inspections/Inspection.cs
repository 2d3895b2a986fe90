using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Bodies;
using Rally.Features.Labels;
using Rally.Features.OrgUnits;

namespace Rally.Features.Inspections;

/// <summary>
/// What a control group inspects: an org unit (a depot, a distribution point, a works) or a
/// free-standing place with an address. <see cref="OrgUnitId"/> is where it belongs for scoping:
/// the inspected unit itself, or the unit that looks after a free-standing target.
/// </summary>
public sealed class InspectionTarget : IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>A short kind (grain-point, fuel-depot, co-operative-shop, ...): what checklist usually fits.</summary>
    public string? Kind { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit OrgUnit { get; set; } = null!;
    /// <summary>True when the target is the org unit itself; false for a free-standing target with an address.</summary>
    public bool IsOrgUnit { get; set; }
    public string? Address { get; set; }
    /// <summary>The body usually answerable for what is found here; a finding may name another.</summary>
    public int? ResponsibleBodyId { get; set; }
    public Body? ResponsibleBody { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A checklist template (grain point, fuel depot, co-operative shop): data an administrator edits.</summary>
public sealed class Checklist : IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<ChecklistItem> Items { get; set; } = [];
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One question of a checklist, the answer that passes it, and the severity of a failure.</summary>
public sealed class ChecklistItem
{
    public int Id { get; set; }
    public int ChecklistId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    /// <summary>"yes" or "no": the answer that passes.</summary>
    public required string ExpectedAnswer { get; set; }
    public int DefaultSeverityId { get; set; }
}

/// <summary>How grave a finding is; each severity sets the days the responsible body has to fix it.</summary>
public sealed class Severity : Label
{
    public int DeadlineDays { get; set; }

    public static readonly IReadOnlyList<(string Code, string Name, int Days)> Defaults =
        [("critical", "Critical", 3), ("major", "Major", 7), ("minor", "Minor", 30)];
}

/// <summary>Inspection stages are fixed (the finding workflow is the part that is data).</summary>
public static class InspectionStages
{
    public const string Planned = "planned", InProgress = "in-progress", Completed = "completed";
    public static readonly IReadOnlyList<string> All = [Planned, InProgress, Completed];
}

/// <summary>
/// A visit by a control group to a target with a checklist: planned → in progress → completed.
/// Until it is completed it is never shown publicly: a surprise inspection must not leak.
/// </summary>
public sealed class Inspection : IAudited
{
    public int Id { get; set; }
    public int TargetId { get; set; }
    public InspectionTarget Target { get; set; } = null!;
    /// <summary>The control group (a body of kind control-group) that inspects.</summary>
    public int ControlGroupId { get; set; }
    public Body ControlGroup { get; set; } = null!;
    public int ChecklistId { get; set; }
    public Checklist Checklist { get; set; } = null!;
    public DateOnly PlannedOn { get; set; }
    public required string Stage { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>The answer given to one checklist item in one inspection.</summary>
public sealed class InspectionAnswer : IAudited
{
    public int InspectionId { get; set; }
    public int ItemId { get; set; }
    /// <summary>"yes", "no" or "n/a".</summary>
    public required string Answer { get; set; }
    public string? Note { get; set; }
}

sealed class InspectionConfiguration : IEntityTypeConfiguration<InspectionTarget>, IEntityTypeConfiguration<Checklist>, IEntityTypeConfiguration<ChecklistItem>,
    IEntityTypeConfiguration<Severity>, IEntityTypeConfiguration<Inspection>, IEntityTypeConfiguration<InspectionAnswer>
{
    public void Configure(EntityTypeBuilder<InspectionTarget> e)
    {
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.Kind).HasMaxLength(40);
        e.Property(t => t.Address).HasMaxLength(500);
        e.HasIndex(t => t.OrgUnitId);
        e.HasOne(t => t.OrgUnit).WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(t => t.ResponsibleBody).WithMany().HasForeignKey(t => t.ResponsibleBodyId).OnDelete(DeleteBehavior.Restrict);
        e.Property(t => t.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Checklist> e)
    {
        e.Property(c => c.Code).HasMaxLength(40);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Description).HasMaxLength(2000);
        e.HasIndex(c => c.Code).IsUnique();
        e.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.ChecklistId).OnDelete(DeleteBehavior.Cascade);
        e.Property(c => c.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<ChecklistItem> e)
    {
        e.Property(i => i.Text).HasMaxLength(500);
        e.Property(i => i.ExpectedAnswer).HasMaxLength(8);
        e.HasIndex(i => new { i.ChecklistId, i.Position });
        e.HasOne<Severity>().WithMany().HasForeignKey(i => i.DefaultSeverityId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Severity> e)
    {
        Label.Configure(e);
        e.HasData(Severity.Defaults.Select((s, i) => new Severity { Id = i + 1, Code = s.Code, Name = s.Name, DeadlineDays = s.Days, SortOrder = (i + 1) * 10 }));
    }

    public void Configure(EntityTypeBuilder<Inspection> e)
    {
        e.Property(i => i.Stage).HasMaxLength(20);
        e.Property(i => i.Notes).HasMaxLength(4000);
        e.Property(i => i.CreatedBy).HasMaxLength(256);
        e.HasIndex(i => new { i.TargetId, i.PlannedOn });
        e.HasIndex(i => new { i.ControlGroupId, i.PlannedOn });
        e.HasIndex(i => new { i.Stage, i.CompletedAt });
        e.HasOne(i => i.Target).WithMany().HasForeignKey(i => i.TargetId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(i => i.ControlGroup).WithMany().HasForeignKey(i => i.ControlGroupId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(i => i.Checklist).WithMany().HasForeignKey(i => i.ChecklistId).OnDelete(DeleteBehavior.Restrict);
        e.Property(i => i.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<InspectionAnswer> e)
    {
        e.HasKey(a => new { a.InspectionId, a.ItemId });
        e.Property(a => a.Answer).HasMaxLength(8);
        e.Property(a => a.Note).HasMaxLength(1000);
        e.HasOne<Inspection>().WithMany().HasForeignKey(a => a.InspectionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ChecklistItem>().WithMany().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
