using Rally.Features.OrgUnits;
using static Rally.Data.Demo.Federation1919;

namespace Rally.Data.Demo;

/// <summary>
/// The demonstration federation's tree, worked out in memory from a seed before anything is
/// saved: the council, the unions with their branches and workplaces, the Poor Peasants'
/// Section with its village unions and their criteria. Ids are assigned in tree order
/// (<see cref="AssignIds"/>) so that paths can be written with the rows themselves.
/// </summary>
sealed class DemoPlan
{
    public sealed class Unit(string kind, string code, string name, string shortName, string? town, Unit? parent)
    {
        public string Kind { get; } = kind;
        public string Code { get; } = code;
        public string Name { get; } = name;
        public string ShortName { get; } = shortName;
        public string? Town { get; } = town;
        public Unit? Parent { get; } = parent;
        public int Id { get; set; }
        public string Path { get; set; } = "";
        public int Depth => Parent is null ? 0 : Parent.Depth + 1;
    }

    /// <summary>Where members belong: a union's branch (with its workplaces) or a village union itself.</summary>
    public sealed record Local(Unit Unit, double Weight, List<Unit> Workplaces);

    public sealed class Criterion(string label, string text)
    {
        public string Label { get; } = label;
        public string Text { get; } = text;
        public int Id { get; set; }
    }

    public sealed record Union(Unit Unit, UnionSpec Spec, List<Local> Locals, List<Criterion> Criteria, string? Chairman);

    public List<Unit> Units { get; } = [];
    public List<Union> Unions { get; } = [];
    public Unit Root => Units[0];

    /// <summary>Database ids of <see cref="Federation1919.Categories"/>, in that order.</summary>
    public int[] CategoryIds { get; set; } = [];
    public Dictionary<string, int> KindIds { get; } = [];

    Unit Add(string kind, string code, string name, string shortName, string? town, Unit? parent)
    {
        var unit = new Unit(kind, code, name, shortName, town, parent);
        Units.Add(unit);
        return unit;
    }

    public static DemoPlan Build(int seed)
    {
        var random = new Random(seed);
        var plan = new DemoPlan();
        var root = plan.Add("federation", RootCode, "All-Russia Trade Union Council", "ARTUC", "Moscow", null);
        foreach (var spec in Federation1919.Unions)
        {
            var union = plan.Add("union", spec.Code, spec.Name, spec.ShortName, null, root);
            var locals = new List<Local>();
            for (var b = 0; b < spec.Towns.Length; b++)
            {
                var town = spec.Towns[b];
                var branch = plan.Add("branch", $"{spec.Code}-{TownCode(town)}", $"{spec.ShortName}, {town} branch", town, town, union);
                // The first town is the union's stronghold.
                var weight = (b == 0 ? 2.0 : 1.0) * (0.5 + random.NextDouble());
                var templates = Shuffled(random, spec.Workplaces.Length);
                var count = Math.Min(random.Next(1, 4), templates.Length);
                var workplaces = new List<Unit>(count);
                for (var w = 0; w < count; w++)
                {
                    var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, spec.Workplaces[templates[w]], town);
                    workplaces.Add(plan.Add("workplace", $"{branch.Code}-{w + 1}", name, name, town, branch));
                }
                locals.Add(new Local(branch, weight, workplaces));
            }
            plan.Unions.Add(new Union(union, spec, locals, [], null));
        }

        var section = plan.Add("section", SectionCode, "Poor Peasants' Section of the All-Russia Trade Union Council", "Poor Peasants' Section", "Moscow", root);
        foreach (var spec in VillageUnions)
        {
            var village = plan.Add("union", spec.Code, spec.Name, spec.ShortName, spec.Towns[0], section);
            var father = DemoNames.MaleGiven[random.Next(DemoNames.MaleGiven.Length)].Text;
            var patronymic = DemoNames.Patronymics[random.Next(DemoNames.Patronymics.Length)].Male;
            var surname = DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)].Male.Text;
            var chairman = $"{father[0]}. {patronymic[0]}. {surname}, chairman";
            plan.Unions.Add(new Union(village, spec, [new Local(village, 1, [])],
                [.. PoorPeasantCriteria.Select(c => new Criterion(c.Label, c.Text))], chairman));
        }
        return plan;
    }

    /// <summary>Gives the units consecutive ids from <paramref name="firstId"/> in tree order, and their paths.</summary>
    public void AssignIds(int firstId)
    {
        for (var i = 0; i < Units.Count; i++)
        {
            var unit = Units[i];
            unit.Id = firstId + i;
            unit.Path = OrgPath.Child(unit.Parent?.Path, unit.Id);
        }
    }

    /// <summary>For tests and benchmarks without a database: ids as an empty database would give them.</summary>
    public void AssignIdsInMemory(int firstUnitId = 1, int firstCriterionId = 1)
    {
        AssignIds(firstUnitId);
        CategoryIds = [.. Enumerable.Range(1, Federation1919.Categories.Length)];
        var next = firstCriterionId;
        foreach (var c in Unions.SelectMany(u => u.Criteria))
            c.Id = next++;
    }

    static string TownCode(string town) => town.ToUpperInvariant().Replace(' ', '-');

    static int[] Shuffled(Random random, int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }
}
