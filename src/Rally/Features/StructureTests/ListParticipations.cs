using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.StructureTests;

/// <summary>Who took part in a test, among the members the caller may see; paged.</summary>
public static class ListParticipations
{
    public static readonly IReadOnlyList<string> SortKeys = ["recordedAt", "participatedOn", "membershipNumber", "name"];

    public static async Task<Outcome<PagedList<ParticipationResponse>>> RunAsync(RallyDb db, Caller caller, int testId, int? page, int? pageSize, string? sort, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        var order = Paging.Sort(errors, sort, "recordedAt", SortKeys);
        if (!await (await StructureTestScope.VisibleAsync(db, caller, ct)).AnyAsync(t => t.Id == testId, ct))
            return Outcome<PagedList<ParticipationResponse>>.NotFound($"There is no structure test {testId}.");
        if (errors.Any || order is not { } o) return Outcome<PagedList<ParticipationResponse>>.Invalid(errors);
        // Newest first unless a sort is asked for.
        var (key, descending) = sort is null ? ("recordedAt", true) : o;
        var visible = (await caller.MembersAsync(Roles.Viewer, ct)).Select(m => m.Id);
        var rows = ParticipationResponse.Join(db, db.Participations.AsNoTracking().Where(p => p.StructureTestId == testId && visible.Contains(p.MemberId)));
        var ordered = key switch
        {
            "participatedOn" => rows.SortBy(r => r.P.ParticipatedOn, descending).ThenBy(r => r.P.Id),
            "membershipNumber" => rows.SortBy(r => r.M.MembershipNumber, descending).ThenBy(r => r.P.Id),
            "name" => rows.SortBy(r => r.M.LastNameKey, descending).ThenSortBy(r => r.M.FirstNameKey, descending).ThenBy(r => r.P.Id),
            _ => rows.SortBy(r => r.P.Id, descending),
        };
        return Outcome<PagedList<ParticipationResponse>>.Ok(await ParticipationResponse.Project(ordered).ToPageAsync(page, pageSize, ct));
    }
}
