using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>One body, archived or not, for anyone who can see its unit.</summary>
public static class GetBody
{
    public static async Task<Outcome<BodyView>> RunAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var body = await (await BodyAccess.VisibleAsync(db, caller, Roles.Viewer, ct)).AsNoTracking().Where(b => b.Id == id)
            .Select(BodyView.Projection).FirstOrDefaultAsync(ct);
        return body is null ? Outcome<BodyView>.NotFound("There is no such body.") : Outcome<BodyView>.Ok(body);
    }
}
