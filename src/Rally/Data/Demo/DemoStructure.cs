using Microsoft.EntityFrameworkCore;
using Rally.Data.Bulk;
using Rally.Features.Categories;
using Rally.Features.OrgUnits;

namespace Rally.Data.Demo;

/// <summary>
/// Saves the planned tree through the ordinary, audited <see cref="RallyDb.SaveChangesAsync(bool, CancellationToken)"/>.
/// Unit ids are given explicitly (after the table's maximum) so that each row is written with
/// its final path, and the audit entries carry the right scope.
/// </summary>
static class DemoStructure
{
    public static async Task SaveAsync(RallyDb db, DemoPlan plan, CancellationToken ct)
    {
        // Kinds and categories an administrator already has are used as they are.
        var kinds = await db.OrgUnitKinds.ToDictionaryAsync(k => k.Code, ct);
        var order = 0;
        foreach (var (code, name) in Federation1919.Kinds)
        {
            order++;
            if (!kinds.ContainsKey(code))
                db.OrgUnitKinds.Add(kinds[code] = new OrgUnitKind { Code = code, Name = name, SortOrder = order * 10 });
        }
        var categories = await db.Categories.ToDictionaryAsync(c => c.Code, ct);
        order = 0;
        foreach (var (code, name) in Federation1919.Categories)
        {
            order++;
            if (!categories.ContainsKey(code))
                db.Categories.Add(categories[code] = new Category { Code = code, Name = name, SortOrder = order * 10 });
        }
        await db.SaveChangesAsync(ct);
        foreach (var (code, kind) in kinds)
            plan.KindIds[code] = kind.Id;
        plan.CategoryIds = [.. Federation1919.Categories.Select(c => categories[c.Code].Id)];

        var max = await db.OrgUnits.MaxAsync(u => (int?)u.Id, ct) ?? 0;
        plan.AssignIds(max + 1);
        var entities = new Dictionary<DemoPlan.Unit, OrgUnit>();
        foreach (var unit in plan.Units)
        {
            var entity = new OrgUnit
            {
                Id = unit.Id,
                KindId = plan.KindIds[unit.Kind],
                Parent = unit.Parent is null ? null : entities[unit.Parent],
                ParentId = unit.Parent?.Id,
                Code = unit.Code,
                Name = unit.Name,
                ShortName = unit.ShortName,
                Town = unit.Town,
                Path = unit.Path,
                Depth = unit.Depth,
            };
            entities[unit] = entity;
            db.OrgUnits.Add(entity);
        }
        await db.SaveChangesAsync(ct);
        await IdentitySequence.ResetAsync(db, typeof(OrgUnit), ct);

        var criteria = new List<(DemoPlan.Criterion Plan, AdmissionCriterion Row)>();
        foreach (var union in plan.Unions)
            for (var i = 0; i < union.Criteria.Count; i++)
            {
                var row = new AdmissionCriterion { OrgUnitId = union.Unit.Id, Label = union.Criteria[i].Label, Text = union.Criteria[i].Text, SortOrder = i + 1 };
                criteria.Add((union.Criteria[i], row));
                db.AdmissionCriteria.Add(row);
            }
        await db.SaveChangesAsync(ct);
        foreach (var (p, row) in criteria)
            p.Id = row.Id;
        db.ChangeTracker.Clear();
    }
}
