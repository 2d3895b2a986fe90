using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rally.Features.Audit;
using Rally.Features.Bodies;
using Rally.Features.Ladder;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using static Rally.Data.Demo.Federation1919;

namespace Rally.Data.Demo;

/// <summary>
/// The administration part of the demonstration set: the bodies of 1919 — the Supreme Economic
/// Council with local economic councils, two people's commissariats, a workers' consumer
/// co-operative in each union's stronghold, a Committee of Poor Peasants in each village union —
/// with posts on every rung, and members' service histories built month by month from January
/// 1918 so that the share taking part rises. Lower posts go to members without a post (town
/// servants, unskilled workers and poor peasants first); higher ones to members who have served
/// the rung's months below them, who leave their lower post the day before. The commissariats'
/// and the council's administrative posts were filled in the spring of 1918, before anyone could
/// have climbed the ladder: those are overrides, with the justifications written at the time.
/// Bodies and posts go through the audited context; assignments (a few hundred to a few thousand)
/// through one prepared command in the demo's transaction, with an audit entry for each override.
/// </summary>
static class DemoAdministration
{
    static readonly DateOnly HistoryStart = new(1918, 1, 1);

    public sealed record Loaded(int Bodies, int Posts, int Assignments, int Overrides);

    sealed record PostSpec(string Title, int Rung, int Seats, int? TermMonths);

    sealed class PlannedPost(Post post, int rung, int seats, int? term, int[] pool)
    {
        public Post Post { get; } = post;
        public int Rung { get; } = rung;
        public int Seats { get; } = seats;
        public int? Term { get; } = term;
        public int[] Pool { get; } = pool;
        public List<Spell> Spells { get; } = [];
    }

    sealed class Spell(PlannedPost post, int member, DateOnly start)
    {
        public PlannedPost Post { get; } = post;
        public int Member { get; } = member;
        public DateOnly Start { get; } = start;
        public DateOnly? End { get; set; }
        public string? EndReason { get; set; }
        public string? Justification { get; set; }
        public IReadOnlyList<UnmetCondition> Unmet { get; set; } = [];
        public bool Holds(DateOnly day) => AssignmentRules.Holds(Start, End, day);
    }

    static readonly string[] EarlyEnds = ["resigned", "called up to the Red Army", "moved to another town", "recalled by the general meeting", "fell ill"];

    static readonly string[] Justifications =
    [
        "Appointed by the Council of People's Commissars in the first weeks: a union organiser since 1905 and the only member of the board who kept the accounts through the strike.",
        "The presidium needed someone from the mills at once; chairman of the factory committee since March 1917, elected by the delegate meeting.",
        "The food front could not wait for the ladder: he ran the workers' supply detachment in Petrograd through the winter and knows the railways.",
        "Named by the union congress; a compositor who edited the union paper and led the eight-hour campaign. The ladder did not yet exist when the post had to be filled.",
        "The district asked for her by name: she organised the canteen for the whole quarter during the famine months and is trusted by the women workers.",
        "No member had served on the rungs below yet; a metalworker with ten years in the union, proposed by the Moscow branch and confirmed by the general meeting.",
        "A delegate to the Second Congress; needed to represent the textile section on the presidium until members come up through the co-operatives.",
        "Elected by the conference of factory committees; experienced in the wages department of the union, and no one else could read the contracts.",
    ];

    public static async Task<Loaded> LoadAsync(RallyDb db, DemoPlan plan, TimeProvider clock, CancellationToken ct)
    {
        var random = new Random(DemoCommand.Seed + 4);
        var now = clock.GetUtcNow();
        var kinds = await db.BodyKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Id, ct);
        var rungIds = await db.Rungs.AsNoTracking().ToDictionaryAsync(r => r.Position, r => r.Id, ct);
        var requirements = (await LadderRecords.RungsAsync(db, ct)).ToDictionary(r => r.Position);

        // Members who could serve: active now, with the day they were first admitted.
        var since = await db.MemberStatusChanges.AsNoTracking().Where(s => s.ToStatus == MemberRules.Active)
            .GroupBy(s => s.MemberId).Select(g => new { MemberId = g.Key, On = g.Min(s => s.EffectiveOn) }).ToDictionaryAsync(x => x.MemberId, x => x.On, ct);
        var members = (await db.Members.AsNoTracking().Where(m => m.Status == MemberRules.Active && m.ArchivedAt == null)
                .Select(m => new { m.Id, m.OrgUnitId, m.CategoryId }).ToListAsync(ct))
            .Where(m => since.ContainsKey(m.Id)).OrderBy(m => m.Id).ToList();
        var unitPath = plan.Units.ToDictionary(u => u.Id, u => u.Path);
        // Town servants, unskilled workers, the rural poor: drawn first into the first rung, as the theses ask.
        var drawnFirst = new[] { 1, 2, 3, 4 }.Select(i => plan.CategoryIds[i]).ToHashSet();
        var category = members.ToDictionary(m => m.Id, m => m.CategoryId);
        int[] PoolOf(DemoPlan.Unit unit) => [.. members.Where(m => unitPath.TryGetValue(m.OrgUnitId, out var p) && OrgPath.Contains(unit.Path, p)).Select(m => m.Id)];

        // The bodies and their posts.
        var planned = new List<PlannedPost>();
        var bodies = new List<Body>();
        Body AddBody(string name, string kind, DemoPlan.Unit unit, Body? parent, string description, int[] pool, params PostSpec[] posts)
        {
            var body = new Body { Name = name, KindId = kinds[kind], OrgUnitId = unit.Id, ParentBody = parent, Description = description, CreatedAt = now, Version = 1 };
            bodies.Add(body);
            foreach (var p in posts)
            {
                var post = new Post { Body = body, Title = p.Title, Seats = p.Seats, RungId = rungIds[p.Rung], TermMonths = p.TermMonths, Version = 1 };
                planned.Add(new PlannedPost(post, p.Rung, p.Seats, p.TermMonths, pool));
            }
            return body;
        }
        int Scaled(int[] pool, int perSeat, int min, int max) => Math.Clamp(pool.Length / perSeat, min, max);

        var everyone = PoolOf(plan.Root);
        var council = AddBody("Supreme Economic Council", "economic-council", plan.Root, null,
            "Organises the national economy and the state's finances; the unions send members to its presidium and departments.", everyone,
            new("Member of the presidium", 4, 3, null), new("Instructor of the supply department", 1, 6, 6),
            new("Production supervisor, textile section", 2, 4, 6), new("Member of the audit commission", 3, 3, 12));
        AddBody("People's Commissariat of Labour", "commissariat", plan.Root, null,
            "Labour protection, the labour exchanges and wage rates, run together with the unions.", everyone,
            new("People's Commissar", 4, 1, null), new("Member of the collegium", 4, 2, null),
            new("Clerk of the labour exchange", 1, 4, 6), new("Labour protection supervisor", 2, 3, 6));
        AddBody("People's Commissariat of Food", "commissariat", plan.Root, null,
            "Bread, the ration and the supply detachments.", everyone,
            new("Member of the collegium", 4, 2, null), new("Food supply worker", 1, 8, 6), new("Grain procurement supervisor", 2, 3, 6));
        foreach (var union in plan.Unions.Where(u => u.Unit.Parent?.Code == RootCode))
        {
            var local = union.Locals[0].Unit;
            var pool = PoolOf(local);
            if (pool.Length < 10) continue;
            if (union.Spec.RealMembers >= 100_000)
                AddBody($"{local.Town} Economic Council", "economic-council", local, council,
                    $"The local council of the national economy for {local.Town}, under the Supreme Economic Council.", pool,
                    new("Supply worker", 1, Scaled(pool, 60, 2, 5), 6), new("Production supervisor", 2, Scaled(pool, 150, 1, 3), 6),
                    new("Member of the audit commission", 3, Scaled(pool, 300, 1, 2), 12));
            AddBody($"Workers' consumer co-operative, {union.Spec.ShortName}, {local.Town}", "co-operative", local, null,
                "Supplies provisions to members and their families: the first rung of administration.", pool,
                new("Supply worker", 1, Scaled(pool, 25, 2, 8), 6), new("Distribution steward", 1, Scaled(pool, 60, 1, 3), 6),
                new("Production supervisor", 2, Scaled(pool, 100, 1, 2), 6), new("Member of the audit commission", 3, 1, 12));
        }
        foreach (var village in plan.Unions.Where(u => u.Unit.Parent?.Code == SectionCode))
        {
            var pool = PoolOf(village.Unit);
            if (pool.Length < 5) continue;
            AddBody($"Committee of Poor Peasants, {village.Spec.ShortName}", "committee", village.Unit, null,
                "The village poor's own committee: grain accounts, supply and the defence of the poor against the kulaks.", pool,
                new("Member of the committee", 1, Scaled(pool, 12, 2, 5), 6), new("Grain accounts supervisor", 2, 1, 6));
        }
        // Parents before their sub-bodies (the council is first), bodies before their posts.
        await using (var bodyRows = RowWriter.For<Body>(db, nameof(Body.Name), nameof(Body.KindId), nameof(Body.OrgUnitId), nameof(Body.ParentBodyId), nameof(Body.Description), nameof(Body.CreatedAt), nameof(Body.Version)))
            foreach (var b in bodies)
            {
                b.ParentBodyId = b.ParentBody?.Id;
                b.Id = (int)await bodyRows.InsertAsync([b.Name, b.KindId, b.OrgUnitId, b.ParentBodyId, b.Description, b.CreatedAt, b.Version], ct);
            }
        await using (var postRows = RowWriter.For<Post>(db, nameof(Post.BodyId), nameof(Post.Title), nameof(Post.Seats), nameof(Post.RungId), nameof(Post.TermMonths), nameof(Post.Version)))
            foreach (var p in planned.Select(p => p.Post))
                p.Id = (int)await postRows.InsertAsync([p.Body.Id, p.Title, p.Seats, p.RungId, p.TermMonths, p.Version], ct);

        // Service histories, month by month: each month the posts fill a little further.
        var holding = new Dictionary<int, List<Spell>>();
        var everServed = new List<int>();
        var spells = new List<Spell>();
        var months = (Today.Year - HistoryStart.Year) * 12 + Today.Month - HistoryStart.Month;
        var justification = 0;
        for (var i = 0; i < months; i++)
        {
            var first = HistoryStart.AddMonths(i);
            var fill = 0.12 + 0.8 * i / (months - 1);
            // Higher rungs first: a member moving up leaves a lower seat for a newcomer the same month.
            foreach (var post in planned.OrderByDescending(p => p.Rung).ThenBy(p => p.Post.Id))
            {
                // Administrative posts were filled once, in the spring of 1918, by appointment.
                var target = post.Rung == 4 ? (i == 2 ? post.Seats : 0) : (int)Math.Round(post.Seats * fill);
                // Seats free on the month's first day are taken in its first weeks; seats freed during the month
                // (terms running out) are taken the day after, so the count never passes the seats.
                var monthEnd = first.AddMonths(1).AddDays(-1) is var e && e < Today ? e : Today.AddDays(-1);
                var starts = new List<DateOnly>();
                for (var free = post.Seats - post.Spells.Count(s => s.Holds(first)); free > 0; free--)
                    starts.Add(first.AddDays(random.Next(0, 20)));
                starts.AddRange(post.Spells.Where(s => s.End is { } end && end >= first && end < monthEnd).Select(s => s.End!.Value.AddDays(1)).Order());
                var need = Math.Min(target - post.Spells.Count(s => s.Holds(monthEnd)), starts.Count);
                for (var k = 0; k < need; k++)
                {
                    var start = starts[k];
                    if (start >= Today) break;
                    var member = post.Rung switch
                    {
                        1 => Newcomer(post, start),
                        4 => Appointee(post, start),
                        _ => Climber(post, start),
                    };
                    if (member is null) continue;
                    var spell = new Spell(post, member.Value, start);
                    if (post.Rung == 4)
                    {
                        var record = new LadderRecord(Current(member.Value, start), new Dictionary<int, DateOnly>(), new Dictionary<int, int>());
                        spell.Unmet = LadderRule.Check(requirements[4], record, start).Unmet;
                        if (spell.Unmet.Count > 0) spell.Justification = Justifications[justification++ % Justifications.Length];
                    }
                    // Moving up: the lower post ends the day before.
                    foreach (var lower in Holding(member.Value, start))
                        (lower.End, lower.EndReason) = (start.AddDays(-1), $"moved up to {post.Post.Title}");
                    Finish(spell);
                    post.Spells.Add(spell);
                    spells.Add(spell);
                    if (!holding.TryGetValue(member.Value, out var list))
                    {
                        holding[member.Value] = list = [];
                        everServed.Add(member.Value);
                    }
                    list.Add(spell);
                }
            }
        }
        var paths = members.ToDictionary(m => m.Id, m => unitPath[m.OrgUnitId]);
        await WriteAsync(db, spells, paths, ct);
        var loaded = new Loaded(bodies.Count, planned.Count, spells.Count, spells.Count(s => s.Justification is not null));
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, UserId = db.Actor.UserId, UserName = db.Actor.Name, Action = "bulk-insert", EntityType = "Administration", EntityId = "demo",
            Changes = JsonSerializer.Serialize(new { bodies = loaded.Bodies, posts = loaded.Posts, assignments = loaded.Assignments, overrides = loaded.Overrides }),
            ScopePath = plan.Root.Path,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return loaded;

        IEnumerable<Spell> Holding(int member, DateOnly day) =>
            holding.TryGetValue(member, out var list) ? list.Where(s => s.Holds(day)).ToList() : [];

        bool Free(int member, DateOnly day) => since[member] <= day.AddMonths(-1) && !Holding(member, day).Any();

        int? Newcomer(PlannedPost post, DateOnly start)
        {
            // A demo without members (--members 0) fills no posts.
            for (var tries = 0; tries < 40 && post.Pool.Length > 0; tries++)
            {
                var m = post.Pool[random.Next(post.Pool.Length)];
                // Two draws in three must come from the categories drawn in first.
                if (tries < 20 && !drawnFirst.Contains(category[m]) && random.Next(3) > 0) continue;
                if (Free(m, start)) return m;
            }
            return null;
        }

        int? Climber(PlannedPost post, DateOnly start)
        {
            var min = requirements[post.Rung].MinMonthsBelow;
            var pool = post.Pool.Length == everyone.Length ? null : post.Pool.ToHashSet();
            var candidates = everServed.Where(m => (pool is null || pool.Contains(m))
                    && !post.Spells.Any(s => s.Member == m && (s.End is null || s.End >= start))
                    && Holding(m, start).All(h => h.Post.Rung < post.Rung)
                    && LadderRule.MonthsServed(Current(m, start), post.Rung - 1, start) >= min)
                .ToList();
            return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
        }

        int? Appointee(PlannedPost post, DateOnly start)
        {
            for (var tries = 0; tries < 40 && post.Pool.Length > 0; tries++)
            {
                var m = post.Pool[random.Next(post.Pool.Length)];
                if (!drawnFirst.Contains(category[m]) && Free(m, start)) return m;
            }
            return null;
        }

        // Spells as they stand while the history is being built (ends may still change when someone moves up).
        List<Stint> Current(int member, DateOnly day) =>
            holding.TryGetValue(member, out var list) ? [.. list.Where(s => s.Start < day).Select(s => new Stint(s.Post.Rung, s.Start, s.End))] : [];

        void Finish(Spell spell)
        {
            var lastDay = Today.AddDays(-1);
            DateOnly? end = spell.Post.Term is { } term ? AssignmentRules.TermEnds(spell.Start, term) : null;
            if (random.NextDouble() < 0.1)
            {
                var early = spell.Start.AddDays(random.Next(30, 150));
                if (early <= lastDay && (end is null || early < end))
                {
                    (spell.End, spell.EndReason) = (early, EarlyEnds[random.Next(EarlyEnds.Length)]);
                    return;
                }
            }
            // A term that has run out by today ended; one still running is shown with its end ahead.
            if (end is { } e && e <= lastDay) (spell.End, spell.EndReason) = (e, "term expired");
        }
    }

    /// <summary>The spells through one prepared command, and an audit entry for each override (the decision the trail must show).</summary>
    static async Task WriteAsync(RallyDb db, List<Spell> spells, Dictionary<int, string> paths, CancellationToken ct)
    {
        await using var rows = RowWriter.For<Assignment>(db, nameof(Assignment.PostId), nameof(Assignment.MemberId), nameof(Assignment.StartsOn), nameof(Assignment.EndsOn),
            nameof(Assignment.EndReason), nameof(Assignment.OverrideJustification), nameof(Assignment.UnmetConditions), nameof(Assignment.CreatedAt), nameof(Assignment.CreatedBy),
            nameof(Assignment.Version));
        foreach (var s in spells.OrderBy(s => s.Start).ThenBy(s => s.Post.Post.Id))
        {
            // Recorded at noon on the first day, as a clerk would have entered it.
            var at = new DateTimeOffset(s.Start.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            var unmet = s.Justification is null ? null : AssignmentView.WriteConditions(s.Unmet);
            await rows.InsertAsync([s.Post.Post.Id, s.Member, s.Start, s.End, s.EndReason, s.Justification, unmet, at, "demo", 1], ct);
            if (s.Justification is not null)
                db.AuditEntries.Add(new AuditEntry
                {
                    At = at, UserName = "demo", Action = "assignment-override", EntityType = "Member", EntityId = s.Member.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Changes = JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["postId"] = new { before = (object?)null, after = s.Post.Post.Id },
                        ["startsOn"] = new { before = (object?)null, after = s.Start },
                        ["overrideJustification"] = new { before = (object?)null, after = s.Justification },
                        ["unmetConditions"] = new { before = (object?)null, after = unmet },
                    }),
                    ScopePath = paths[s.Member],
                });
        }
    }

    /// <summary>
    /// One prepared INSERT reused for every row of a table, in the demo's transaction, without change
    /// tracking; values go through the model's converters (DateTimeOffset is a number on SQLite).
    /// </summary>
    sealed class RowWriter : IAsyncDisposable
    {
        readonly DbCommand command;
        readonly DbParameter[] parameters;
        readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?[] converters;

        RowWriter(DbCommand command, DbParameter[] parameters, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?[] converters) =>
            (this.command, this.parameters, this.converters) = (command, parameters, converters);

        public static RowWriter For<T>(RallyDb db, params string[] properties)
        {
            var entity = db.Model.FindEntityType(typeof(T))!;
            var columns = properties.Select(p => entity.FindProperty(p)!).ToArray();
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            var key = entity.FindPrimaryKey()!.Properties[0].GetColumnName();
            command.CommandText = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName()}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) RETURNING \"{key}\"";
            var parameters = columns.Select((_, i) =>
            {
                var p = command.CreateParameter();
                p.ParameterName = "@p" + i;
                command.Parameters.Add(p);
                return p;
            }).ToArray();
            return new RowWriter(command, parameters, [.. columns.Select(c => c.GetTypeMapping().Converter)]);
        }

        /// <returns>The new row's id.</returns>
        public async Task<long> InsertAsync(object?[] values, CancellationToken ct)
        {
            for (var i = 0; i < values.Length; i++)
                parameters[i].Value = values[i] is { } v ? converters[i]?.ConvertToProvider(v) ?? v : DBNull.Value;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
