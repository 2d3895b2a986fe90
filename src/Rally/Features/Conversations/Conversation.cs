using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Accounts;
using Rally.Features.Labels;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.Conversations;

/// <summary>An issue workers raise (wages, hours, safety, food supply, ...): a configurable list.</summary>
public sealed class IssueTag : Label
{
    public static readonly LabelList<IssueTag> List = new(
        Noun: "issue tag", Route: "issue-tags", Tag: "Issue tags",
        OperationName: ("IssueTag", "IssueTags"), Described: ("issue tag", "issue tags"));

    /// <summary>The tags every install starts with.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Defaults =
    [
        ("wages", "Wages"), ("hours", "Hours"), ("safety", "Safety"), ("food-supply", "Food supply"),
        ("fuel", "Fuel"), ("housing", "Housing"), ("sickness", "Sickness and injury"), ("treatment", "Treatment by management"),
    ];
}

/// <summary>How a conversation was held.</summary>
public static class Channels
{
    public const string InPerson = "in-person";
    public const string Phone = "phone";
    public const string Meeting = "meeting";
    public const string Letter = "letter";
    public static readonly IReadOnlyList<string> All = [InPerson, Phone, Meeting, Letter];
}

/// <summary>A one-on-one with a member, recorded by the organiser who held it.</summary>
public sealed class Conversation : IAudited
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public DateTimeOffset HeldAt { get; set; }
    /// <summary>The organiser who held it.</summary>
    public required string HeldById { get; set; }
    public User HeldBy { get; set; } = null!;
    public required string Channel { get; set; }
    /// <summary>The member's workplace when it was held, for the issues map (members move).</summary>
    public int? WorkplaceId { get; set; }
    public string? Ask { get; set; }
    public string? Commitment { get; set; }
    public string? Notes { get; set; }
    /// <summary>The campaign it was held for, if any.</summary>
    public int? CampaignId { get; set; }
    public List<ConversationIssue> Issues { get; set; } = [];
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

public sealed class ConversationIssue
{
    public long ConversationId { get; set; }
    public int IssueTagId { get; set; }
}

/// <summary>A next step with a due date, in its assignee's queue until done. Overdue is computed, never stored.</summary>
public sealed class FollowUp : IAudited
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public required string AssigneeId { get; set; }
    public User Assignee { get; set; } = null!;
    public DateOnly DueOn { get; set; }
    /// <summary>What to do: "bring the petition", "ask about the fuel ration".</summary>
    public required string Action { get; set; }
    public long? ConversationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public int Version { get; set; }
}

sealed class ConversationConfiguration : IEntityTypeConfiguration<IssueTag>, IEntityTypeConfiguration<Conversation>,
    IEntityTypeConfiguration<ConversationIssue>, IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<IssueTag> e)
    {
        Label.Configure(e);
        e.HasData(IssueTag.Defaults.Select((t, i) => new IssueTag { Id = i + 1, Code = t.Code, Name = t.Name, SortOrder = (i + 1) * 10 }));
    }

    public void Configure(EntityTypeBuilder<Conversation> e)
    {
        e.Property(c => c.Channel).HasMaxLength(20);
        e.Property(c => c.Ask).HasMaxLength(2000);
        e.Property(c => c.Commitment).HasMaxLength(2000);
        e.Property(c => c.Notes).HasMaxLength(4000);
        e.Property(c => c.RecordedBy).HasMaxLength(256);
        // "Contacted since" and the last contact per member are one seek.
        e.HasIndex(c => new { c.MemberId, c.HeldAt });
        e.HasIndex(c => new { c.HeldAt, c.WorkplaceId });
        e.HasIndex(c => c.CampaignId);
        e.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(c => c.HeldBy).WithMany().HasForeignKey(c => c.HeldById).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.WorkplaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Issues).WithOne().HasForeignKey(i => i.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ConversationIssue> e)
    {
        e.HasKey(i => new { i.ConversationId, i.IssueTagId });
        e.HasIndex(i => i.IssueTagId);
        e.HasOne<IssueTag>().WithMany().HasForeignKey(i => i.IssueTagId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<FollowUp> e)
    {
        e.Property(f => f.Action).HasMaxLength(500);
        e.Property(f => f.CreatedBy).HasMaxLength(256);
        e.Property(f => f.DoneBy).HasMaxLength(256);
        // "My open follow-ups, by due date" is one range.
        e.HasIndex(f => new { f.AssigneeId, f.DoneAt, f.DueOn });
        e.HasIndex(f => f.MemberId);
        e.HasOne<Member>().WithMany().HasForeignKey(f => f.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(f => f.Assignee).WithMany().HasForeignKey(f => f.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(f => f.Version).IsConcurrencyToken();
    }
}
