using Microsoft.EntityFrameworkCore;
using Rally.Data;

namespace Rally.Features.Inspections;

public sealed record InspectionResponse(int Id, int TargetId, string Target, string? TargetAddress, int ControlGroupId, string ControlGroup,
    int ChecklistId, string Checklist, DateOnly PlannedOn, string Stage, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string? Notes,
    int Findings, int Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Inspection, InspectionResponse>> Project = i => new InspectionResponse(
        i.Id, i.TargetId, i.Target.Name, i.Target.Address, i.ControlGroupId, i.ControlGroup.Name, i.ChecklistId, i.Checklist.Code,
        i.PlannedOn, i.Stage, i.StartedAt, i.CompletedAt, i.Notes, 0, i.Version);
}

public sealed record AnswerView(int ItemId, int Position, string Text, string ExpectedAnswer, string DefaultSeverity, string? Answer, string? Note, bool? Passed);

/// <summary>One inspection with its checklist's items and the answers given so far.</summary>
public sealed record InspectionDetail(InspectionResponse Inspection, IReadOnlyList<AnswerView> Items)
{
    public static async Task<InspectionDetail> LoadAsync(RallyDb db, int id, CancellationToken ct)
    {
        var inspection = await db.Inspections.AsNoTracking().Where(i => i.Id == id).Select(InspectionResponse.Project).FirstAsync(ct);
        inspection = inspection with { Findings = await db.Findings.CountAsync(f => f.InspectionId == id, ct) };
        var answers = await db.InspectionAnswers.AsNoTracking().Where(a => a.InspectionId == id).ToDictionaryAsync(a => a.ItemId, ct);
        var items = await (from i in db.ChecklistItems.AsNoTracking()
                           join s in db.Severities on i.DefaultSeverityId equals s.Id
                           where i.ChecklistId == inspection.ChecklistId
                           orderby i.Position
                           select new { i.Id, i.Position, i.Text, i.ExpectedAnswer, Severity = s.Code }).ToListAsync(ct);
        return new(inspection, items.Select(i =>
        {
            var a = answers.GetValueOrDefault(i.Id);
            return new AnswerView(i.Id, i.Position, i.Text, i.ExpectedAnswer, i.Severity, a?.Answer, a?.Note,
                a is null || a.Answer == InspectionRules.NotApplicable ? null : a.Answer == i.ExpectedAnswer);
        }).ToList());
    }
}

public static class InspectionRules
{
    public const string NotApplicable = "n/a";
    public static readonly IReadOnlyList<string> Answers = ["yes", "no", NotApplicable];
}
