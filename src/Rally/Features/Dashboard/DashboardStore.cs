using System.Data.Common;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Rally.Data;
using Rally.Features.Assessments;
using Rally.Features.Members;
using Rally.Features.OrgUnits;

namespace Rally.Features.Dashboard;

/// <summary>
/// Keeps the <see cref="DashboardCell"/>s exactly in step with the history, on read: every write that
/// matters leaves an audit entry in its own transaction, so the entries after the watermark say which
/// units to count again; the days since the last refresh add the members whose posts, statuses or
/// schooling changed on them. A unit is recounted from scratch (idempotent), and the difference to its
/// stored figures is added to its ancestors' subtree figures. Anything wider (the ladder reordered, a post moved
/// to another rung, a unit moved, a bulk load without a unit) rebuilds everything.
/// </summary>
public static class DashboardStore
{
    const int WatermarkId = 1;
    const int BatchSize = 50_000;
    /// <summary>Beyond this many units a rebuild is cheaper than recounting unit by unit.</summary>
    const int MaxDirtyUnits = 200;

    /// <summary>Brings the cells up to <paramref name="today"/>; returns whether anything was recounted.</summary>
    public static async Task<bool> RefreshAsync(RallyDb db, DateOnly today, TimeProvider clock, CancellationToken ct = default)
    {
        var mark = await db.Set<DashboardWatermark>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == WatermarkId, ct);
        if (mark is null)
        {
            await RebuildAsync(db, today, clock, ct);
            return true;
        }
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Id > mark.AuditId)
            .Select(a => new { a.Id, a.At, a.EntityType, a.EntityId, a.Action, a.Changes, a.ScopePath }).ToListAsync(ct);
        if (entries.Count == 0 && mark.AsOf == today) return false;

        var full = mark.AsOf > today; // the clock went back: count everything afresh
        var dirty = new HashSet<int>();
        var touched = new HashSet<int>();
        var subtrees = new List<string>();
        foreach (var e in entries)
        {
            var unit = e.ScopePath is null ? (int?)null : OrgPath.Ids(e.ScopePath).Last();
            switch (e.EntityType)
            {
                case "Member" when e.Action.StartsWith("conversation", StringComparison.Ordinal) || e.Action.StartsWith("follow-up", StringComparison.Ordinal):
                    break;
                case "Member" when e.Action is "bulk-insert" or "import" or "rollback":
                case "ImportBatch":
                    if (e.ScopePath is null) full = true; else subtrees.Add(e.ScopePath);
                    break;
                case "Member":
                    if (unit is null) { full = true; break; }
                    dirty.Add(unit.Value);
                    if (int.TryParse(e.EntityId, out var memberId)) touched.Add(memberId);
                    if (Move(e.Changes) is { } move) { dirty.Add(move.Before); dirty.Add(move.After); }
                    break;
                case "Distribution":
                    if (unit is null) full = true; else dirty.Add(unit.Value);
                    break;
                // What moves members between rungs or units: the ladder's order, a post's rung, a unit's parent. Names,
                // seats, terms, conditions and scale levels change no figure (engagement is keyed by level number).
                case "Rung" when e.Action == "delete" || Changed(e.Changes, "position"):
                case "Body" when e.Action == "post-delete" || e.Action == "post-update" && Changed(e.Changes, "rungId"):
                case "OrgUnit" when e.Action == "update" && Changed(e.Changes, "parentId"):
                    full = true;
                    break;
            }
        }
        if (!full && mark.AsOf < today) dirty.UnionWith(await UnitsChangedBetweenAsync(db, mark.AsOf, today, touched, ct));
        // A member's history counts in every unit they have belonged to: all of those are recounted.
        if (!full && touched.Count > 0)
        {
            var moves = await MovesAsync(db, ct);
            foreach (var member in touched)
                if (moves.TryGetValue(member, out var list))
                    foreach (var move in list) { dirty.Add(move.Before); dirty.Add(move.After); }
        }
        foreach (var path in subtrees.Distinct())
            dirty.UnionWith(await db.OrgUnits.Where(OrgPath.Within([path])).Select(u => u.Id).ToListAsync(ct));
        full |= dirty.Count > MaxDirtyUnits;

        // Entries in flight may commit later with smaller ids on PostgreSQL: read the last minutes again next time
        // (recounting is idempotent).
        var settled = clock.GetUtcNow().AddMinutes(-2);
        var watermark = entries.Where(e => !db.IsPostgres || e.At < settled).Select(e => e.Id).DefaultIfEmpty(mark.AuditId).Max();
        watermark = Math.Max(watermark, mark.AuditId);

        if (!full && dirty.Count == 0 && watermark == mark.AuditId && mark.AsOf == today) return false;
        if (full)
        {
            await RebuildAsync(db, today, clock, ct);
            return true;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Only one refresh wins; the others find the watermark moved and leave it to the winner.
        var claimed = await db.Set<DashboardWatermark>().Where(w => w.Id == WatermarkId && w.Version == mark.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, mark.Version + 1).SetProperty(w => w.AuditId, watermark)
                .SetProperty(w => w.AsOf, today).SetProperty(w => w.RefreshedAt, clock.GetUtcNow()), ct);
        if (claimed == 0) return false;
        if (dirty.Count > 0) await RecountAsync(db, dirty, today, ct);
        await tx.CommitAsync(ct);
        return dirty.Count > 0;
    }

    /// <summary>
    /// Counts every unit afresh (unless another reader just did); <paramref name="force"/> after writes that left no
    /// audit entry (raw SQL, a restore).
    /// </summary>
    public static async Task RebuildAsync(RallyDb db, DateOnly today, TimeProvider clock, CancellationToken ct = default, bool force = false)
    {
        var top = await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;
        var leaf = new Dictionary<CellKey, int>();
        var moves = await MovesAsync(db, ct);
        var maxId = await db.Members.MaxAsync(m => (int?)m.Id, ct) ?? 0;
        for (var lo = 0; lo <= maxId; lo += BatchSize)
            foreach (var h in await LoadAsync(db, moves, lo, lo + BatchSize, null, ct))
                MonthlyFigures.Accumulate(h, today, _ => true, leaf);
        MonthlyFigures.AccumulateCopies(await CopiesAsync(db, null, ct), today, _ => true, leaf);
        var paths = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var tree = new Dictionary<CellKey, int>();
        foreach (var (key, value) in leaf)
            foreach (var ancestor in Ancestors(paths, key.UnitId))
                MonthlyFigures.Bump(tree, key with { UnitId = ancestor }, value);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two first readers at once: the second waits for the first and finds its work done.
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7231)", ct);
        if (!force && await db.Set<DashboardWatermark>().AnyAsync(w => w.AsOf == today && w.AuditId >= top, ct)) return;
        await db.Set<DashboardCell>().ExecuteDeleteAsync(ct);
        await db.Set<DashboardWatermark>().ExecuteDeleteAsync(ct);
        await InsertAsync(db, leaf.Select(c => (c.Key, false, c.Value)).Concat(tree.Select(c => (c.Key, true, c.Value))), ct);
        db.Set<DashboardWatermark>().Add(new DashboardWatermark { Id = WatermarkId, AuditId = top, AsOf = today, RefreshedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await tx.CommitAsync(ct);
    }

    /// <summary>Counts the units again and adds the differences to their ancestors' subtree figures.</summary>
    static async Task RecountAsync(RallyDb db, HashSet<int> units, DateOnly today, CancellationToken ct)
    {
        var moves = await MovesAsync(db, ct);
        var unitList = units.ToList();
        var members = await db.Members.Where(m => unitList.Contains(m.OrgUnitId)).Select(m => m.Id).ToListAsync(ct);
        members.AddRange(moves.Where(m => m.Value.Any(x => units.Contains(x.Before) || units.Contains(x.After))).Select(m => m.Key));
        var fresh = new Dictionary<CellKey, int>();
        foreach (var h in await LoadAsync(db, moves, 0, 0, members.Distinct().ToList(), ct))
            MonthlyFigures.Accumulate(h, today, units.Contains, fresh);
        MonthlyFigures.AccumulateCopies(await CopiesAsync(db, unitList, ct), today, units.Contains, fresh);

        var cells = db.Set<DashboardCell>();
        var old = await cells.AsNoTracking().Where(c => !c.Subtree && unitList.Contains(c.OrgUnitId)).ToListAsync(ct);
        var diff = new Dictionary<CellKey, int>(fresh);
        foreach (var c in old) MonthlyFigures.Bump(diff, new(c.OrgUnitId, c.Series, c.Key, c.Month), -c.Value);
        if (diff.Count == 0) return;

        var paths = await db.OrgUnits.AsNoTracking().Where(OrgPath.Within(await db.OrgUnits.Where(u => unitList.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct)))
            .Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var ancestorIds = diff.Keys.Select(k => k.UnitId).Distinct().SelectMany(u => Ancestors(paths, u)).Distinct().ToList();
        var tree = await cells.Where(c => c.Subtree && ancestorIds.Contains(c.OrgUnitId)).ToDictionaryAsync(c => new CellKey(c.OrgUnitId, c.Series, c.Key, c.Month), ct);
        foreach (var (key, value) in diff)
            foreach (var ancestor in Ancestors(paths, key.UnitId))
            {
                var k = key with { UnitId = ancestor };
                if (tree.TryGetValue(k, out var row)) row.Value += value;
                else cells.Add(tree[k] = new DashboardCell { OrgUnitId = ancestor, Subtree = true, Series = k.Series, Key = k.Key, Month = k.Month, Value = value });
            }
        foreach (var row in tree.Values.Where(r => r.Value == 0))
            if (db.Entry(row).State == EntityState.Added) db.Entry(row).State = EntityState.Detached; else cells.Remove(row);
        await cells.Where(c => !c.Subtree && unitList.Contains(c.OrgUnitId)).ExecuteDeleteAsync(ct);
        cells.AddRange(fresh.Select(c => new DashboardCell { OrgUnitId = c.Key.UnitId, Subtree = false, Series = c.Key.Series, Key = c.Key.Key, Month = c.Key.Month, Value = c.Value }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    static bool Changed(string changes, string property) => changes.Contains($"\"{property}\":", StringComparison.Ordinal);

    /// <summary>The unit itself, its ancestors, and 0 for the whole federation.</summary>
    static IEnumerable<int> Ancestors(IReadOnlyDictionary<int, string> paths, int unit) =>
        paths.TryGetValue(unit, out var path) ? OrgPath.Ids(path).Append(0) : [unit, 0];

    /// <summary>Units whose members' standing, posts, assessments or schooling changed on a day after <paramref name="since"/> up to <paramref name="today"/>.</summary>
    static async Task<List<int>> UnitsChangedBetweenAsync(RallyDb db, DateOnly since, DateOnly today, HashSet<int> touched, CancellationToken ct)
    {
        var from = new DateTimeOffset(since.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var members = db.Assignments.Where(a => a.StartsOn > since && a.StartsOn <= today || a.EndsOn >= since && a.EndsOn < today).Select(a => a.MemberId)
            .Concat(db.MemberStatusChanges.Where(s => s.EffectiveOn > since && s.EffectiveOn <= today).Select(s => s.MemberId))
            .Concat(db.Assessments.Where(a => a.ScaleId == AssessmentScale.EngagementId && a.AssessedAt >= from && a.AssessedAt < to).Select(a => a.MemberId))
            .Concat(db.Enrolments.Where(e => e.EnrolledOn > since && e.EnrolledOn <= today || e.CompletedOn > since && e.CompletedOn <= today).Select(e => e.MemberId));
        var changed = await db.Members.Where(m => members.Contains(m.Id)).Select(m => new { m.Id, m.OrgUnitId }).ToListAsync(ct);
        touched.UnionWith(changed.Select(m => m.Id));
        var units = changed.Select(m => m.OrgUnitId).Distinct().ToList();
        units.AddRange(await db.Distributions.Where(d => d.DistributedOn > since && d.DistributedOn <= today).Select(d => d.WorkplaceId).Distinct().ToListAsync(ct));
        return units;
    }

    public readonly record struct UnitMove(DateOnly On, int Before, int After);

    /// <summary>A move to another unit, read from an audit entry's changes ({"orgUnitId": {"before": 3, "after": 7}}).</summary>
    static (int Before, int After)? Move(string changes)
    {
        if (!changes.Contains("\"orgUnitId\"", StringComparison.Ordinal)) return null;
        using var json = JsonDocument.Parse(changes);
        if (!json.RootElement.TryGetProperty("orgUnitId", out var change)) return null;
        return change.TryGetProperty("before", out var b) && b.ValueKind == JsonValueKind.Number && change.TryGetProperty("after", out var a) && a.ValueKind == JsonValueKind.Number
            ? (b.GetInt32(), a.GetInt32()) : null;
    }

    /// <summary>Every member's moves between units, from the audit trail, in order.</summary>
    public static async Task<Dictionary<int, List<UnitMove>>> MovesAsync(RallyDb db, CancellationToken ct)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Member" && a.Action != "bulk-insert" && a.Changes.Contains("\"orgUnitId\""))
            .OrderBy(a => a.Id).Select(a => new { a.EntityId, a.At, a.Changes }).ToListAsync(ct);
        var moves = new Dictionary<int, List<UnitMove>>();
        foreach (var e in entries)
            if (Move(e.Changes) is { } m && m.Before != m.After && int.TryParse(e.EntityId, out var id))
            {
                if (!moves.TryGetValue(id, out var list)) moves[id] = list = [];
                list.Add(new(DateOnly.FromDateTime(e.At.UtcDateTime), m.Before, m.After));
            }
        return moves;
    }

    /// <summary>The histories of members with ids in [lo, hi), or of the listed members.</summary>
    public static async Task<List<MemberHistory>> LoadAsync(RallyDb db, Dictionary<int, List<UnitMove>> moves, int lo, int hi, List<int>? ids, CancellationToken ct)
    {
        var histories = new Dictionary<int, MemberHistory>();
        foreach (var m in await For(db.Members.AsNoTracking(), m => m.Id, lo, hi, ids).Select(m => new { m.Id, m.CategoryId, m.OrgUnitId }).ToListAsync(ct))
        {
            var h = new MemberHistory { MemberId = m.Id, CategoryId = m.CategoryId };
            if (moves.TryGetValue(m.Id, out var list))
            {
                h.Units.Add((DateOnly.MinValue, list[0].Before));
                foreach (var move in list) h.Units.Add((move.On, move.After));
            }
            else h.Units.Add((DateOnly.MinValue, m.OrgUnitId));
            histories[m.Id] = h;
        }
        foreach (var s in await For(db.MemberStatusChanges.AsNoTracking(), s => s.MemberId, lo, hi, ids)
                     .OrderBy(s => s.MemberId).ThenBy(s => s.EffectiveOn).ThenBy(s => s.Id).Select(s => new { s.MemberId, s.EffectiveOn, s.ToStatus }).ToListAsync(ct))
            if (histories.TryGetValue(s.MemberId, out var h)) h.Statuses.Add((s.EffectiveOn, s.ToStatus == MemberRules.Active));
        foreach (var a in await For(db.Assignments.AsNoTracking(), a => a.MemberId, lo, hi, ids)
                     .Select(a => new { a.MemberId, a.StartsOn, a.EndsOn, a.Post.RungId, a.Post.Rung.Position }).ToListAsync(ct))
            if (histories.TryGetValue(a.MemberId, out var h)) h.Posts.Add(new(a.StartsOn, a.EndsOn, a.RungId, a.Position));
        foreach (var a in await For(db.Assessments.AsNoTracking().Where(a => a.ScaleId == AssessmentScale.EngagementId), a => a.MemberId, lo, hi, ids)
                     .OrderBy(a => a.MemberId).ThenBy(a => a.AssessedAt).ThenBy(a => a.Id).Select(a => new { a.MemberId, a.AssessedAt, a.Level }).ToListAsync(ct))
            if (histories.TryGetValue(a.MemberId, out var h)) h.Assessments.Add((DateOnly.FromDateTime(a.AssessedAt.UtcDateTime), a.Level));
        foreach (var e in await For(db.Enrolments.AsNoTracking(), e => e.MemberId, lo, hi, ids).Select(e => new { e.MemberId, e.EnrolledOn, e.CompletedOn }).ToListAsync(ct))
            if (histories.TryGetValue(e.MemberId, out var h)) h.Schooling.Add((e.EnrolledOn, e.CompletedOn));
        // Assessments stored out of date order within a day keep their recorded order; across days the date decides.
        foreach (var h in histories.Values) h.Assessments.Sort((x, y) => x.On.CompareTo(y.On));
        return [.. histories.Values];
    }

    public static async Task<List<(int WorkplaceId, DateOnly On, int Copies)>> CopiesAsync(RallyDb db, List<int>? workplaces, CancellationToken ct)
    {
        var q = db.Distributions.AsNoTracking();
        if (workplaces is not null) q = q.Where(d => workplaces.Contains(d.WorkplaceId));
        return (await q.Select(d => new { d.WorkplaceId, d.DistributedOn, d.Copies }).ToListAsync(ct)).Select(d => (d.WorkplaceId, d.DistributedOn, d.Copies)).ToList();
    }

    static IQueryable<T> For<T>(IQueryable<T> q, Expression<Func<T, int>> memberId, int lo, int hi, List<int>? ids)
    {
        if (ids is not null)
        {
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], Expression.Constant(ids), memberId.Body);
            return q.Where(Expression.Lambda<Func<T, bool>>(contains, memberId.Parameters));
        }
        var body = Expression.AndAlso(Expression.GreaterThanOrEqual(memberId.Body, Expression.Constant(lo)), Expression.LessThan(memberId.Body, Expression.Constant(hi)));
        return q.Where(Expression.Lambda<Func<T, bool>>(body, memberId.Parameters));
    }

    /// <summary>Writes many cells at once: COPY on PostgreSQL, one prepared INSERT on SQLite.</summary>
    static async Task InsertAsync(RallyDb db, IEnumerable<(CellKey Key, bool Subtree, int Value)> rows, CancellationToken ct)
    {
        var table = db.Model.FindEntityType(typeof(DashboardCell))!.GetTableName()!;
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await using var copy = await npgsql.BeginBinaryImportAsync(
                $"COPY \"{table}\" (\"OrgUnitId\", \"Subtree\", \"Series\", \"Key\", \"Month\", \"Value\") FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (k, subtree, value) in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(k.UnitId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(subtree, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(k.Series, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(k.Key, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(k.Month, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(value, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
            return;
        }
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = $"INSERT INTO \"{table}\" (\"OrgUnitId\", \"Subtree\", \"Series\", \"Key\", \"Month\", \"Value\") VALUES ($u, $s, $n, $k, $m, $v)";
        var p = new[] { "$u", "$s", "$n", "$k", "$m", "$v" }.Select(name => { var x = cmd.CreateParameter(); x.ParameterName = name; cmd.Parameters.Add(x); return x; }).ToArray();
        await cmd.PrepareAsync(ct);
        foreach (var (k, subtree, value) in rows)
        {
            p[0].Value = k.UnitId; p[1].Value = subtree; p[2].Value = k.Series; p[3].Value = k.Key;
            p[4].Value = k.Month.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture); p[5].Value = value;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
