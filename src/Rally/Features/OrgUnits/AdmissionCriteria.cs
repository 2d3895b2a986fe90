using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.OrgUnits;

/// <summary>A union's admission checklist: read it, or replace it as a whole (old items are archived, not lost).</summary>
public static class AdmissionCriteria
{
    public sealed record Item(int Id, string Label, string Text, int SortOrder);

    public sealed record NewItem(string? Label, string? Text);

    public static async Task<Outcome<List<Item>>> GetAsync(RallyDb db, Caller caller, string idOrCode, CancellationToken ct)
    {
        var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).ByIdOrCode(idOrCode).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        if (unit is null) return Outcome<List<Item>>.NotFound($"There is no org unit '{idOrCode}'.");
        return Outcome<List<Item>>.Ok(await ForUnitAsync(db, unit.Value, ct));
    }

    public static Task<List<Item>> ForUnitAsync(RallyDb db, int unitId, CancellationToken ct) =>
        db.AdmissionCriteria.AsNoTracking().Where(c => c.OrgUnitId == unitId && c.ArchivedAt == null)
            .OrderBy(c => c.SortOrder).Select(c => new Item(c.Id, c.Label, c.Text, c.SortOrder)).ToListAsync(ct);

    public static async Task<Outcome<List<Item>>> ReplaceAsync(RallyDb db, Caller caller, string idOrCode, IReadOnlyList<NewItem>? items, CancellationToken ct)
    {
        var unit = await (await caller.UnitsAsync(Roles.Viewer, ct)).ByIdOrCode(idOrCode).FirstOrDefaultAsync(ct);
        if (unit is null) return Outcome<List<Item>>.NotFound($"There is no org unit '{idOrCode}'.");
        if (!await caller.CanAsync(Roles.Officer, unit.Path, ct)) return Outcome<List<Item>>.Forbidden("Changing admission criteria needs the officer role on the unit.");
        var errors = new FieldErrors();
        if (items is null) errors.Add("criteria", "criteria is required (an empty list removes the checklist).");
        for (var i = 0; items is not null && i < items.Count; i++)
        {
            errors.Required($"criteria[{i}].text", items[i].Text, 500);
            errors.Length($"criteria[{i}].label", items[i].Label, 20);
        }
        if (errors.Any) return Outcome<List<Item>>.Invalid(errors);

        var now = db.Actor.Clock.GetUtcNow();
        await db.AdmissionCriteria.Where(c => c.OrgUnitId == unit.Id && c.ArchivedAt == null).ForEachAsync(c => c.ArchivedAt = now, ct);
        db.AdmissionCriteria.AddRange(items!.Select((it, i) => new AdmissionCriterion
        {
            OrgUnitId = unit.Id,
            Label = string.IsNullOrWhiteSpace(it.Label) ? $"({(char)('a' + i % 26)})" : it.Label.Trim(),
            Text = it.Text!.Trim(),
            SortOrder = i + 1,
        }));
        await db.SaveChangesAsync(ct);
        return Outcome<List<Item>>.Ok(await ForUnitAsync(db, unit.Id, ct));
    }
}
