using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Labels;
using Rally.Features.Ladder;
using Rally.Features.OrgUnits;

namespace Rally.Features.Bodies;

/// <summary>A kind of administrative body (economic council, commissariat, co-operative, ...): a configurable list.</summary>
public sealed class BodyKind : Label
{
    public static readonly LabelList<BodyKind> List = new(
        Noun: "body kind", Route: "body-kinds", Tag: "Body kinds",
        OperationName: ("BodyKind", "BodyKinds"), Described: ("body kind", "body kinds"));

    public const string ControlGroup = "control-group";
    public const string Council = "council";

    /// <summary>The kinds every install starts with, named as in the theses.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Defaults =
    [
        ("economic-council", "Economic council"), ("commissariat", "Commissariat"), ("co-operative", "Co-operative"),
        (ControlGroup, "Control group"), ("committee", "Committee"), (Council, "Council"),
    ];
}

/// <summary>
/// An administrative body attached to an org unit: the unit's subtree is where its posts are
/// filled from and who may manage it. A body may sit under another (a local economic council
/// under the Supreme Economic Council): findings escalate to the parent.
/// </summary>
public sealed class Body : IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int KindId { get; set; }
    public BodyKind Kind { get; set; } = null!;
    public int OrgUnitId { get; set; }
    public OrgUnit OrgUnit { get; set; } = null!;
    public int? ParentBodyId { get; set; }
    public Body? ParentBody { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A post in a body: how many may hold it at once, its rung on the ladder, an optional term.</summary>
public sealed class Post : IAudited
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public required string Title { get; set; }
    public int Seats { get; set; } = 1;
    public int RungId { get; set; }
    public Rung Rung { get; set; } = null!;
    /// <summary>A term in months: an assignment is due to end this long after it starts.</summary>
    public int? TermMonths { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

sealed class BodyConfiguration : IEntityTypeConfiguration<BodyKind>, IEntityTypeConfiguration<Body>, IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<BodyKind> e)
    {
        Label.Configure(e);
        e.HasData(BodyKind.Defaults.Select((k, i) => new BodyKind { Id = i + 1, Code = k.Code, Name = k.Name, SortOrder = (i + 1) * 10 }));
    }

    public void Configure(EntityTypeBuilder<Body> e)
    {
        e.Property(b => b.Name).HasMaxLength(200);
        e.Property(b => b.Description).HasMaxLength(4000);
        e.HasIndex(b => b.OrgUnitId);
        e.HasIndex(b => b.ParentBodyId);
        e.HasOne(b => b.Kind).WithMany().HasForeignKey(b => b.KindId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(b => b.OrgUnit).WithMany().HasForeignKey(b => b.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(b => b.ParentBody).WithMany().HasForeignKey(b => b.ParentBodyId).OnDelete(DeleteBehavior.Restrict);
        e.Property(b => b.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Post> e)
    {
        e.Property(p => p.Title).HasMaxLength(200);
        e.HasIndex(p => p.BodyId);
        e.HasOne(p => p.Body).WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.Rung).WithMany().HasForeignKey(p => p.RungId).OnDelete(DeleteBehavior.Restrict);
        e.Property(p => p.Version).IsConcurrencyToken();
    }
}
