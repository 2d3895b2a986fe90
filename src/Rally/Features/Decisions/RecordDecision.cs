using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Placements;
using Rally.Web;

namespace Rally.Features.Decisions;

/// <summary>
/// Records a specialist's decision: the one write path the API and the pages share. A kind that needs
/// co-signature leaves it pending (no effect yet); the event goes into the logbook in the same transaction.
/// </summary>
public static class RecordDecision
{
    /// <param name="Kind">A decision kind's code (procurement, hiring, technical-note, ...).</param>
    public sealed record Request(int? PlacementId, string? Kind, string? Title, string? Details);

    public static async Task<Outcome<DecisionView>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (r.PlacementId is null) errors.Add("placementId", "placementId is required.");
        if (string.IsNullOrWhiteSpace(r.Kind)) errors.Add("kind", "kind is required.");
        errors.Required("title", r.Title?.Trim(), 300);
        errors.Length("details", r.Details?.Trim(), 4000);
        if (errors.Any) return Outcome<DecisionView>.Invalid(errors);

        var placement = await (await Oversight.VisibleAsync(db, caller, ct)).AsNoTracking()
            .Where(p => p.Id == r.PlacementId).Select(p => new { p.Id, p.MemberId, p.BodyId, p.StartsOn, p.EndsOn, p.Body.OrgUnit.Path }).FirstOrDefaultAsync(ct);
        if (placement is null) return Outcome<DecisionView>.NotFound("No such placement in your scope.");
        // The specialist records their own decisions; an officer over the body may record one for them.
        var me = await Oversight.MemberOfAsync(db, caller, ct);
        if (me != placement.MemberId && !await caller.CanAsync(Roles.Officer, placement.Path, ct))
            return Outcome<DecisionView>.Forbidden("Only the placed specialist, or an officer over the body acting for them, records the placement's decisions.");
        var today = Oversight.Today(clock);
        if (!DecisionRules.Covers(placement.StartsOn, placement.EndsOn, today))
            return Outcome<DecisionView>.Conflict($"The placement is not under way today ({placement.StartsOn:yyyy-MM-dd} to {placement.EndsOn?.ToString("yyyy-MM-dd") ?? "open"}): no decision can be recorded for it.");
        var code = r.Kind!.Trim();
        var kind = await db.DecisionKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Code == code && k.ArchivedAt == null, ct);
        if (kind is null) return Outcome<DecisionView>.Invalid("kind", $"There is no decision kind '{code}'.");

        var title = r.Title!.Trim();
        var key = DecisionRules.TitleKey(title);
        if (await DuplicateAsync(db, placement.Id, kind.Id, key, ct))
            return Duplicate(kind.Name, title);

        var now = clock.GetUtcNow();
        var status = DecisionRules.InitialStatus(kind.NeedsCoSignature);
        var decision = new Decision
        {
            PlacementId = placement.Id, KindId = kind.Id, Title = title, TitleKey = key, Details = string.IsNullOrWhiteSpace(r.Details) ? null : r.Details.Trim(),
            Status = status, RecordedAt = now, RecordedByUserId = caller.UserId ?? "", RecordedBy = caller.Name,
            EffectiveAt = DecisionRules.HasEffect(status) ? now : null, Version = 1,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Decisions.Add(decision);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have recorded the same pending decision between the check and the save (the filtered unique index).
            await tx.RollbackAsync(ct);
            if (await DuplicateAsync(db, placement.Id, kind.Id, key, ct)) return Duplicate(kind.Name, title);
            throw;
        }
        await Logbook.Logbook.AppendAsync(db, "decision-recorded", "Decision", decision.Id, Payload(decision, placement.MemberId, placement.BodyId, kind.Code, me), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<DecisionView>.Ok(await ListDecisions.ViewAsync(db, clock, decision.Id, ct));
    }

    static Task<bool> DuplicateAsync(RallyDb db, int placementId, int kindId, string key, CancellationToken ct) =>
        db.Decisions.AsNoTracking().AnyAsync(d => d.PlacementId == placementId && d.KindId == kindId && d.TitleKey == key && d.Status == DecisionRules.Pending, ct);

    static Outcome<DecisionView> Duplicate(string kind, string title) =>
        Outcome<DecisionView>.Conflict($"A {kind.ToLowerInvariant()} decision '{title}' of this placement is already pending co-signature.");

    /// <summary>The facts of a decision event as the logbook keeps them (and hashes them).</summary>
    internal static string Payload(Decision d, int specialistId, int bodyId, string kind, int? actingMemberId) =>
        JsonSerializer.Serialize(new
        {
            decision = d.Id, placement = d.PlacementId, specialist = specialistId, body = bodyId, kind, title = d.Title, status = d.Status,
            member = actingMemberId, reason = d.RejectionReason ?? d.WithdrawalReason,
        });
}
