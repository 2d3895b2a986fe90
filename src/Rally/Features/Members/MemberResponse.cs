using System.Linq.Expressions;

namespace Rally.Features.Members;

/// <summary>A member as the API shows them; org units and categories are named by code.</summary>
public sealed record MemberResponse(
    int Id, string MembershipNumber, string FirstName, string? Patronymic, string LastName,
    string? Email, string? Phone, string? Address, DateOnly? DateOfBirth,
    string Category, string CategoryName, string? Trade,
    string OrgUnit, string OrgUnitName, string? Workplace, string? WorkplaceName,
    string Status, DateOnly StatusSince,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ArchivedAt, DateTimeOffset? ErasedAt, int Version)
{
    public static readonly Expression<Func<Member, MemberResponse>> Project = m => new MemberResponse(
        m.Id, m.MembershipNumber, m.FirstName, m.Patronymic, m.LastName,
        m.Email, m.Phone, m.Address, m.DateOfBirth,
        m.Category.Code, m.Category.Name, m.Trade,
        m.OrgUnit.Code, m.OrgUnit.Name, m.Workplace == null ? null : m.Workplace.Code, m.Workplace == null ? null : m.Workplace.Name,
        m.Status, m.StatusSince, m.CreatedAt, m.UpdatedAt, m.ArchivedAt, m.ErasedAt, m.Version);
}
