using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Bodies;
using Rally.Features.Education;
using Rally.Features.Inspections;
using Rally.Features.Ladder;
using Rally.Features.Campaigns;
using Rally.Features.Conversations;
using Rally.Features.Imports;
using Rally.Features.StructureTests;
using Rally.Features.Members;
using Rally.Features.Placements;
using Rally.Features.Decisions;
using Rally.Features.OrgUnits;

namespace Rally.Features.Audit;

/// <summary>Marks an entity whose every write goes into the audit trail.</summary>
public interface IAudited;

/// <summary>Turns tracked changes into audit entries; called by <see cref="RallyDb"/> on every save.</summary>
static class AuditTrail
{
    /// <summary>Fields that are derived, bookkeeping or secret: never written into the trail.</summary>
    static readonly HashSet<string> Skipped =
    [
        nameof(Member.Version), nameof(Member.UpdatedAt), nameof(Member.CreatedAt), nameof(Member.LastNameKey), nameof(Member.FirstNameKey),
        nameof(OrgUnit.Path), nameof(OrgUnit.Depth), nameof(AccessToken.Hash),
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName",
        "AccessFailedCount", "LockoutEnabled", "PhoneNumberConfirmed", "TwoFactorEnabled", "EmailConfirmed",
        // The entry itself says who, when and about whom.
        nameof(MemberStatusChange.MemberId), nameof(MemberStatusChange.RecordedAt), nameof(MemberStatusChange.RecordedBy),
        nameof(RoleGrant.UserId), nameof(RoleGrant.GrantedAt), nameof(RoleGrant.GrantedBy),
    ];

    /// <summary>
    /// Grants and tokens are filed under their user, and a revocation changes only RevokedAt:
    /// these unchanged fields say which grant or token it was (before = after).
    /// </summary>
    static readonly Dictionary<Type, (string Label, string Property)[]> Context = new()
    {
        [typeof(RoleGrant)] = [("GrantId", nameof(RoleGrant.Id)), ("Role", nameof(RoleGrant.Role)), ("OrgUnitId", nameof(RoleGrant.OrgUnitId))],
        [typeof(AccessToken)] = [("TokenId", nameof(AccessToken.Id)), ("Name", nameof(AccessToken.Name)), ("Prefix", nameof(AccessToken.Prefix))],
    };

    /// <summary>
    /// Skipped names that are not the entry's subject on these types, so they stay in the trail: the
    /// member a user account is, the specialist placed, the member who oversees.
    /// </summary>
    static readonly Dictionary<Type, HashSet<string>> Kept = new()
    {
        [typeof(User)] = [nameof(User.MemberId)],
        [typeof(Placement)] = [nameof(Placement.MemberId)],
        [typeof(Overseer)] = [nameof(Overseer.MemberId)],
    };

    static readonly HashSet<string> Secret = ["PasswordHash"];

    internal sealed record Pending(EntityEntry Entry, string Action, Dictionary<string, Change> Changes);

    internal sealed record Change(object? Before, object? After);

    public static List<Pending> Collect(RallyDb db)
    {
        var pending = new List<Pending>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is not IAudited || entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            var changes = new Dictionary<string, Change>();
            foreach (var p in entry.Properties)
            {
                var name = p.Metadata.Name;
                if (p.Metadata.IsPrimaryKey() || Skipped.Contains(name) && !Secret.Contains(name) && !(Kept.TryGetValue(entry.Metadata.ClrType, out var kept) && kept.Contains(name)))
                    continue;
                if (entry.State == EntityState.Added && p.CurrentValue is not null)
                    changes[name] = new(null, Show(db, name, p.CurrentValue));
                else if (entry.State == EntityState.Modified && p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                    changes[name] = new(Show(db, name, p.OriginalValue), Show(db, name, p.CurrentValue));
            }
            // A rung's programme is all key: say which one was added or taken off.
            if (entry.Entity is RungProgramme rp)
                changes[nameof(RungProgramme.ProgrammeId)] = entry.State == EntityState.Added ? new(null, rp.ProgrammeId) : new(rp.ProgrammeId, null);
            if (changes.Count == 0 && entry.State != EntityState.Deleted)
                continue;
            if (entry.State == EntityState.Modified && Context.TryGetValue(entry.Metadata.ClrType, out var context))
                foreach (var (label, property) in context)
                    if (!changes.ContainsKey(property) && entry.Property(property).CurrentValue is { } value)
                        changes[label] = new(value, value);
            var action = db.AuditAction ?? entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Deleted => "delete",
                _ => "update",
            };
            pending.Add(new(entry, action, changes));
        }
        return pending;
    }

    static object? Show(RallyDb db, string name, object? value) =>
        db.AuditRedacted?.Contains(name) == true ? "(erased)" : Secret.Contains(name) ? (value is null ? null : "(set)") : value;

    public static async Task<List<AuditEntry>> ToEntriesAsync(RallyDb db, List<Pending> pending, CancellationToken ct)
    {
        var at = db.Actor.Clock.GetUtcNow();
        var entries = new List<AuditEntry>(pending.Count);
        foreach (var (entry, action, changes) in pending)
        {
            // Status changes and admissions are part of the member's own story.
            var (type, id, act, unitId) = entry.Entity switch
            {
                Member m => ("Member", m.Id.ToString(), action, (int?)m.OrgUnitId),
                MemberStatusChange s => ("Member", s.MemberId.ToString(), "status-change", await MemberUnit(db, s.MemberId, ct)),
                Admission a => ("Member", a.MemberId.ToString(), "admit", a.OrgUnitId),
                OrgUnit u => ("OrgUnit", u.Id.ToString(), action, u.Id),
                AdmissionCriterion c => ("OrgUnit", c.OrgUnitId.ToString(), "criteria", c.OrgUnitId),
                RoleGrant g => ("User", g.UserId, action == "create" ? "grant" : action == "update" && g.RevokedAt is not null ? "revoke" : action, g.OrgUnitId),
                // Organizing records are part of the member's story too; campaigns, tests and imports scope to their unit.
                Assessment a => ("Member", a.MemberId.ToString(), "assess", await MemberUnit(db, a.MemberId, ct)),
                Conversation c => ("Member", c.MemberId.ToString(), action == "create" ? "conversation" : "conversation-" + action, await MemberUnit(db, c.MemberId, ct)),
                FollowUp f => ("Member", f.MemberId.ToString(), action == "create" ? "follow-up" : "follow-up-" + action, await MemberUnit(db, f.MemberId, ct)),
                Participation p => ("StructureTest", p.StructureTestId.ToString(), action == "create" ? "participation" : "participation-" + action, await MemberUnit(db, p.MemberId, ct)),
                Campaign c => ("Campaign", c.Id.ToString(), action, c.OrgUnitId),
                StructureTest t => ("StructureTest", t.Id.ToString(), action, t.OrgUnitId),
                // A scale's levels are part of the scale; a union's own scale is scoped to the union.
                AssessmentScale s => ("AssessmentScale", s.Id.ToString(), action, s.OrgUnitId),
                ScaleLevel l => ("AssessmentScale", l.ScaleId.ToString(), "level-" + action, await ScaleUnit(db, l.ScaleId, ct)),
                ImportBatch b => ("ImportBatch", b.Id.ToString(), action, b.IntoOrgUnitId),
                ImportReview r => ("ImportBatch", r.BatchId.ToString(), "review-" + action, await MemberUnit(db, r.CandidateMemberId, ct)),
                // Bodies and programmes scope to their unit; a member's posts and schooling are the member's story.
                Body b => ("Body", b.Id.ToString(), action, b.OrgUnitId),
                Post p => ("Body", p.BodyId.ToString(), "post-" + action, await BodyUnit(db, p.BodyId, ct)),
                Assignment a => ("Member", a.MemberId.ToString(), action == "create" ? "assignment" : "assignment-" + action, await MemberUnit(db, a.MemberId, ct)),
                Rung r => ("Rung", r.Id.ToString(), action, null),
                RungProgramme p => ("Rung", p.RungId.ToString(), "programme-" + action, null),
                Programme p => ("Programme", p.Id.ToString(), action, p.OrgUnitId),
                EducationSession s => ("Programme", s.ProgrammeId.ToString(), "session-" + action, await ProgrammeUnit(db, s.ProgrammeId, ct)),
                Enrolment e => ("Member", e.MemberId.ToString(), action == "create" ? "enrolment" : "enrolment-" + action, await MemberUnit(db, e.MemberId, ct)),
                Attendance a => ("Member", a.MemberId.ToString(), action == "create" ? "attendance" : "attendance-" + action, await MemberUnit(db, a.MemberId, ct)),
                Distribution d => ("Distribution", d.Id.ToString(), action, d.WorkplaceId),
                // A specialist's placement and its decisions scope to the body's unit; overseers are part of the placement.
                Placement p => ("Placement", p.Id.ToString(), action, await BodyUnit(db, p.BodyId, ct)),
                Overseer o => ("Placement", o.PlacementId.ToString(), "overseer-" + action, await PlacementUnit(db, o.PlacementId, ct)),
                Decision d => ("Decision", d.Id.ToString(), action, await PlacementUnit(db, d.PlacementId, ct)),
                // Inspections scope to their target's unit; answers, findings and evidence are part of the inspection's story.
                InspectionTarget t => ("InspectionTarget", t.Id.ToString(), action, t.OrgUnitId),
                Inspection i => ("Inspection", i.Id.ToString(), action, await TargetUnit(db, i.TargetId, ct)),
                InspectionAnswer a => ("Inspection", a.InspectionId.ToString(), "answer-" + action, await InspectionUnit(db, a.InspectionId, ct)),
                Finding f => ("Finding", f.Id.ToString(), action, await InspectionUnit(db, f.InspectionId, ct)),
                FindingAttachment a => ("Finding", a.FindingId.ToString(), "attachment-" + action, await FindingUnit(db, a.FindingId, ct)),
                AccessToken t => ("User", t.UserId, action == "create" ? "token-create" : t.RevokedAt is not null ? "token-revoke" : "token-update", null),
                _ => (entry.Metadata.ClrType.Name, string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)), action, (int?)null),
            };
            string? scope = unitId is null ? null : await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            entries.Add(new AuditEntry
            {
                At = at,
                UserId = db.Actor.UserId,
                UserName = db.Actor.Name,
                Action = act,
                EntityType = type,
                EntityId = id,
                Changes = JsonSerializer.Serialize(changes.ToDictionary(c => char.ToLowerInvariant(c.Key[0]) + c.Key[1..], c => new { before = c.Value.Before, after = c.Value.After })),
                ScopePath = scope,
            });
        }
        return entries;
    }

    static async Task<int?> ScaleUnit(RallyDb db, int scaleId, CancellationToken ct) =>
        db.AssessmentScales.Local.FirstOrDefault(s => s.Id == scaleId)?.OrgUnitId
        ?? await db.AssessmentScales.Where(s => s.Id == scaleId).Select(s => s.OrgUnitId).FirstOrDefaultAsync(ct);

    static async Task<int?> BodyUnit(RallyDb db, int bodyId, CancellationToken ct) =>
        db.Bodies.Local.FirstOrDefault(b => b.Id == bodyId)?.OrgUnitId
        ?? await db.Bodies.Where(b => b.Id == bodyId).Select(b => (int?)b.OrgUnitId).FirstOrDefaultAsync(ct);

    static async Task<int?> PlacementUnit(RallyDb db, int placementId, CancellationToken ct) =>
        db.Placements.Local.FirstOrDefault(p => p.Id == placementId) is { } p
            ? await BodyUnit(db, p.BodyId, ct)
            : await db.Placements.Where(p => p.Id == placementId).Select(p => (int?)p.Body.OrgUnitId).FirstOrDefaultAsync(ct);

    static async Task<int?> ProgrammeUnit(RallyDb db, int programmeId, CancellationToken ct) =>
        db.Programmes.Local.FirstOrDefault(p => p.Id == programmeId)?.OrgUnitId
        ?? await db.Programmes.Where(p => p.Id == programmeId).Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct);

    static async Task<int?> TargetUnit(RallyDb db, int targetId, CancellationToken ct) =>
        db.InspectionTargets.Local.FirstOrDefault(t => t.Id == targetId)?.OrgUnitId
        ?? await db.InspectionTargets.Where(t => t.Id == targetId).Select(t => (int?)t.OrgUnitId).FirstOrDefaultAsync(ct);

    static async Task<int?> InspectionUnit(RallyDb db, int inspectionId, CancellationToken ct) =>
        db.Inspections.Local.FirstOrDefault(i => i.Id == inspectionId) is { } i ? await TargetUnit(db, i.TargetId, ct)
        : await db.Inspections.Where(i => i.Id == inspectionId).Select(i => (int?)i.Target.OrgUnitId).FirstOrDefaultAsync(ct);

    static async Task<int?> FindingUnit(RallyDb db, int findingId, CancellationToken ct) =>
        db.Findings.Local.FirstOrDefault(f => f.Id == findingId) is { } f ? await InspectionUnit(db, f.InspectionId, ct)
        : await db.Findings.Where(f => f.Id == findingId).Select(f => (int?)f.Inspection.Target.OrgUnitId).FirstOrDefaultAsync(ct);

    static async Task<int?> MemberUnit(RallyDb db, int memberId, CancellationToken ct) =>
        db.Members.Local.FirstOrDefault(m => m.Id == memberId)?.OrgUnitId
        ?? await db.Members.Where(m => m.Id == memberId).Select(m => (int?)m.OrgUnitId).FirstOrDefaultAsync(ct);
}
