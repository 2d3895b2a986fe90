using Rally.Data;

namespace Rally.Features.StructureTests;

public sealed record ParticipationResponse(
    long Id, int MemberId, string MembershipNumber, string Name, string? Workplace, string? WorkplaceName,
    DateOnly ParticipatedOn, DateTimeOffset RecordedAt, string RecordedBy)
{
    /// <summary>A participation beside its member (Participation has no navigation), to sort on either before projecting.</summary>
    public sealed class Joined
    {
        public required Participation P { get; init; }
        public required Rally.Features.Members.Member M { get; init; }
    }

    public static IQueryable<Joined> Join(RallyDb db, IQueryable<Participation> participations) =>
        participations.Join(db.Members, p => p.MemberId, m => m.Id, (p, m) => new Joined { P = p, M = m });

    public static IQueryable<ParticipationResponse> Project(IQueryable<Joined> rows) =>
        rows.Select(x => new ParticipationResponse(x.P.Id, x.M.Id, x.M.MembershipNumber, x.M.LastName + ", " + x.M.FirstName,
            x.M.Workplace == null ? null : x.M.Workplace.Code, x.M.Workplace == null ? null : x.M.Workplace.Name,
            x.P.ParticipatedOn, x.P.RecordedAt, x.P.RecordedBy));
}
