using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Labels;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.Education;

/// <summary>A kind of education programme (lecture series, reading circle, newspaper, ...): a configurable list.</summary>
public sealed class ProgrammeKind : Label
{
    public static readonly LabelList<ProgrammeKind> List = new(
        Noun: "programme kind", Route: "programme-kinds", Tag: "Programme kinds",
        OperationName: ("ProgrammeKind", "ProgrammeKinds"), Described: ("programme kind", "programme kinds"));

    public static readonly IReadOnlyList<(string Code, string Name)> Defaults =
    [
        ("lecture-series", "Lecture series"), ("reading-circle", "Reading circle"), ("newspaper", "Newspaper"),
        ("management-training", "Practical management training"),
    ];
}

/// <summary>
/// An education programme run by a unit for its subtree. A member completes it by attending at
/// least <see cref="CompletionShare"/> of its sessions.
/// </summary>
public sealed class Programme : IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int KindId { get; set; }
    public ProgrammeKind Kind { get; set; } = null!;
    public int OrgUnitId { get; set; }
    public OrgUnit OrgUnit { get; set; } = null!;
    public string? Description { get; set; }
    /// <summary>The share of sessions to attend, 0..1 (0.75 = three in four).</summary>
    public decimal CompletionShare { get; set; } = 0.75m;
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One session of a programme: a lecture, a circle's meeting, a training day.</summary>
public sealed class EducationSession : IAudited
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public DateOnly HeldOn { get; set; }
    public string? Place { get; set; }
    public required string Topic { get; set; }
    public string? Materials { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A member enrolled in a programme. <see cref="CompletedOn"/> is kept by the write paths that
/// change sessions or attendance: the day of the session at which attendance reached the share.
/// </summary>
public sealed class Enrolment : IAudited
{
    public long Id { get; set; }
    public int ProgrammeId { get; set; }
    public int MemberId { get; set; }
    public DateOnly EnrolledOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A member present at a session; at most one per member and session.</summary>
public sealed class Attendance : IAudited
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public int MemberId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>Copies of a newspaper or pamphlet handed out at a workplace on a day.</summary>
public sealed class Distribution : IAudited
{
    public long Id { get; set; }
    public int? ProgrammeId { get; set; }
    public required string Title { get; set; }
    public int WorkplaceId { get; set; }
    public DateOnly DistributedOn { get; set; }
    public int Copies { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

sealed class EducationConfiguration : IEntityTypeConfiguration<ProgrammeKind>, IEntityTypeConfiguration<Programme>,
    IEntityTypeConfiguration<EducationSession>, IEntityTypeConfiguration<Enrolment>, IEntityTypeConfiguration<Attendance>,
    IEntityTypeConfiguration<Distribution>
{
    public void Configure(EntityTypeBuilder<ProgrammeKind> e)
    {
        Label.Configure(e);
        e.HasData(ProgrammeKind.Defaults.Select((k, i) => new ProgrammeKind { Id = i + 1, Code = k.Code, Name = k.Name, SortOrder = (i + 1) * 10 }));
    }

    public void Configure(EntityTypeBuilder<Programme> e)
    {
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.Description).HasMaxLength(4000);
        e.Property(p => p.CompletionShare).HasPrecision(5, 4);
        e.Property(p => p.CreatedBy).HasMaxLength(256);
        e.HasIndex(p => p.OrgUnitId);
        e.HasOne(p => p.Kind).WithMany().HasForeignKey(p => p.KindId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(p => p.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<EducationSession> e)
    {
        e.Property(s => s.Place).HasMaxLength(200);
        e.Property(s => s.Topic).HasMaxLength(500);
        e.Property(s => s.Materials).HasMaxLength(4000);
        e.HasIndex(s => new { s.ProgrammeId, s.HeldOn });
        e.HasOne<Programme>().WithMany().HasForeignKey(s => s.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Enrolment> e)
    {
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.ProgrammeId, x.MemberId }).IsUnique();
        e.HasIndex(x => new { x.MemberId, x.CompletedOn });
        e.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Attendance> e)
    {
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.SessionId, x.MemberId }).IsUnique();
        e.HasIndex(x => x.MemberId);
        e.HasOne<EducationSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Distribution> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.WorkplaceId, x.DistributedOn });
        e.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.WorkplaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
