using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

/// <summary>Findings the caller may see, filtered and paged in the database; overdue and escalation are worked out against today.</summary>
public static class ListFindings
{
    public sealed record Query(string? State = null, string? Severity = null, int? ResponsibleBodyId = null, int? TargetId = null, int? InspectionId = null,
        bool? Overdue = null, bool? Open = null, int? Page = null, int? PageSize = null, string? Sort = null);

    public static readonly IReadOnlyList<string> SortKeys = ["deadline", "foundOn", "id", "severity"];

    public static async Task<Outcome<PagedList<FindingResponse>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Query q, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, q.Page, q.PageSize);
        var sort = Paging.Sort(errors, q.Sort, "deadline", SortKeys);
        if (q.State is { } st && !await db.FindingStates.AnyAsync(s => s.Code == st, ct)) errors.Add("state", $"There is no finding state '{st}'.");
        if (q.Severity is { } sv && !await db.Severities.AnyAsync(s => s.Code == sv, ct)) errors.Add("severity", $"There is no severity '{sv}'.");
        if (errors.Any || sort is not { } order) return Outcome<PagedList<FindingResponse>>.Invalid(errors);
        var today = FindingRules.Today(clock);
        var findings = (await InspectionAccess.FindingsAsync(db, caller, Roles.Viewer, ct)).AsNoTracking();
        if (q.State is not null) findings = findings.Where(f => f.State.Code == q.State);
        if (q.Severity is not null) findings = findings.Where(f => f.Severity.Code == q.Severity);
        if (q.ResponsibleBodyId is { } b) findings = findings.Where(f => f.ResponsibleBodyId == b);
        if (q.TargetId is { } t) findings = findings.Where(f => f.Inspection.TargetId == t);
        if (q.InspectionId is { } i) findings = findings.Where(f => f.InspectionId == i);
        if (q.Open is { } open) findings = findings.Where(f => f.State.IsClosed != open);
        if (q.Overdue is true) findings = findings.Where(f => f.State.AwaitsFix && f.Deadline < today);
        if (q.Overdue is false) findings = findings.Where(f => !(f.State.AwaitsFix && f.Deadline < today));
        var ordered = order.Key switch
        {
            "foundOn" => findings.SortBy(f => f.FoundOn, order.Descending),
            "id" => findings.SortBy(f => f.Id, order.Descending),
            "severity" => findings.SortBy(f => f.Severity.DeadlineDays, order.Descending),
            _ => findings.SortBy(f => f.Deadline, order.Descending),
        };
        var p = q.Page ?? 1;
        var size = q.PageSize ?? Paging.DefaultSize;
        var total = await ordered.CountAsync(ct);
        var items = await FindingViews.LoadAsync(db, ordered.ThenBy(f => f.Id).Skip((p - 1) * size).Take(size), today, ct);
        return Outcome<PagedList<FindingResponse>>.Ok(new(items, p, size, total));
    }

    public static async Task<Outcome<FindingDetail>> GetAsync(RallyDb db, Caller caller, TimeProvider clock, int id, CancellationToken ct) =>
        await (await InspectionAccess.FindingsAsync(db, caller, Roles.Viewer, ct)).AnyAsync(f => f.Id == id, ct)
            ? Outcome<FindingDetail>.Ok(await FindingViews.DetailAsync(db, id, FindingRules.Today(clock), ct))
            : Outcome<FindingDetail>.NotFound($"There is no finding {id}.");
}
