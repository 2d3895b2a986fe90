using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Inspections;

public sealed record FindingResponse(int Id, int InspectionId, int TargetId, string Target, int? ItemId, string? Item, string Description,
    string Severity, string SeverityName, int ResponsibleBodyId, string ResponsibleBody, string State, string StateName,
    DateOnly FoundOn, DateOnly Deadline, bool Overdue, int DaysOverdue, IReadOnlyList<FindingRules.Escalation> Escalations, int Version);

public sealed record FindingEventView(DateTimeOffset At, string? From, string To, string By, int? ByMemberId, string? Note, DateOnly? ReinspectedOn, long LogbookSequence);

public sealed record AttachmentView(int Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string UploadedBy);

public sealed record FindingDetail(FindingResponse Finding, IReadOnlyList<FindingEventView> History, IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<string> NextStates);

/// <summary>Projects findings in the database, then works out overdue and escalation against today.</summary>
public static class FindingViews
{
    sealed record Row(int Id, int InspectionId, int TargetId, string Target, int? ItemId, string? Item, string Description,
        string Severity, string SeverityName, int DeadlineDays, int ResponsibleBodyId, string ResponsibleBody, string State, string StateName, bool AwaitsFix,
        DateOnly FoundOn, DateOnly Deadline, int Version);

    static IQueryable<Row> Rows(RallyDb db, IQueryable<Finding> findings) => findings.Select(f => new Row(
        f.Id, f.InspectionId, f.Inspection.TargetId, f.Inspection.Target.Name, f.ItemId,
        db.ChecklistItems.Where(i => i.Id == f.ItemId).Select(i => i.Text).FirstOrDefault(), f.Description,
        f.Severity.Code, f.Severity.Name, f.Severity.DeadlineDays, f.ResponsibleBodyId, f.ResponsibleBody.Name, f.State.Code, f.State.Name, f.State.AwaitsFix,
        f.FoundOn, f.Deadline, f.Version));

    public static async Task<List<FindingResponse>> LoadAsync(RallyDb db, IQueryable<Finding> ordered, DateOnly today, CancellationToken ct)
    {
        var rows = await Rows(db, ordered).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var tree = await InspectionAccess.BodyTreeAsync(db, ct);
        return rows.Select(r => new FindingResponse(r.Id, r.InspectionId, r.TargetId, r.Target, r.ItemId, r.Item, r.Description, r.Severity, r.SeverityName,
            r.ResponsibleBodyId, r.ResponsibleBody, r.State, r.StateName, r.FoundOn, r.Deadline,
            FindingRules.IsOverdue(r.AwaitsFix, r.Deadline, today), FindingRules.DaysOverdue(r.AwaitsFix, r.Deadline, today),
            FindingRules.Escalations(InspectionAccess.Ancestors(tree, r.ResponsibleBodyId), r.AwaitsFix, r.Deadline, r.DeadlineDays, today), r.Version)).ToList();
    }

    public static async Task<FindingDetail> DetailAsync(RallyDb db, int id, DateOnly today, CancellationToken ct)
    {
        var finding = (await LoadAsync(db, db.Findings.AsNoTracking().Where(f => f.Id == id), today, ct)).Single();
        var states = await db.FindingStates.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var history = (await db.FindingEvents.AsNoTracking().Where(e => e.FindingId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct))
            .Select(e => new FindingEventView(e.At, e.FromStateId is { } from ? states[from] : null, states[e.ToStateId], e.ByUserName, e.ByMemberId, e.Note, e.ReinspectedOn, e.LogbookSequence))
            .ToList();
        var attachments = await db.FindingAttachments.AsNoTracking().Where(a => a.FindingId == id).OrderBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAt, a.UploadedBy)).ToListAsync(ct);
        var next = await (from t in db.FindingTransitions
                          join origin in db.FindingStates on t.FromStateId equals origin.Id
                          join to in db.FindingStates on t.ToStateId equals to.Id
                          where origin.Code == finding.State && to.ArchivedAt == null
                          orderby to.SortOrder
                          select to.Code).ToListAsync(ct);
        return new(finding, history, attachments, next);
    }
}
