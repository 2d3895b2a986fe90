using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Ladder;

namespace Rally.Features.Bodies;

/// <summary>
/// An assignment as the API and the pages show it: who holds which post, from when to when, the
/// term's last day when the post has a term, and the override when there was one.
/// </summary>
public sealed record AssignmentView(long Id, int PostId, string PostTitle, int BodyId, string BodyName, int Rung, string RungName,
    int MemberId, string MemberName, string MembershipNumber, DateOnly StartsOn, DateOnly? EndsOn, string? EndReason, DateOnly? TermEndsOn,
    string? OverrideJustification, IReadOnlyList<UnmetCondition> UnmetConditions, DateTimeOffset CreatedAt, string CreatedBy, int Version)
{
    /// <summary>The row a query reads; <see cref="View"/> adds what is worked out in memory.</summary>
    public sealed record Row(long Id, int PostId, string PostTitle, int BodyId, string BodyName, int Rung, string RungName, int? TermMonths,
        int MemberId, string MemberName, string MembershipNumber, DateOnly StartsOn, DateOnly? EndsOn, string? EndReason,
        string? OverrideJustification, string? UnmetConditions, DateTimeOffset CreatedAt, string CreatedBy, int Version)
    {
        public AssignmentView View() => new(Id, PostId, PostTitle, BodyId, BodyName, Rung, RungName, MemberId, MemberName, MembershipNumber,
            StartsOn, EndsOn, EndReason, TermMonths is { } t ? AssignmentRules.TermEnds(StartsOn, t) : null,
            OverrideJustification, ReadConditions(UnmetConditions), CreatedAt, CreatedBy, Version);
    }

    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string WriteConditions(IReadOnlyList<UnmetCondition> unmet) => JsonSerializer.Serialize(unmet, Web);

    public static IReadOnlyList<UnmetCondition> ReadConditions(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<UnmetCondition>>(json, Web) ?? [];

    public static IQueryable<Row> Project(RallyDb db, IQueryable<Assignment> assignments) =>
        from a in assignments
        join m in db.Members on a.MemberId equals m.Id
        select new Row(a.Id, a.PostId, a.Post.Title, a.Post.BodyId, a.Post.Body.Name, a.Post.Rung.Position, a.Post.Rung.Name, a.Post.TermMonths,
            a.MemberId, m.ErasedAt != null ? m.MembershipNumber : m.FirstName + " " + m.LastName, m.MembershipNumber,
            a.StartsOn, a.EndsOn, a.EndReason, a.OverrideJustification, a.UnmetConditions, a.CreatedAt, a.CreatedBy, a.Version);

    public static async Task<AssignmentView> OneAsync(RallyDb db, long id, CancellationToken ct) =>
        (await Project(db, db.Assignments.AsNoTracking().Where(a => a.Id == id)).FirstAsync(ct)).View();
}
