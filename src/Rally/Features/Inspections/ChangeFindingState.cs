using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>
/// The one write path of the finding workflow (API and pages alike): a step must be one of the
/// transitions in the data (else 409 naming both states) and meet its rule; it needs the organizer
/// role on the target's unit or on the responsible body's unit. Every step is appended to the
/// finding's history and the tamper-evident logbook in the same transaction as the change.
/// </summary>
public static class ChangeFindingState
{
    public sealed record Request(string? To, string? Note, DateOnly? ReinspectedOn);

    public static async Task<Outcome<FindingDetail>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var finding = await (await InspectionAccess.FindingsAsync(db, caller, Roles.Viewer, ct))
            .Include(f => f.State).Include(f => f.Severity).Include(f => f.Inspection).ThenInclude(i => i.Target).Include(f => f.ResponsibleBody)
            .FirstOrDefaultAsync(f => f.Id == id, ct);
        if (finding is null) return Outcome<FindingDetail>.NotFound($"There is no finding {id}.");
        if (!await InspectionAccess.CanAsync(caller, Roles.Organizer, finding.Inspection.Target.OrgUnitId, db, ct)
            && !await InspectionAccess.CanAsync(caller, Roles.Organizer, finding.ResponsibleBody.OrgUnitId, db, ct))
            return Outcome<FindingDetail>.Forbidden("Moving a finding needs the organizer role on the target's unit or on the responsible body's unit.");
        if (expectedVersion is { } v && v != finding.Version) return Outcome<FindingDetail>.Stale();

        var errors = new FieldErrors();
        errors.Length("note", r.Note, 2000);
        FindingState? to = null;
        if (string.IsNullOrWhiteSpace(r.To)) errors.Add("to", "to is required: the code of the state to move to.");
        else
        {
            to = await db.FindingStates.FirstOrDefaultAsync(s => s.Code == r.To.Trim() && s.ArchivedAt == null, ct);
            if (to is null) errors.Add("to", $"There is no finding state '{r.To.Trim()}'.");
        }
        if (errors.Any) return Outcome<FindingDetail>.Invalid(errors);

        var transition = await db.FindingTransitions.AsNoTracking().FirstOrDefaultAsync(t => t.FromStateId == finding.StateId && t.ToStateId == to!.Id, ct);
        var today = FindingRules.Today(clock);
        var member = await InspectionAccess.CallerMemberAsync(db, caller, ct);
        var isGroupMember = member is { } m && transition?.Rule == TransitionRules.Verify
            && await InspectionAccess.IsGroupMemberAsync(db, m, finding.Inspection.ControlGroupId, today, ct);
        var judgement = FindingRules.Judge(new(
            finding.State.Code, finding.State.Name, to!.Code, to.Name, transition is not null, transition?.Rule,
            caller.UserId ?? "", member, isGroupMember, finding.ReportedFixedByUserId, finding.ReportedFixedByMemberId,
            r.Note, r.ReinspectedOn, DateOnly.FromDateTime(finding.StateSince.UtcDateTime), today));
        switch (judgement.Verdict)
        {
            case FindingRules.Verdict.Conflict: return Outcome<FindingDetail>.Conflict(judgement.Message!);
            case FindingRules.Verdict.Forbidden: return Outcome<FindingDetail>.Forbidden(judgement.Message!);
            case FindingRules.Verdict.Invalid: return Outcome<FindingDetail>.Invalid(judgement.Field!, judgement.Message!);
        }

        var from = (finding.StateId, finding.State.Code);
        finding.State = to;
        finding.StateId = to.Id;
        finding.StateSince = clock.GetUtcNow();
        if (transition!.Rule == TransitionRules.ReportFix)
            (finding.ReportedFixedByUserId, finding.ReportedFixedByMemberId) = (caller.UserId, member);
        if (to.RestartsDeadline)
        {
            finding.Deadline = FindingRules.Deadline(today, finding.Severity.DeadlineDays);
            (finding.ReportedFixedByUserId, finding.ReportedFixedByMemberId) = (null, null);
        }
        finding.Version++;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await FindingLog.AppendAsync(db, finding, from, (to.Id, to.Code), caller.UserId, member,
                string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(), transition.Rule == TransitionRules.Verify ? r.ReinspectedOn : null, ct);
            if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<FindingDetail>.Stale();
            await tx.CommitAsync(ct);
        }
        return Outcome<FindingDetail>.Ok(await FindingViews.DetailAsync(db, id, today, ct));
    }
}
