using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Placements;
using Rally.Web;

namespace Rally.Features.Decisions;

/// <summary>
/// An overseer of the placement co-signs a pending decision (it takes effect) or rejects it with a
/// reason. Nobody signs their own decision; anyone but an active overseer is refused (403); a decision
/// no longer pending is a 409 naming its state. The event goes into the logbook in the same transaction.
/// </summary>
public static class SignDecision
{
    public sealed record RejectRequest(string? Reason);

    public static Task<Outcome<DecisionView>> CoSignAsync(RallyDb db, Caller caller, TimeProvider clock, long id, CancellationToken ct) =>
        SignAsync(db, caller, clock, id, reject: false, reason: null, ct);

    public static Task<Outcome<DecisionView>> RejectAsync(RallyDb db, Caller caller, TimeProvider clock, long id, RejectRequest r, CancellationToken ct) =>
        SignAsync(db, caller, clock, id, reject: true, reason: r.Reason, ct);

    static async Task<Outcome<DecisionView>> SignAsync(RallyDb db, Caller caller, TimeProvider clock, long id, bool reject, string? reason, CancellationToken ct)
    {
        var placements = (await Oversight.VisibleAsync(db, caller, ct)).Select(p => p.Id);
        var decision = await db.Decisions.Include(d => d.Placement).Include(d => d.Kind)
            .FirstOrDefaultAsync(d => d.Id == id && placements.Contains(d.PlacementId), ct);
        if (decision is null) return Outcome<DecisionView>.NotFound();

        var today = Oversight.Today(clock);
        var me = await Oversight.MemberOfAsync(db, caller, ct);
        var overseer = me is { } m && await Oversight.IsActiveOverseerAsync(db, decision.Placement, m, today, ct);
        var refusal = DecisionRules.CheckSigner(new(decision.Status, decision.RecordedByUserId, decision.Placement.MemberId), new(caller.UserId ?? "", me, overseer));
        if (refusal is not null)
            return refusal.Status == 409 ? Outcome<DecisionView>.Conflict(refusal.Reason) : Outcome<DecisionView>.Forbidden(refusal.Reason);
        if (reject)
        {
            var errors = new FieldErrors();
            errors.Required("reason", reason?.Trim(), 2000);
            if (errors.Any) return Outcome<DecisionView>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        decision.Status = reject ? DecisionRules.Rejected : DecisionRules.CoSigned;
        decision.EffectiveAt = reject ? null : now;
        decision.RejectionReason = reject ? reason!.Trim() : null;
        decision.SignedByMemberId = me;
        decision.SignedByUserId = caller.UserId;
        decision.SignedBy = caller.Name;
        decision.SignedAt = now;
        decision.Version++;
        db.AuditAction = reject ? "reject" : "co-sign";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Logbook.Logbook.AppendAsync(db, reject ? "decision-rejected" : "decision-cosigned", "Decision", decision.Id,
            RecordDecision.Payload(decision, decision.Placement.MemberId, decision.Placement.BodyId, decision.Kind.Code, me), ct);
        // Two overseers at once: the second finds the version moved on, and the decision no longer pending.
        if (!await db.SaveUnlessStaleAsync(ct))
            return Outcome<DecisionView>.Conflict("Someone else co-signed or rejected this decision first; reload it.");
        await tx.CommitAsync(ct);
        return Outcome<DecisionView>.Ok(await ListDecisions.ViewAsync(db, clock, id, ct));
    }
}
