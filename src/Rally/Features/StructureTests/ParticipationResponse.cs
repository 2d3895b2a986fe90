using Rally.Data;

namespace Rally.Features.StructureTests;

public sealed record ParticipationResponse(
    long Id, int MemberId, string MembershipNumber, string Name, string? Workplace, string? WorkplaceName,
    DateOnly ParticipatedOn, DateTimeOffset RecordedAt, string RecordedBy)
{
    /// <summary>Participations with their members' names and workplaces (a join: Participation has no navigation).</summary>
    public static IQueryable<ParticipationResponse> Query(RallyDb db, IQueryable<Participation> participations) =>
        from p in participations
        join m in db.Members on p.MemberId equals m.Id
        select new ParticipationResponse(p.Id, m.Id, m.MembershipNumber, m.LastName + ", " + m.FirstName,
            m.Workplace == null ? null : m.Workplace.Code, m.Workplace == null ? null : m.Workplace.Name,
            p.ParticipatedOn, p.RecordedAt, p.RecordedBy);
}
