using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Labels;

/// <summary>One entry of a list, archived or not; readable by anyone holding a grant.</summary>
public static class GetLabel
{
    /// <param name="list">Which list: it picks the table.</param>
    public static async Task<Outcome<LabelView>> RunAsync<T>(LabelList<T> list, RallyDb db, Caller caller, int id, CancellationToken ct)
        where T : Label, new()
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<LabelView>.Forbidden();
        var label = await db.Set<T>().AsNoTracking().Where(l => l.Id == id).Select(LabelView.Projection<T>()).FirstOrDefaultAsync(ct);
        return label is null ? Outcome<LabelView>.NotFound() : Outcome<LabelView>.Ok(label);
    }
}
