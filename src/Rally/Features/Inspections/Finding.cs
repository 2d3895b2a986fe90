using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Bodies;
using Rally.Features.Labels;

namespace Rally.Features.Inspections;

/// <summary>
/// A state of the finding workflow, as data. The flags say what the state means to the rules:
/// whether the responsible body still owes a fix (the deadline runs and it can be overdue),
/// whether it is a verified fix (the only thing a fix rate counts), whether it is closed.
/// </summary>
public sealed class FindingState : Label
{
    public bool IsInitial { get; set; }
    public bool AwaitsFix { get; set; }
    public bool IsVerifiedFix { get; set; }
    public bool IsClosed { get; set; }
    /// <summary>Entering this state sets a new deadline from the day it is entered (reopened).</summary>
    public bool RestartsDeadline { get; set; }

    public const string Open = "open", Acknowledged = "acknowledged", InProgress = "in-progress", ReportedFixed = "reported-fixed",
        VerifiedFixed = "verified-fixed", ClosedNotFixed = "closed-not-fixed", Reopened = "reopened";

    public static readonly IReadOnlyList<FindingState> Defaults =
    [
        new() { Id = 1, Code = Open, Name = "Open", SortOrder = 10, IsInitial = true, AwaitsFix = true },
        new() { Id = 2, Code = Acknowledged, Name = "Acknowledged", SortOrder = 20, AwaitsFix = true },
        new() { Id = 3, Code = InProgress, Name = "In progress", SortOrder = 30, AwaitsFix = true },
        new() { Id = 4, Code = ReportedFixed, Name = "Reported fixed", SortOrder = 40 },
        new() { Id = 5, Code = VerifiedFixed, Name = "Verified fixed", SortOrder = 50, IsVerifiedFix = true, IsClosed = true },
        new() { Id = 6, Code = ClosedNotFixed, Name = "Closed, not fixed", SortOrder = 60, IsClosed = true },
        new() { Id = 7, Code = Reopened, Name = "Reopened", SortOrder = 70, AwaitsFix = true, RestartsDeadline = true },
    ];
}

/// <summary>What a transition asks of whoever takes it, besides the role.</summary>
public static class TransitionRules
{
    /// <summary>The taker reports the fix; a later verification must come from someone else.</summary>
    public const string ReportFix = "report-fix";
    /// <summary>Only a member of the control group, not the one who reported the fix, after re-inspecting (a date and what was seen).</summary>
    public const string Verify = "verify";
    /// <summary>A note saying why is required.</summary>
    public const string Reason = "reason";

    public static readonly IReadOnlyList<string> All = [ReportFix, Verify, Reason];
}

/// <summary>An allowed step of the workflow, as data; anything not listed is refused (409).</summary>
public sealed class FindingTransition
{
    public int Id { get; set; }
    public int FromStateId { get; set; }
    public int ToStateId { get; set; }
    public string? Rule { get; set; }

    public static readonly IReadOnlyList<(string From, string To, string? Rule)> Defaults =
    [
        (FindingState.Open, FindingState.Acknowledged, null),
        (FindingState.Open, FindingState.InProgress, null),
        (FindingState.Open, FindingState.ReportedFixed, TransitionRules.ReportFix),
        (FindingState.Open, FindingState.ClosedNotFixed, TransitionRules.Reason),
        (FindingState.Acknowledged, FindingState.InProgress, null),
        (FindingState.Acknowledged, FindingState.ReportedFixed, TransitionRules.ReportFix),
        (FindingState.Acknowledged, FindingState.ClosedNotFixed, TransitionRules.Reason),
        (FindingState.InProgress, FindingState.ReportedFixed, TransitionRules.ReportFix),
        (FindingState.InProgress, FindingState.ClosedNotFixed, TransitionRules.Reason),
        (FindingState.ReportedFixed, FindingState.VerifiedFixed, TransitionRules.Verify),
        (FindingState.ReportedFixed, FindingState.Reopened, TransitionRules.Reason),
        (FindingState.ReportedFixed, FindingState.ClosedNotFixed, TransitionRules.Reason),
        (FindingState.VerifiedFixed, FindingState.Reopened, TransitionRules.Reason),
        (FindingState.ClosedNotFixed, FindingState.Reopened, TransitionRules.Reason),
        (FindingState.Reopened, FindingState.Acknowledged, null),
        (FindingState.Reopened, FindingState.InProgress, null),
        (FindingState.Reopened, FindingState.ReportedFixed, TransitionRules.ReportFix),
        (FindingState.Reopened, FindingState.ClosedNotFixed, TransitionRules.Reason),
    ];
}

/// <summary>
/// Something wrong found in an inspection, assigned to the body that must put it right by a
/// deadline that follows from its severity. Its state moves only through <see cref="ChangeFindingState"/>.
/// </summary>
public sealed class Finding : IAudited
{
    public int Id { get; set; }
    public int InspectionId { get; set; }
    public Inspection Inspection { get; set; } = null!;
    /// <summary>The checklist item that failed, when the finding comes from one.</summary>
    public int? ItemId { get; set; }
    public required string Description { get; set; }
    public int SeverityId { get; set; }
    public Severity Severity { get; set; } = null!;
    public int ResponsibleBodyId { get; set; }
    public Body ResponsibleBody { get; set; } = null!;
    public int StateId { get; set; }
    public FindingState State { get; set; } = null!;
    public DateOnly FoundOn { get; set; }
    /// <summary>The last day to fix it: found (or reopened) on + the severity's days.</summary>
    public DateOnly Deadline { get; set; }
    public DateTimeOffset StateSince { get; set; }
    /// <summary>Who reported it fixed (user and, if linked, member): a verification must come from someone else.</summary>
    public string? ReportedFixedByUserId { get; set; }
    public int? ReportedFixedByMemberId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>One step a finding took (its history); each is also an entry in the tamper-evident logbook.</summary>
public sealed class FindingEvent
{
    public long Id { get; set; }
    public int FindingId { get; set; }
    public int? FromStateId { get; set; }
    public int ToStateId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ByUserName { get; set; }
    public string? ByUserId { get; set; }
    public int? ByMemberId { get; set; }
    public string? Note { get; set; }
    public DateOnly? ReinspectedOn { get; set; }
    public long LogbookSequence { get; set; }
}

/// <summary>Evidence for a finding: an image or a PDF whose type was read from its content; the bytes are kept apart.</summary>
public sealed class FindingAttachment : IAudited
{
    public int Id { get; set; }
    public int FindingId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>The bytes of an attachment, in their own table so lists of attachments never read them.</summary>
public sealed class FindingAttachmentContent
{
    public int AttachmentId { get; set; }
    public FindingAttachment Attachment { get; set; } = null!;
    public required byte[] Bytes { get; set; }
}

sealed class FindingConfiguration : IEntityTypeConfiguration<FindingState>, IEntityTypeConfiguration<FindingTransition>, IEntityTypeConfiguration<Finding>,
    IEntityTypeConfiguration<FindingEvent>, IEntityTypeConfiguration<FindingAttachment>, IEntityTypeConfiguration<FindingAttachmentContent>
{
    public void Configure(EntityTypeBuilder<FindingState> e)
    {
        Label.Configure(e);
        e.HasData(FindingState.Defaults);
    }

    public void Configure(EntityTypeBuilder<FindingTransition> e)
    {
        e.Property(t => t.Rule).HasMaxLength(20);
        e.HasIndex(t => new { t.FromStateId, t.ToStateId }).IsUnique();
        e.HasOne<FindingState>().WithMany().HasForeignKey(t => t.FromStateId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<FindingState>().WithMany().HasForeignKey(t => t.ToStateId).OnDelete(DeleteBehavior.Restrict);
        var id = FindingState.Defaults.ToDictionary(s => s.Code, s => s.Id);
        e.HasData(FindingTransition.Defaults.Select((t, i) => new FindingTransition { Id = i + 1, FromStateId = id[t.From], ToStateId = id[t.To], Rule = t.Rule }));
    }

    public void Configure(EntityTypeBuilder<Finding> e)
    {
        e.Property(f => f.Description).HasMaxLength(4000);
        e.Property(f => f.ReportedFixedByUserId).HasMaxLength(450);
        e.Property(f => f.CreatedBy).HasMaxLength(256);
        e.HasIndex(f => f.InspectionId);
        e.HasIndex(f => new { f.ResponsibleBodyId, f.StateId });
        e.HasIndex(f => new { f.StateId, f.Deadline });
        e.HasOne(f => f.Inspection).WithMany().HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ChecklistItem>().WithMany().HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(f => f.Severity).WithMany().HasForeignKey(f => f.SeverityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(f => f.ResponsibleBody).WithMany().HasForeignKey(f => f.ResponsibleBodyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(f => f.State).WithMany().HasForeignKey(f => f.StateId).OnDelete(DeleteBehavior.Restrict);
        e.Property(f => f.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<FindingEvent> e)
    {
        e.Property(x => x.ByUserName).HasMaxLength(256);
        e.Property(x => x.ByUserId).HasMaxLength(450);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.HasIndex(x => new { x.FindingId, x.At });
        e.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<FindingAttachment> e)
    {
        e.Property(a => a.FileName).HasMaxLength(255);
        e.Property(a => a.ContentType).HasMaxLength(100);
        e.Property(a => a.Sha256).HasMaxLength(64);
        e.Property(a => a.UploadedBy).HasMaxLength(256);
        e.HasIndex(a => a.FindingId);
        e.HasOne<Finding>().WithMany().HasForeignKey(a => a.FindingId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<FindingAttachmentContent> e)
    {
        e.HasKey(c => c.AttachmentId);
        e.HasOne(c => c.Attachment).WithOne().HasForeignKey<FindingAttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
