using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Placements;
using Rally.Web;

namespace Rally.Features.Decisions;

/// <summary>
/// Takes back a pending decision, with a reason: whoever recorded it, the specialist, or an officer over the body,
/// for instance when the placement has ended and nobody is left to co-sign. It never took effect; the event
/// goes into the logbook in the same transaction.
/// </summary>
public static class WithdrawDecision
{
    public sealed record Request(string? Reason);

    public static async Task<Outcome<DecisionView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, long id, Request r, CancellationToken ct)
    {
        var placements = (await Oversight.VisibleAsync(db, caller, ct)).Select(p => p.Id);
        // Placement and kind come along as tracked entities, so the decision's navigations are set.
        var row = await db.Decisions.Where(d => d.Id == id && placements.Contains(d.PlacementId))
            .Select(d => new { Decision = d, d.Placement, d.Kind, d.Placement.Body.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (row is null) return Outcome<DecisionView>.NotFound();
        var decision = row.Decision;

        var me = await Oversight.MemberOfAsync(db, caller, ct);
        var officer = await caller.CanAsync(Roles.Officer, row.Path, ct);
        var refusal = DecisionRules.CheckWithdrawer(new(decision.Status, decision.RecordedByUserId, decision.Placement.MemberId), caller.UserId ?? "", me, officer);
        if (refusal is not null)
            return refusal.Status == 409 ? Outcome<DecisionView>.Conflict(refusal.Reason) : Outcome<DecisionView>.Forbidden(refusal.Reason);
        var errors = new FieldErrors();
        errors.Required("reason", r.Reason?.Trim(), 2000);
        if (errors.Any) return Outcome<DecisionView>.Invalid(errors);

        decision.Status = DecisionRules.Withdrawn;
        decision.WithdrawalReason = r.Reason!.Trim();
        decision.WithdrawnBy = caller.Name;
        decision.WithdrawnAt = clock.GetUtcNow();
        decision.Version++;
        db.AuditAction = "withdraw";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Logbook.Logbook.AppendAsync(db, "decision-withdrawn", "Decision", decision.Id,
            RecordDecision.Payload(decision, decision.Placement.MemberId, decision.Placement.BodyId, decision.Kind.Code, me), ct);
        // Withdrawn and co-signed at the same moment: whichever saves second finds the version moved on.
        if (!await db.SaveUnlessStaleAsync(ct))
            return Outcome<DecisionView>.Conflict("Someone else co-signed, rejected or withdrew this decision first; reload it.");
        await tx.CommitAsync(ct);
        return Outcome<DecisionView>.Ok(await ListDecisions.ViewAsync(db, clock, id, ct));
    }
}
