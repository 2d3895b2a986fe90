using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Audit;
using Rally.Features.Campaigns;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.StructureTests;

/// <summary>
/// Records that members took part in a structure test: one member, or a pasted list of membership
/// numbers (or ids) at once. Recording is idempotent (one row per member and test). Every entry
/// that cannot be recorded is reported with its reason; the good ones are kept. A bulk call writes
/// its rows set-wise and one audit entry for the whole call.
/// </summary>
public static class RecordParticipation
{
    /// <summary>Either <paramref name="Member"/> (an id or a membership number) or <paramref name="Members"/> (a list of them).</summary>
    public sealed record Request(JsonElement? Member, List<JsonElement>? Members, DateOnly? ParticipatedOn);

    public sealed record Rejection(string Entry, string Reason, string Message);

    public sealed record BulkResult(int Recorded, int AlreadyRecorded, int Rejected, IReadOnlyList<Rejection> Rejections);

    public static class Reasons
    {
        public const string Unknown = "unknown";
        public const string OutsideUnit = "outside-unit";
        public const string NotActive = "not-active";
        public const string OutsideGrants = "outside-grants";
    }

    public const int MaxEntries = 20_000;

    sealed record Test(int Id, string Path, DateOnly StartsOn, DateOnly Deadline, DateTimeOffset? ArchivedAt);

    sealed record Found(int Id, string MembershipNumber, string Path, string Status, bool Archived);

    /// <summary>What one entry names: a membership number (<paramref name="IsId"/> false; an all-digit one may also be an id) or an id.</summary>
    sealed record Entry(string Text, bool IsId)
    {
        public int? Id => int.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    /// <summary>The members found, by number and by id, so each entry is one lookup.</summary>
    sealed class Index(List<Found> found)
    {
        readonly Dictionary<string, Found> byNumber = found.DistinctBy(f => f.Id).ToDictionary(f => f.MembershipNumber, StringComparer.Ordinal);
        readonly Dictionary<int, Found> byId = found.DistinctBy(f => f.Id).ToDictionary(f => f.Id);

        public Found? Of(Entry e) =>
            (e.IsId ? null : byNumber.GetValueOrDefault(e.Text)) ?? (e.Id is { } id ? byId.GetValueOrDefault(id) : null);
    }

    /// <summary>Finds the test and checks that the caller may record for it at all, and the date.</summary>
    static async Task<(Test? Test, Outcome<T>? Refusal, DateOnly On)> PrepareAsync<T>(RallyDb db, Caller caller, TimeProvider clock, int testId, DateOnly? participatedOn, FieldErrors errors, CancellationToken ct)
    {
        var test = await (await StructureTestScope.VisibleAsync(db, caller, ct)).AsNoTracking().Where(t => t.Id == testId)
            .Select(t => new Test(t.Id, t.OrgUnit.Path, t.StartsOn, t.Deadline, t.ArchivedAt)).FirstOrDefaultAsync(ct);
        if (test is null) return (null, Outcome<T>.NotFound($"There is no structure test {testId}."), default);
        if (!AccessRules.Reaches(await caller.GrantsAsync(ct), Roles.Organizer, test.Path))
            return (null, Outcome<T>.Forbidden("Recording participation needs the organizer role on some of the test's members."), default);
        if (test.ArchivedAt is not null) return (null, Outcome<T>.Conflict("This structure test is archived; it takes no more participation."), default);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var on = participatedOn ?? (today > test.Deadline ? test.Deadline : today);
        if (on > today) errors.Add("participatedOn", "participatedOn cannot be in the future.");
        else if (on < test.StartsOn) errors.Add("participatedOn", $"participatedOn cannot be before the test starts ({test.StartsOn:yyyy-MM-dd}).");
        else if (on > test.Deadline) errors.Add("participatedOn", $"participatedOn cannot be after the test's deadline ({test.Deadline:yyyy-MM-dd}).");
        return (test, null, on);
    }

    public static async Task<Outcome<ParticipationResponse>> OneAsync(RallyDb db, Caller caller, TimeProvider clock, int testId, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entry = r.Member is { } m ? EntryOf(m) : null;
        if (entry is null) errors.Add("member", "member is required: a member id or membership number.");
        var (test, refusal, on) = await PrepareAsync<ParticipationResponse>(db, caller, clock, testId, r.ParticipatedOn, errors, ct);
        if (refusal is not null) return refusal;
        if (errors.Any) return Outcome<ParticipationResponse>.Invalid(errors);

        var grants = await caller.GrantsAsync(ct);
        var found = await FindAsync(db, caller, [entry!], ct);
        var (member, rejection) = Classify(entry!, found, test!, grants);
        if (rejection is not null)
            return rejection.Reason == Reasons.OutsideGrants
                ? Outcome<ParticipationResponse>.Forbidden(rejection.Message)
                : Outcome<ParticipationResponse>.Invalid("member", rejection.Message);

        var existing = await db.Participations.AsNoTracking().Where(p => p.StructureTestId == test!.Id && p.MemberId == member!.Id).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) return new(await ProjectAsync(db, id, ct), Status: 200);
        var participation = new Participation
        {
            StructureTestId = test!.Id, MemberId = member!.Id, ParticipatedOn = on,
            RecordedAt = db.Actor.Clock.GetUtcNow(), RecordedBy = db.Actor.Name,
        };
        db.Participations.Add(participation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone recorded the same member in between: the unique index kept one row, and that is the answer.
            db.ChangeTracker.Clear();
            var raced = await db.Participations.AsNoTracking().Where(p => p.StructureTestId == test.Id && p.MemberId == member.Id).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
            if (raced is null) throw;
            return new(await ProjectAsync(db, raced.Value, ct), Status: 200);
        }
        return new(await ProjectAsync(db, participation.Id, ct), Status: 201);
    }

    public static async Task<Outcome<BulkResult>> BulkAsync(RallyDb db, Caller caller, TimeProvider clock, int testId, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entries = (r.Members ?? []).Select(EntryOf).ToList();
        if (entries.Count == 0) errors.Add("members", "members is required: a list of membership numbers or member ids.");
        else if (entries.Count > MaxEntries) errors.Add("members", $"members takes at most {MaxEntries:N0} entries per call.");
        else if (entries.Any(e => e is null)) errors.Add("members", "Every entry of members must be a membership number (a string) or a member id (a number).");
        if (r.Member is not null) errors.Add("member", "Send either member or members, not both.");
        var (test, refusal, on) = await PrepareAsync<BulkResult>(db, caller, clock, testId, r.ParticipatedOn, errors, ct);
        if (refusal is not null) return refusal;
        if (errors.Any) return Outcome<BulkResult>.Invalid(errors);
        return Outcome<BulkResult>.Ok(await RecordAsync(db, caller, test!, entries.Select(e => e!).ToList(), on, ct));
    }

    /// <summary>For the page: membership numbers pasted one per line.</summary>
    public static Task<Outcome<BulkResult>> PastedAsync(RallyDb db, Caller caller, TimeProvider clock, int testId, string? pasted, DateOnly? on, CancellationToken ct)
    {
        var lines = (pasted ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return BulkAsync(db, caller, clock, testId, new(null, lines.Select(l => JsonSerializer.SerializeToElement(l)).ToList(), on), ct);
    }

    static async Task<BulkResult> RecordAsync(RallyDb db, Caller caller, Test test, List<Entry> entries, DateOnly on, CancellationToken ct)
    {
        var grants = await caller.GrantsAsync(ct);
        var found = await FindAsync(db, caller, entries, ct);
        var rejections = new List<Rejection>();
        var candidates = new List<int>();
        var seen = new HashSet<int>();
        var duplicates = 0;
        foreach (var entry in entries)
        {
            var (member, rejection) = Classify(entry, found, test, grants);
            if (rejection is not null) rejections.Add(rejection);
            else if (!seen.Add(member!.Id)) duplicates++;
            else candidates.Add(member.Id);
        }

        var already = new HashSet<int>();
        foreach (var chunk in candidates.Chunk(1000))
            already.UnionWith(await db.Participations.Where(p => p.StructureTestId == test.Id && chunk.Contains(p.MemberId)).Select(p => p.MemberId).ToListAsync(ct));
        var fresh = candidates.Where(id => !already.Contains(id)).ToList();

        var recorded = 0;
        if (fresh.Count > 0)
        {
            var at = db.Actor.Clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The rows are written set-wise, past the tracked saves that keep campaign progress: keep it here.
            var change = new CampaignProgressDeltas.Change();
            change.Members.UnionWith(fresh);
            change.Tests.Add(test.Id);
            var progress = await CampaignProgressDeltas.BeginAsync(db, change, ct);
            foreach (var chunk in fresh.Chunk(500))
                recorded += await InsertAsync(db, test.Id, chunk, on, at, ct);
            await progress.CompleteAsync(ct);
            var scope = test.Path;
            db.AuditEntries.Add(new AuditEntry
            {
                At = at, UserId = db.Actor.UserId, UserName = db.Actor.Name, Action = "participation-bulk",
                EntityType = "StructureTest", EntityId = test.Id.ToString(CultureInfo.InvariantCulture), ScopePath = scope,
                Changes = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["participatedOn"] = new { before = (object?)null, after = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                    ["memberIds"] = new { before = (object?)null, after = fresh },
                    ["rejected"] = new { before = (object?)null, after = rejections.Count },
                }),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        // A row another request inserted between the check and the insert counts as already recorded.
        return new(recorded, already.Count + duplicates + (fresh.Count - recorded), rejections.Count, rejections);
    }

    /// <summary>One multi-row INSERT that skips members already recorded (both providers speak ON CONFLICT DO NOTHING).</summary>
    static Task<int> InsertAsync(RallyDb db, int testId, int[] memberIds, DateOnly on, DateTimeOffset at, CancellationToken ct)
    {
        var sql = new StringBuilder("INSERT INTO \"Participations\" (\"StructureTestId\", \"MemberId\", \"ParticipatedOn\", \"RecordedAt\", \"RecordedBy\") VALUES ");
        for (var i = 0; i < memberIds.Length; i++)
            sql.Append(i == 0 ? "" : ", ").Append("({0}, ").Append(memberIds[i].ToString(CultureInfo.InvariantCulture)).Append(", {1}, {2}, {3})");
        sql.Append(" ON CONFLICT (\"StructureTestId\", \"MemberId\") DO NOTHING");
        // SQLite keeps DateTimeOffset as UTC ticks (RallyDb's convention); raw SQL must write it the same way.
        var recordedAt = db.IsPostgres ? at : new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!;
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), [testId, on, recordedAt, db.Actor.Name], ct);
    }

    /// <summary>A string entry is a membership number (or an id, if no number matches); a JSON number is an id.</summary>
    static Entry? EntryOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String when !string.IsNullOrWhiteSpace(e.GetString()) => new(e.GetString()!.Trim(), false),
        JsonValueKind.Number when e.TryGetInt32(out var id) => new(id.ToString(CultureInfo.InvariantCulture), true),
        _ => null,
    };

    /// <summary>The members the entries name, among those the caller may see at all.</summary>
    static async Task<Index> FindAsync(RallyDb db, Caller caller, List<Entry> entries, CancellationToken ct)
    {
        var numbers = entries.Where(e => !e.IsId).Select(e => e.Text).Distinct().ToList();
        var ids = entries.Select(e => e.Id).OfType<int>().Distinct().ToList();
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking();
        var found = new List<Found>();
        foreach (var chunk in numbers.Chunk(1000))
            found.AddRange(await members.Where(m => chunk.Contains(m.MembershipNumber))
                .Select(m => new Found(m.Id, m.MembershipNumber, m.OrgUnit.Path, m.Status, m.ArchivedAt != null)).ToListAsync(ct));
        foreach (var chunk in ids.Chunk(1000))
            found.AddRange(await members.Where(m => chunk.Contains(m.Id))
                .Select(m => new Found(m.Id, m.MembershipNumber, m.OrgUnit.Path, m.Status, m.ArchivedAt != null)).ToListAsync(ct));
        return new Index(found);
    }

    static (Found? Member, Rejection? Rejection) Classify(Entry entry, Index found, Test test, IReadOnlyList<Grant> grants)
    {
        var shown = entry.Text;
        var member = found.Of(entry);
        if (member is null)
            return (null, new(shown, Reasons.Unknown, entry.IsId ? $"There is no member {shown}." : $"There is no member with membership number '{shown}'."));
        if (!OrgPath.Contains(test.Path, member.Path))
            return (null, new(shown, Reasons.OutsideUnit, $"Member {member.MembershipNumber} is not in the test's unit."));
        if (member.Archived || member.Status != MemberRules.Active)
            return (null, new(shown, Reasons.NotActive, $"Member {member.MembershipNumber} is not an active member (status {member.Status}{(member.Archived ? ", archived" : "")})."));
        if (!AccessRules.Allows(grants, Roles.Organizer, member.Path))
            return (null, new(shown, Reasons.OutsideGrants, $"Recording for member {member.MembershipNumber} needs the organizer role on their union or branch."));
        return (member, null);
    }

    internal static Task<ParticipationResponse> ProjectAsync(RallyDb db, long id, CancellationToken ct) =>
        ParticipationResponse.Project(ParticipationResponse.Join(db, db.Participations.Where(p => p.Id == id))).FirstAsync(ct);
}
