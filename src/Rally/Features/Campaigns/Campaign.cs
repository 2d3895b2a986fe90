using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Features.StructureTests;

namespace Rally.Features.Campaigns;

/// <summary>What a campaign is measured against.</summary>
public static class GoalKinds
{
    /// <summary>A share of the targets at or better than a level on a scale.</summary>
    public const string LevelShare = "level-share";
    /// <summary>A number of conversations with targets.</summary>
    public const string Conversations = "conversations";
    /// <summary>A share of the targets taking part in a structure test.</summary>
    public const string StructureTestShare = "structure-test-share";
    public static readonly IReadOnlyList<string> All = [LevelShare, Conversations, StructureTestShare];
}

/// <summary>
/// A drive to move a segment of members: the segment is a saved filter (<see cref="CampaignSegment"/>),
/// the goal one of <see cref="GoalKinds"/>, the turf its targets split among its organisers.
/// </summary>
public sealed class Campaign : IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The unit that runs it: scoping and the segment's subtree both hang on it.</summary>
    public int OrgUnitId { get; set; }
    public OrgUnit OrgUnit { get; set; } = null!;
    /// <summary>The segment as JSON (<see cref="CampaignSegment"/>), so a new filter needs no migration.</summary>
    public required string Segment { get; set; }
    public required string GoalKind { get; set; }
    /// <summary>For level-share goals: the scale and the level to reach (at or better).</summary>
    public int? GoalScaleId { get; set; }
    public int? GoalLevel { get; set; }
    /// <summary>For share goals: the share of targets, 0..1.</summary>
    public decimal? GoalShare { get; set; }
    /// <summary>For conversation goals: how many.</summary>
    public int? GoalCount { get; set; }
    public int? GoalStructureTestId { get; set; }
    public StructureTest? GoalStructureTest { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly Deadline { get; set; }
    public List<CampaignOrganiser> Organisers { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>The saved filter of a campaign's targets; every part is optional and they all narrow.</summary>
/// <remarks>Categories, workplace and statuses are codes, as in the member list's filters; the subtree is the campaign's unit.</remarks>
public sealed record CampaignSegment(
    IReadOnlyList<string>? Categories = null,
    string? Workplace = null,
    IReadOnlyList<string>? Statuses = null,
    int? ScaleId = null,
    int? MinLevel = null,
    int? MaxLevel = null,
    DateOnly? ContactedSince = null,
    DateOnly? NotContactedSince = null,
    /// <summary>An issue tag code: members who raised it in a conversation (since <see cref="ContactedSince"/> if set).</summary>
    string? RaisedIssue = null);

public sealed class CampaignOrganiser
{
    public int CampaignId { get; set; }
    public required string UserId { get; set; }
    public User User { get; set; } = null!;
}

/// <summary>
/// One target of a campaign and whose turf it is in. Written in bulk when the turf is split (by
/// workplace or evenly) and rewritten when it is reassigned; a null organiser is uncovered.
/// </summary>
public sealed class CampaignTarget
{
    public int CampaignId { get; set; }
    public int MemberId { get; set; }
    public string? OrganiserId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    /// <summary>
    /// The member's workplace when the target was written: a snapshot (like <c>Conversation.WorkplaceId</c>),
    /// so turf and progress by workplace read it here and never join the members (CampaignTargetWorkplace).
    /// </summary>
    public int? WorkplaceId { get; set; }
}

sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>, IEntityTypeConfiguration<CampaignOrganiser>, IEntityTypeConfiguration<CampaignTarget>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Description).HasMaxLength(4000);
        e.Property(c => c.Segment).HasMaxLength(4000);
        e.Property(c => c.GoalKind).HasMaxLength(40);
        e.Property(c => c.GoalShare).HasPrecision(5, 4);
        e.Property(c => c.CreatedBy).HasMaxLength(256);
        e.HasIndex(c => c.OrgUnitId);
        e.HasOne(c => c.OrgUnit).WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(c => c.GoalStructureTest).WithMany().HasForeignKey(c => c.GoalStructureTestId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Organisers).WithOne().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.Property(c => c.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<CampaignOrganiser> e)
    {
        e.HasKey(o => new { o.CampaignId, o.UserId });
        e.HasOne(o => o.User).WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CampaignTarget> e)
    {
        e.HasKey(t => new { t.CampaignId, t.MemberId });
        // An organiser's turf across campaigns (the queue) and a member's campaigns are one range each.
        e.HasIndex(t => new { t.OrganiserId, t.CampaignId });
        e.HasIndex(t => t.MemberId);
        // Progress reads a campaign's targets in member order with their workplace from this index alone (CampaignTargetWorkplace).
        e.HasIndex(t => new { t.CampaignId, t.MemberId, t.WorkplaceId });
        e.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<User>().WithMany().HasForeignKey(t => t.OrganiserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.WorkplaceId).OnDelete(DeleteBehavior.Restrict);
    }
}
