using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Placements;
using Rally.Web;

namespace Rally.Features.Decisions;

/// <summary>A decision as the API shows it. <see cref="HasEffect"/> is false while it waits for co-signature or after a rejection.</summary>
public sealed record DecisionView(long Id, int PlacementId, int SpecialistId, string SpecialistName, int BodyId, string BodyName, string Role,
    string Kind, string KindName, bool NeedsCoSignature, string Title, string? Details, string Status, bool HasEffect,
    DateTimeOffset RecordedAt, string RecordedBy, DateTimeOffset? EffectiveAt,
    int? SignedByMemberId, string? SignedByName, DateTimeOffset? SignedAt, string? RejectionReason,
    string? WithdrawnBy, DateTimeOffset? WithdrawnAt, string? WithdrawalReason, int AgeDays, int Version);

/// <summary>The pending-co-signatures report: how many wait in each age band, and the oldest first.</summary>
public sealed record PendingReport(DateOnly Day, IReadOnlyList<PendingReport.Band> Bands, PagedList<DecisionView> Oldest)
{
    public sealed record Band(string Label, int From, int? To, int Count);
}

public static class ListDecisions
{
    /// <param name="Status">pending, in-effect, co-signed, rejected, withdrawn; all when left out.</param>
    /// <param name="Awaiting">"me": pending decisions on placements the caller oversees today.</param>
    public sealed record Request(string? Status = null, int? Placement = null, string? Awaiting = null, int? Page = null, int? PageSize = null);

    public static async Task<Outcome<PagedList<DecisionView>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, r.Page, r.PageSize);
        var status = r.Status?.Trim();
        if (!string.IsNullOrEmpty(status) && !DecisionRules.States.Contains(status)) errors.Add("status", $"status must be one of {string.Join(", ", DecisionRules.States)}.");
        if (r.Awaiting is { } a && a != "me") errors.Add("awaiting", "awaiting can only be 'me'.");
        if (errors.Any) return Outcome<PagedList<DecisionView>>.Invalid(errors);
        var today = Oversight.Today(clock);
        var query = await VisibleAsync(db, caller, ct);
        if (!string.IsNullOrEmpty(status)) query = query.Where(d => d.Status == status);
        if (r.Placement is { } placement) query = query.Where(d => d.PlacementId == placement);
        if (r.Awaiting == "me")
        {
            // Everything pending on a placement I oversee today, including what I recorded myself: the
            // write path, not this list, says who may sign.
            var me = await Oversight.MemberOfAsync(db, caller, ct);
            var mine = Oversight.Active(db, today).Where(o => o.MemberId == me).Select(o => o.PlacementId);
            query = query.Where(d => d.Status == DecisionRules.Pending && mine.Contains(d.PlacementId));
        }
        var ordered = r.Awaiting == "me" || status == DecisionRules.Pending
            ? query.OrderBy(d => d.RecordedAt).ThenBy(d => d.Id)
            : query.OrderByDescending(d => d.RecordedAt).ThenByDescending(d => d.Id);
        return Outcome<PagedList<DecisionView>>.Ok(await PageAsync(ordered, today, r.Page, r.PageSize, ct));
    }

    public static async Task<Outcome<DecisionView>> GetAsync(RallyDb db, Caller caller, TimeProvider clock, long id, CancellationToken ct)
    {
        var view = await Project((await VisibleAsync(db, caller, ct)).Where(d => d.Id == id)).FirstOrDefaultAsync(ct);
        return view is null ? Outcome<DecisionView>.NotFound() : Outcome<DecisionView>.Ok(WithAge(view, Oversight.Today(clock)));
    }

    /// <summary>Pending co-signatures by age: counts per band, then a page of them, oldest first.</summary>
    public static async Task<Outcome<PendingReport>> PendingAsync(RallyDb db, Caller caller, TimeProvider clock, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PendingReport>.Invalid(errors);
        var today = Oversight.Today(clock);
        var pending = (await VisibleAsync(db, caller, ct)).Where(d => d.Status == DecisionRules.Pending);
        // Counted by the day recorded in the database, banded here: a handful of rows per day.
        var days = await pending.Select(d => d.RecordedAt).ToListAsync(ct);
        var bands = DecisionRules.AgeBands.Select(b => new PendingReport.Band(b.Label, b.From, b.To,
            days.Count(at => DecisionRules.AgeBand(DecisionRules.AgeInDays(at, today)) == b.Label))).ToList();
        var oldest = await PageAsync(pending.OrderBy(d => d.RecordedAt).ThenBy(d => d.Id), today, page, pageSize, ct);
        return Outcome<PendingReport>.Ok(new(today, bands, oldest));
    }

    internal static async Task<IQueryable<Decision>> VisibleAsync(RallyDb db, Caller caller, CancellationToken ct)
    {
        var placements = (await Oversight.VisibleAsync(db, caller, ct)).Select(p => p.Id);
        return db.Decisions.AsNoTracking().Where(d => placements.Contains(d.PlacementId));
    }

    internal static async Task<DecisionView> ViewAsync(RallyDb db, TimeProvider clock, long id, CancellationToken ct) =>
        WithAge(await Project(db.Decisions.AsNoTracking().Where(d => d.Id == id)).FirstAsync(ct), Oversight.Today(clock));

    static async Task<PagedList<DecisionView>> PageAsync(IOrderedQueryable<Decision> ordered, DateOnly today, int? page, int? pageSize, CancellationToken ct)
    {
        var result = await Project(ordered).ToPageAsync(page, pageSize, ct);
        return result with { Items = result.Items.Select(v => WithAge(v, today)).ToList() };
    }

    static DecisionView WithAge(DecisionView v, DateOnly today) => v with { AgeDays = DecisionRules.AgeInDays(v.RecordedAt, today) };

    static IQueryable<DecisionView> Project(IQueryable<Decision> query) =>
        query.Select(d => new DecisionView(d.Id, d.PlacementId, d.Placement.MemberId, d.Placement.Member.FirstName + " " + d.Placement.Member.LastName,
            d.Placement.BodyId, d.Placement.Body.Name, d.Placement.Role, d.Kind.Code, d.Kind.Name, d.Kind.NeedsCoSignature, d.Title, d.Details, d.Status,
            d.Status == DecisionRules.InEffect || d.Status == DecisionRules.CoSigned, d.RecordedAt, d.RecordedBy, d.EffectiveAt,
            d.SignedByMemberId, d.SignedByMemberId == null ? null : d.SignedByMember!.FirstName + " " + d.SignedByMember.LastName,
            d.SignedAt, d.RejectionReason, d.WithdrawnBy, d.WithdrawnAt, d.WithdrawalReason, 0, d.Version));
}
