using Rally.Data;
using Rally.Features.Categories;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.BrowserTests;

/// <summary>A small federation for when the demo loader has nothing to give: two unions, a branch, a workplace, a few members.</summary>
static class Seed
{
    public static async Task SmallFederationAsync(RallyDb db)
    {
        var kinds = new[] { ("federation", "Federation"), ("union", "Union"), ("branch", "Branch"), ("workplace", "Workplace") }
            .Select((k, i) => new OrgUnitKind { Code = k.Item1, Name = k.Item2, SortOrder = i }).ToList();
        db.OrgUnitKinds.AddRange(kinds);
        var categories = new[] { ("industrial", "Industrial worker"), ("servant", "Town servant"), ("peasant", "Poor peasant") }
            .Select((c, i) => new Category { Code = c.Item1, Name = c.Item2, SortOrder = i }).ToList();
        db.Categories.AddRange(categories);
        await db.SaveChangesAsync();

        async Task<OrgUnit> Unit(string kind, OrgUnit? parent, string code, string name, string shortName)
        {
            var u = new OrgUnit { KindId = kinds.Single(k => k.Code == kind).Id, ParentId = parent?.Id, Code = code, Name = name, ShortName = shortName, Depth = (parent?.Depth ?? -1) + 1 };
            db.OrgUnits.Add(u);
            await db.SaveChangesAsync();
            u.Path = OrgPath.Child(parent?.Path, u.Id);
            await db.SaveChangesAsync();
            return u;
        }

        var council = await Unit("federation", null, "ARTUC", "All-Russia Trade Union Council", "Council");
        var textile = await Unit("union", council, "TEXTILE", "Textile Workers' Union", "Textile");
        var ivanovo = await Unit("branch", textile, "TEXTILE-IVANOVO", "Textile Workers, Ivanovo branch", "Ivanovo");
        var mill = await Unit("workplace", ivanovo, "IVANOVO-MILL-1", "Great Ivanovo Mill", "Ivanovo mill");
        var rail = await Unit("union", council, "RAIL", "Railway Workers' Union", "Railway");

        var people = new (string First, string Patronymic, string Last, OrgUnit Unit, OrgUnit? Workplace)[]
        {
            ("Anna", "Ivanovna", "Kuznetsova", ivanovo, mill),
            ("Pyotr", "Sergeyevich", "Smirnov", textile, null),
            ("Maria", "Petrovna", "Volkova", ivanovo, mill),
            ("Ivan", "Fyodorovich", "Zhukov", rail, null),
            ("Nikolai", "Ivanovich", "Orlov", rail, null),
        };
        var n = 1000;
        foreach (var p in people)
        {
            var m = new Member
            {
                MembershipNumber = (++n).ToString(System.Globalization.CultureInfo.InvariantCulture), FirstName = p.First, Patronymic = p.Patronymic, LastName = p.Last,
                CategoryId = categories[0].Id, OrgUnitId = p.Unit.Id, WorkplaceId = p.Workplace?.Id, Trade = "weaver",
                Status = MemberRules.Active, StatusSince = new DateOnly(1918, 3, 1), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            MemberRules.SetKeys(m);
            db.Members.Add(m);
            await db.SaveChangesAsync();
            db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = m.Id, ToStatus = MemberRules.Active, EffectiveOn = m.StatusSince, RecordedBy = "seed", RecordedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
    }
}
