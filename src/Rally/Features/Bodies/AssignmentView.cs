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

    public enum Order { None, NewestFirst, OldestFirst, LatestDecision }

    /// <summary>The rows, ordered before the projection (EF cannot sort by a record built through its constructor).</summary>
    public static IQueryable<Row> Project(RallyDb db, IQueryable<Assignment> assignments, Order order = Order.None)
    {
        var joined = from a in assignments
                     join m in db.Members on a.MemberId equals m.Id
                     select new { a, m };
        joined = order switch
        {
            Order.NewestFirst => joined.OrderByDescending(x => x.a.StartsOn).ThenByDescending(x => x.a.Id),
            Order.OldestFirst => joined.OrderBy(x => x.a.StartsOn).ThenBy(x => x.a.Id),
            Order.LatestDecision => joined.OrderByDescending(x => x.a.CreatedAt).ThenByDescending(x => x.a.Id),
            _ => joined,
        };
        return joined.Select(x => new Row(x.a.Id, x.a.PostId, x.a.Post.Title, x.a.Post.BodyId, x.a.Post.Body.Name, x.a.Post.Rung.Position, x.a.Post.Rung.Name, x.a.Post.TermMonths,
            x.a.MemberId, x.m.ErasedAt != null ? x.m.MembershipNumber : x.m.FirstName + " " + x.m.LastName, x.m.MembershipNumber,
            x.a.StartsOn, x.a.EndsOn, x.a.EndReason, x.a.OverrideJustification, x.a.UnmetConditions, x.a.CreatedAt, x.a.CreatedBy, x.a.Version));
    }

    public static async Task<AssignmentView> OneAsync(RallyDb db, long id, CancellationToken ct) =>
        (await Project(db, db.Assignments.AsNoTracking().Where(a => a.Id == id)).FirstAsync(ct)).View();
}
