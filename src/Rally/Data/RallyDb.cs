using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Bodies;
using Rally.Features.Education;
using Rally.Features.Inspections;
using Rally.Features.Ladder;
using Rally.Features.Logbook;
using Rally.Features.Decisions;
using Rally.Features.Placements;
using Rally.Features.Campaigns;
using Rally.Features.Conversations;
using Rally.Features.Imports;
using Rally.Features.StructureTests;
using Rally.Features.Audit;
using Rally.Features.Categories;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Data;

/// <summary>
/// The one DbContext. Each provider has a sealed subclass only so that its migrations can
/// live beside it (EF keys a migration set by context type); the model is the same.
/// </summary>
public abstract class RallyDb(DbContextOptions options, Actor actor) : IdentityDbContext<User>(options)
{
    public DbSet<OrgUnitKind> OrgUnitKinds => Set<OrgUnitKind>();
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<AdmissionCriterion> AdmissionCriteria => Set<AdmissionCriterion>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberStatusChange> MemberStatusChanges => Set<MemberStatusChange>();
    public DbSet<Admission> Admissions => Set<Admission>();
    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AssessmentScale> AssessmentScales => Set<AssessmentScale>();
    public DbSet<ScaleLevel> ScaleLevels => Set<ScaleLevel>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<IssueTag> IssueTags => Set<IssueTag>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationIssue> ConversationIssues => Set<ConversationIssue>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignOrganiser> CampaignOrganisers => Set<CampaignOrganiser>();
    public DbSet<CampaignTarget> CampaignTargets => Set<CampaignTarget>();
    public DbSet<StructureTest> StructureTests => Set<StructureTest>();
    public DbSet<Participation> Participations => Set<Participation>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();
    public DbSet<ImportUpdate> ImportUpdates => Set<ImportUpdate>();
    public DbSet<ImportReview> ImportReviews => Set<ImportReview>();
    public DbSet<BodyKind> BodyKinds => Set<BodyKind>();
    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Rung> Rungs => Set<Rung>();
    public DbSet<RungProgramme> RungProgrammes => Set<RungProgramme>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<ProgrammeKind> ProgrammeKinds => Set<ProgrammeKind>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<EducationSession> EducationSessions => Set<EducationSession>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<Distribution> Distributions => Set<Distribution>();
    public DbSet<LogbookEntry> LogbookEntries => Set<LogbookEntry>();
    public DbSet<Rally.Features.Council.Apportionment> Apportionments => Set<Rally.Features.Council.Apportionment>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<Overseer> Overseers => Set<Overseer>();
    public DbSet<DecisionKind> DecisionKinds => Set<DecisionKind>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<InspectionTarget> InspectionTargets => Set<InspectionTarget>();
    public DbSet<Checklist> Checklists => Set<Checklist>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<Severity> Severities => Set<Severity>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<InspectionAnswer> InspectionAnswers => Set<InspectionAnswer>();
    public DbSet<FindingState> FindingStates => Set<FindingState>();
    public DbSet<FindingTransition> FindingTransitions => Set<FindingTransition>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<FindingEvent> FindingEvents => Set<FindingEvent>();
    public DbSet<FindingAttachment> FindingAttachments => Set<FindingAttachment>();
    public DbSet<FindingAttachmentContent> FindingAttachmentContents => Set<FindingAttachmentContent>();

    public Actor Actor { get; } = actor;

    /// <summary>Names the next save's audit action (archive, erase, ...) instead of create/update.</summary>
    public string? AuditAction { get; set; }

    /// <summary>Fields whose values the next save must not write into the trail (privacy erasure).</summary>
    public IReadOnlySet<string>? AuditRedacted { get; set; }

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RallyDb).Assembly);
        if (IsPostgres)
        {
            // Paths and search keys are compared as byte ranges; a linguistic collation would
            // ignore the '/' separators and break both the ordering and the index.
            builder.Entity<OrgUnit>().Property(u => u.Path).UseCollation("C");
            builder.Entity<Member>().Property(m => m.LastNameKey).UseCollation("C");
            builder.Entity<Member>().Property(m => m.FirstNameKey).UseCollation("C");
            builder.Entity<Member>().Property(m => m.MembershipNumber).UseCollation("C");
            builder.Entity<AuditEntry>().Property(a => a.ScopePath).UseCollation("C");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite cannot order or compare DateTimeOffset; store it as UTC ticks there.
        if (!IsPostgres)
            configuration.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Every save writes its audit entries in the same transaction: the changes are read before
    /// the save (original values are gone after it) and written after it (new ids are known then).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            // The action and redactions name one save, whether it succeeded or not.
            AuditAction = null;
            AuditRedacted = null;
        }
    }

    /// <summary>Saves, or answers false when someone else changed a row first (its version moved on).</summary>
    public async Task<bool> SaveUnlessStaleAsync(CancellationToken ct)
    {
        try
        {
            await SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    async Task<int> SaveAuditedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var pending = AuditTrail.Collect(this);
        // Campaign progress is kept as the history it counts is written, in the same transaction.
        var progress = CampaignProgressDeltas.Of(this);
        if (pending.Count == 0 && progress is null)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var kept = progress is null ? null : await CampaignProgressDeltas.BeginAsync(this, progress, cancellationToken);
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (kept is not null) await kept.CompleteAsync(cancellationToken);
            if (pending.Count > 0)
            {
                AuditEntries.AddRange(await AuditTrail.ToEntriesAsync(this, pending, cancellationToken));
                await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            if (own is not null)
                await own.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }
}

public sealed class SqliteRallyDb(DbContextOptions<SqliteRallyDb> options, Actor actor) : RallyDb(options, actor);

public sealed class PostgresRallyDb(DbContextOptions<PostgresRallyDb> options, Actor actor) : RallyDb(options, actor);
