using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Bodies;
using Rally.Web;

namespace Rally.Features.Council;

/// <summary>
/// Computes the council's apportionment from live data at a date and records it (audited), then
/// sets the council's posts from it: one post per constituency, "Council seats: NAME", with as many
/// seats as it won (none: the post is archived). Needs the officer role on the whole federation,
/// because the counts are the whole federation's. A result with an undecided tie is not saved.
/// </summary>
public static class SaveApportionment
{
    public sealed record Request(string? Date, string? Method, int? Seats, int? MinSeats, JsonElement? ThresholdPercent, bool? ThresholdQuota, List<CalculateApportionment.CapRequest>? Caps, string? TieRule)
    {
        public CalculateApportionment.Options Options => new(Method, Seats, MinSeats, ThresholdPercent, ThresholdQuota, Caps, TieRule);
    }

    /// <summary>What a constituency was, counted and won, as recorded.</summary>
    public sealed record Row(int OrgUnitId, string Code, string Name, long Count, bool Eligible, int Seats, string Status, int? Cap, bool CapBound);

    public sealed record PostSeats(int Id, string Title, int Seats, bool Archived);

    public sealed record Record(
        int Id, DateOnly CountedOn, string Method, int Seats, int MinSeats, string? ThresholdPercent, bool ThresholdQuota, string? TieRule,
        IReadOnlyList<CapRecord> Caps, IReadOnlyList<Row> Constituencies, IReadOnlyList<ApportionmentStep> Steps,
        int? BodyId, IReadOnlyList<PostSeats> Posts, DateTimeOffset CreatedAt, string CreatedBy);

    public sealed record CapRecord(string Name, int? MaxSeats, string? MaxShare);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string PostPrefix = "Council seats: ";

    /// <summary>The constituencies at <paramref name="date"/> with their engine names (short names, made unique).</summary>
    internal static List<(CouncilConstituencies.Item Unit, string Name)> Named(CouncilConstituencies.Response live)
    {
        var duplicates = live.Items.GroupBy(i => i.ShortName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. live.Items.Select(i => (i, duplicates.Contains(i.ShortName) ? $"{i.ShortName} ({i.Code})" : i.ShortName))];
    }

    public static async Task<Outcome<Record>> RunAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        if (!await caller.CanAsync(Roles.Officer, null, ct))
            return Outcome<Record>.Forbidden("Saving the council's apportionment needs the officer role on the whole federation.");
        var errors = new FieldErrors();
        var date = DateOnly.FromDateTime(db.Actor.Clock.GetUtcNow().UtcDateTime);
        if (!string.IsNullOrWhiteSpace(r.Date) && !IsoDate.TryParse(r.Date, out date)) errors.Add("date", "date must be yyyy-MM-dd.");
        if (errors.Any) return Outcome<Record>.Invalid(errors);

        var named = Named(await CouncilConstituencies.RunAsync(db, caller, date, ct));
        if (named.Count == 0) return Outcome<Record>.Invalid("constituencies", "There are no unions or sections under the federation to apportion seats among.");
        var request = CalculateApportionment.ToRequest(r.Options, [.. named.Select(n => new Constituency(n.Name, n.Unit.Count))], errors);
        if (errors.Any) return Outcome<Record>.Invalid(errors);
        var calculated = CalculateApportionment.Calculate(request!);
        if (!calculated.Succeeded) return calculated.As<Record>();
        var result = calculated.Value!;
        if (!result.Complete)
        {
            var tie = result.Ties[0];
            return Outcome<Record>.Invalid("tieRule", $"Seat {tie.FirstSeat} is tied between {string.Join(", ", tie.Constituencies)}; choose a tie rule (larger-count) to decide it before saving.");
        }

        var rows = named.Zip(result.Allocations, (n, a) => new Row(n.Unit.Id, n.Unit.Code, n.Name, a.Count, true, a.Seats, a.Status, a.Cap, a.CapBound)).ToList();
        var caps = request!.Caps!.Select(c => new CapRecord(c.Name, c.MaxSeats, c.MaxShare?.ToString())).ToList();
        var now = db.Actor.Clock.GetUtcNow();
        var body = await CouncilBodyAsync(db, now, ct);
        var saved = new Apportionment
        {
            CountedOn = date, Method = result.Method, Seats = result.Seats, MinSeats = request.MinSeats,
            ThresholdPercent = request.ThresholdPercent?.ToString(), ThresholdQuota = request.ThresholdQuota, TieRule = request.TieRule,
            Caps = JsonSerializer.Serialize(caps, Json), Result = JsonSerializer.Serialize(rows, Json), Steps = JsonSerializer.Serialize(result.Steps, Json),
            Body = body, CreatedAt = now, CreatedBy = db.Actor.Name,
        };
        db.Apportionments.Add(saved);
        await SetPostsAsync(db, body, rows, now, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Record>.Ok((await ReadAsync(db, saved.Id, ct))!);
    }

    /// <summary>The federation's council body; made on the first save when there is none.</summary>
    static async Task<Body> CouncilBodyAsync(RallyDb db, DateTimeOffset now, CancellationToken ct)
    {
        var root = await db.OrgUnits.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstAsync(ct);
        var body = await db.Bodies.Where(b => b.OrgUnitId == root.Id && b.Kind.Code == BodyKind.Council && b.ArchivedAt == null).OrderBy(b => b.Id).FirstOrDefaultAsync(ct);
        if (body is not null) return body;
        var kind = await db.BodyKinds.FirstAsync(k => k.Code == BodyKind.Council, ct);
        body = new Body { Name = root.Name, KindId = kind.Id, OrgUnitId = root.Id, CreatedAt = now, Description = "Seats apportioned among the unions and sections by the saved apportionment." };
        db.Bodies.Add(body);
        return body;
    }

    /// <summary>One post per constituency with its seats; posts of constituencies that won none (or are gone) are archived.</summary>
    static async Task SetPostsAsync(RallyDb db, Body body, List<Row> rows, DateTimeOffset now, CancellationToken ct)
    {
        var posts = body.Id == 0 ? [] : await db.Posts.Where(p => p.BodyId == body.Id && p.Title.StartsWith(PostPrefix)).ToListAsync(ct);
        // A council seat is an administrative post: the top rung of the ladder.
        var rung = await db.Rungs.OrderByDescending(x => x.Position).Select(x => x.Id).FirstAsync(ct);
        foreach (var row in rows)
        {
            var title = PostPrefix + row.Name;
            var post = posts.FirstOrDefault(p => p.Title == title);
            if (post is null)
            {
                if (row.Seats == 0) continue;
                db.Posts.Add(new Post { Body = body, Title = title, Seats = row.Seats, RungId = rung });
                continue;
            }
            posts.Remove(post);
            var archived = row.Seats == 0 ? post.ArchivedAt ?? now : (DateTimeOffset?)null;
            var seats = row.Seats == 0 ? post.Seats : row.Seats;
            if (post.Seats == seats && post.ArchivedAt == archived) continue;
            (post.Seats, post.ArchivedAt) = (seats, archived);
            post.Version++;
        }
        foreach (var gone in posts.Where(p => p.ArchivedAt is null))
        {
            gone.ArchivedAt = now;
            gone.Version++;
        }
    }

    public static async Task<Record?> ReadAsync(RallyDb db, int id, CancellationToken ct)
    {
        var a = await db.Apportionments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return null;
        var posts = a.BodyId is { } bodyId
            ? await db.Posts.AsNoTracking().Where(p => p.BodyId == bodyId && p.Title.StartsWith(PostPrefix)).OrderBy(p => p.Id)
                .Select(p => new PostSeats(p.Id, p.Title, p.Seats, p.ArchivedAt != null)).ToListAsync(ct)
            : [];
        return new Record(a.Id, a.CountedOn, a.Method, a.Seats, a.MinSeats, a.ThresholdPercent, a.ThresholdQuota, a.TieRule,
            JsonSerializer.Deserialize<List<CapRecord>>(a.Caps, Json) ?? [], JsonSerializer.Deserialize<List<Row>>(a.Result, Json) ?? [],
            JsonSerializer.Deserialize<List<ApportionmentStep>>(a.Steps, Json) ?? [], a.BodyId, posts, a.CreatedAt, a.CreatedBy);
    }
}
