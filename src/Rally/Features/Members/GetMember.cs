using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>One member, if the caller's grants reach them; otherwise "not found", so existence is not revealed.</summary>
public static class GetMember
{
    public static async Task<Outcome<MemberResponse>> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking().Where(m => m.Id == id).Select(MemberResponse.Project).FirstOrDefaultAsync(ct);
        return member is null ? Outcome<MemberResponse>.NotFound() : Outcome<MemberResponse>.Ok(member);
    }

    internal static Task<MemberResponse> ProjectAsync(RallyDb db, int id, CancellationToken ct) =>
        db.Members.AsNoTracking().Where(m => m.Id == id).Select(MemberResponse.Project).FirstAsync(ct);
}
