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

    public sealed record BulkResult(int Recorded, int AlreadyRecorded, int Rejected, IReadOnlyList<MemberEntries.Rejection> Rejections);

    /// <summary>A badge day's whole list in one call: more than <see cref="MemberEntries.MaxEntries"/>.</summary>
    public const int MaxEntries = 20_000;

    sealed record Test(int Id, string Path, DateOnly StartsOn, DateOnly Deadline, DateTimeOffset? ArchivedAt);

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
        var entry = r.Member is { } m ? MemberEntries.Of(m) : null;
        if (entry is null) errors.Add("member", "member is required: a member id or membership number.");
        var (test, refusal, on) = await PrepareAsync<ParticipationResponse>(db, caller, clock, testId, r.ParticipatedOn, errors, ct);
        if (refusal is not null) return refusal;
        if (errors.Any) return Outcome<ParticipationResponse>.Invalid(errors);

        var grants = await caller.GrantsAsync(ct);
        var found = await MemberEntries.FindAsync(db, caller, [entry!], ct);
        var (member, rejection) = MemberEntries.Classify(entry!, found, test!.Path, grants, Roles.Organizer, "test");
        if (rejection is not null)
            return rejection.Reason == MemberEntries.Reasons.OutsideGrants
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
        var entries = MemberEntries.Parse(r.Members, errors, MaxEntries);
        if (r.Member is not null) errors.Add("member", "Send either member or members, not both.");
        var (test, refusal, on) = await PrepareAsync<BulkResult>(db, caller, clock, testId, r.ParticipatedOn, errors, ct);
        if (refusal is not null) return refusal;
        if (errors.Any) return Outcome<BulkResult>.Invalid(errors);
        return Outcome<BulkResult>.Ok(await RecordAsync(db, caller, test!, entries, on, ct));
    }

    /// <summary>For the page: membership numbers pasted one per line.</summary>
    public static Task<Outcome<BulkResult>> PastedAsync(RallyDb db, Caller caller, TimeProvider clock, int testId, string? pasted, DateOnly? on, CancellationToken ct) =>
        BulkAsync(db, caller, clock, testId, new(null, MemberEntries.Pasted(pasted), on), ct);

    static async Task<BulkResult> RecordAsync(RallyDb db, Caller caller, Test test, List<MemberEntries.Entry> entries, DateOnly on, CancellationToken ct)
    {
        var grants = await caller.GrantsAsync(ct);
        var found = await MemberEntries.FindAsync(db, caller, entries, ct);
        var rejections = new List<MemberEntries.Rejection>();
        var candidates = new List<int>();
        var seen = new HashSet<int>();
        var duplicates = 0;
        foreach (var entry in entries)
        {
            var (member, rejection) = MemberEntries.Classify(entry, found, test.Path, grants, Roles.Organizer, "test");
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

    internal static Task<ParticipationResponse> ProjectAsync(RallyDb db, long id, CancellationToken ct) =>
        ParticipationResponse.Project(ParticipationResponse.Join(db, db.Participations.Where(p => p.Id == id))).FirstAsync(ct);
}
