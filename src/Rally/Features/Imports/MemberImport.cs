using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Data.Bulk;
using Rally.Features.Members;
using Rally.Web;

namespace Rally.Features.Imports;

/// <summary>
/// Imports a member file: streamed, validated row by row, matched against the existing members
/// (<see cref="ImportMatching"/>), and written in bulk as one batch in one transaction. Good rows
/// are kept, bad rows are reported with row number, column and reason. A fatal problem (an
/// unknown encoding, a missing required column, a bad --map, an --into out of reach) writes nothing.
/// </summary>
public static class MemberImport
{
    /// <summary>How many rejections the summary carries; all of them go to the rejected-rows CSV and (for a batch) to ImportRejection rows.</summary>
    public const int RejectionsInSummary = 100;

    /// <summary>Rows processed between writes: bounds memory (a chunk's inserts, updates and rejections) whatever the file's size.</summary>
    const int Chunk = 10_000;

    static MemberImport() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding a name stands for (utf-8 when none), or null when unknown.</summary>
    public static Encoding? EncodingFor(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return new UTF8Encoding(false);
        try { return Encoding.GetEncoding(name.Trim()); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>The reason stored on the rejection row 0 that keeps the file's header.</summary>
    public const string HeaderReason = "(header)";

    /// <summary>
    /// A line of the rejected-rows CSV: the row's fields cut or padded to the header's width, cells a
    /// spreadsheet would run neutralised (the import takes the apostrophe off again), then where and why.
    /// </summary>
    public static string RejectedLine(int width, IReadOnlyList<string> fields, long row, string? column, string reason) =>
        CsvRowReader.Line(fields.Take(width).Concat(Enumerable.Repeat("", Math.Max(0, width - fields.Count))).Select(MemberCsv.Neutralise)
            .Concat([row.ToString(System.Globalization.CultureInfo.InvariantCulture), column ?? "", reason]));

    /// <summary>The columns the rejected-rows CSV adds after the file's own.</summary>
    public static readonly IReadOnlyList<string> RejectionColumns = ["row_number", "column", "reason"];

    /// <param name="rejected">optional sink for the rejected-rows CSV: the file's header, then each rejected row with row_number, column, reason</param>
    public static async Task<Outcome<ImportSummary>> RunAsync(RallyDb db, ImportActor actor, Stream file, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken ct, TextWriter? rejected = null)
    {
        var clock = db.Actor.Clock;
        var stopwatch = Stopwatch.StartNew();
        var encoding = EncodingFor(options.Encoding);
        if (encoding is null) return Outcome<ImportSummary>.Invalid("encoding", $"unknown encoding '{options.Encoding}' (try utf-8, utf-16 or windows-1251)");

        var counting = new CountingStream(file);
        using var text = new StreamReader(counting, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var csv = new CsvRowReader(text);
        if (!csv.Read()) return Outcome<ImportSummary>.Invalid("file", "the file is empty: it has no header row");
        var headers = csv.Fields.Select((h, i) => i == 0 ? h.TrimStart('\uFEFF') : h).ToList();
        if (headers.Any(h => h.Contains('\uFFFD')))
            return Outcome<ImportSummary>.Invalid("encoding", $"the header is not readable as {encoding.WebName}: is the file in another encoding? (name it with --encoding, e.g. windows-1251)");
        var (columns, error) = ImportColumns.Resolve(headers, options.Map);
        if (columns is null) return Outcome<ImportSummary>.Invalid("map", error!);

        var units = await db.OrgUnits.AsNoTracking().Select(u => new ImportUnit(u.Id, u.Code, u.Path)).ToListAsync(ct);
        var byCode = units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var byId = units.ToDictionary(u => u.Id);
        ImportUnit? into = null;
        if (options.Into is { } code)
        {
            if (!byCode.TryGetValue(code.Trim(), out into)) return Outcome<ImportSummary>.Invalid("into", $"unknown org unit '{code}'");
            if (!actor.Covers(into.Path)) return Outcome<ImportSummary>.Forbidden($"Importing into {into.Code} needs the officer role there.");
        }
        var missing = columns.Missing(into is not null).ToList();
        if (missing.Count > 0)
            return Outcome<ImportSummary>.Invalid("file", $"the file has no {string.Join(", ", missing)} column{(missing.Count > 1 ? "s" : "")} (headers: {string.Join(", ", headers)}; map one with --map SOURCE=FIELD{(missing.Contains(MemberCsv.OrgUnit) ? " or give --into" : "")})");

        var categories = new Dictionary<string, (int, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(ct))
        {
            categories.TryAdd(c.Code, (c.Id, c.Code));
            categories.TryAdd(c.Name, (c.Id, c.Code));
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var parser = new ImportRowParser(columns, byCode, categories, into, actor, today);
        var fileName = Path.GetFileName(options.FileName);
        if (fileName.Length > 260) fileName = fileName[..260];

        var run = new Run(actor, columns, parser, into, byId, clock, rejected, headers);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (options.DryRun)
            {
                await using var readOnly = await db.Database.BeginTransactionAsync(ct);
                run.Index = await MemberIndex.LoadAsync(db, columns, id => actor.Covers(byId[id].Path), ct);
                await run.ReadAllAsync(csv, counting, file, progress, ct);
                await readOnly.RollbackAsync(ct);
            }
            else
            {
                await using var foreignKeys = await SqliteForeignKeys.SuspendAsync(db, ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                run.Store = new ImportStore(db);
                var mapping = JsonSerializer.Serialize(columns.Headers.Select((h, i) => (h, f: columns.Fields[i])).Where(x => x.f is not null).ToDictionary(x => x.h, x => x.f));
                run.BatchId = await run.Store.InsertBatchAsync(fileName, into?.Id, options.Encoding, mapping.Length > 4000 ? null : mapping, actor.Name, clock.GetUtcNow(), ct);
                run.Index = await MemberIndex.LoadAsync(db, columns, id => actor.Covers(byId[id].Path), ct);
                await using (var bulk = await MemberBulkInsert.BeginAsync(db, ct))
                {
                    run.Bulk = bulk;
                    // The bulk writer sizes SQLite's page cache for a demo load (512 MB); an import keeps to 32 MB
                    // to stay within its memory budget (the writer restores the previous size when done).
                    if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -32768", ct);
                    await run.ReadAllAsync(csv, counting, file, progress, ct);
                    await bulk.CompleteAsync(run.BatchId.ToString()!, into?.Path, clock, ct, audit: false);
                }
                await run.Store.DisposeAsync();
                var batch = await db.ImportBatches.FirstAsync(b => b.Id == run.BatchId, ct);
                (batch.Read, batch.Inserted, batch.Updated, batch.Unchanged, batch.Rejected, batch.SentToReview) =
                    (run.Read, run.Inserted, run.Updated, run.Unchanged, run.Rejected, run.Reviewed);
                batch.Status = ImportStatuses.Completed;
                batch.FinishedAt = clock.GetUtcNow();
                db.AuditAction = "import";
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        if (rejected is not null) await rejected.FlushAsync(ct);
        return Outcome<ImportSummary>.Ok(new ImportSummary(run.BatchId, fileName, options.DryRun, run.Read, run.Inserted, run.Updated, run.Unchanged,
            run.Rejected, run.Reviewed, run.FirstRejections, stopwatch.Elapsed));
    }

    /// <summary>One import's state while it reads: counts, the in-file keys seen so far, and the current chunk's pending writes.</summary>
    sealed class Run(ImportActor actor, ImportColumns columns, ImportRowParser parser, ImportUnit? into,
        Dictionary<int, ImportUnit> units, TimeProvider clock, TextWriter? rejectedCsv, IReadOnlyList<string> headers)
    {
        public MemberIndex Index = null!;
        public ImportStore? Store;
        public MemberBulkInsert? Bulk;
        public int? BatchId;
        public long Read, Inserted, Updated, Unchanged, Rejected, Reviewed;
        public readonly List<RejectedRow> FirstRejections = [];

        readonly ContentHasher content = new(columns);
        readonly Dictionary<ulong, long> seenNumbers = [], seenEmails = [], seenPhones = [], seenNameDobs = [];
        /// <summary>One chunk's pending writes: filled by the reader, written by the writer.</summary>
        sealed class Pending
        {
            public readonly List<RejectedRow> Rejections = [];
            public readonly List<(long, int, string, string)> Reviews = [];
            public readonly List<(int Id, ImportRow Row)> Updates = [];
            public readonly MemberRows Rows = new(Chunk);
        }

        Pending current = new();
        List<RejectedRow> rejections => current.Rejections;
        List<(long, int, string, string)> reviews => current.Reviews;
        List<(int Id, ImportRow Row)> updates => current.Updates;
        MemberRows rows => current.Rows;
        readonly DateTimeOffset now = clock.GetUtcNow();
        readonly DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        readonly string reason = "import";
        int nextMember;
        long nextChange;
        bool headerWritten;

        /// <summary>
        /// Reads, checks and matches on this thread while a second one writes the previous chunk:
        /// parsing and the database overlap. Chunks pass through a channel of two, so at most three
        /// chunks are in memory; a writer failure stops the reader and is rethrown.
        /// </summary>
        public async Task ReadAllAsync(CsvRowReader csv, CountingStream counting, Stream file, IProgress<ImportProgress>? progress, CancellationToken ct)
        {
            if (Bulk is not null) (nextMember, nextChange) = (Bulk.Next.Member, Bulk.Next.StatusChange);
            long? total = file.CanSeek ? file.Length : null;
            var full = System.Threading.Channels.Channel.CreateBounded<Pending>(2);
            var spare = new System.Collections.Concurrent.ConcurrentBag<Pending>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var writer = Task.Run(async () =>
            {
                try
                {
                    await foreach (var chunk in full.Reader.ReadAllAsync(stop.Token))
                    {
                        await FlushAsync(chunk, stop.Token);
                        spare.Add(chunk);
                    }
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            }, CancellationToken.None);
            try
            {
                var pending = 0;
                while (csv.Read())
                {
                    stop.Token.ThrowIfCancellationRequested();
                    Read++;
                    var number = Read;
                    if (csv.OversizedField >= 0)
                        Reject(number, csv.OversizedField < headers.Count ? headers[csv.OversizedField] : "", $"a field is longer than {csv.MaxFieldLength} characters", csv.Fields);
                    else if (csv.TooManyFields)
                        Reject(number, "", $"the row has more than {csv.MaxFields} fields, the header has {headers.Count}", csv.Fields);
                    else if (csv.UnterminatedQuote)
                        Reject(number, "", "a quoted field is not closed before the end of the file", csv.Fields);
                    else
                        Decide(parser.Parse(number, csv.Fields), csv.Fields);
                    if (++pending == Chunk)
                    {
                        await full.Writer.WriteAsync(current, stop.Token);
                        current = spare.TryTake(out var reused) ? reused : new Pending();
                        pending = 0;
                        progress?.Report(new(Read, counting.Position, total));
                    }
                }
                await full.Writer.WriteAsync(current, stop.Token);
                full.Writer.Complete();
            }
            catch (OperationCanceledException) when (writer.IsFaulted || !ct.IsCancellationRequested)
            {
                // The writer failed: its exception is the one to report.
                full.Writer.TryComplete();
            }
            catch
            {
                full.Writer.TryComplete();
                stop.Cancel();
                try { await writer; } catch { /* the reader's own failure is reported */ }
                throw;
            }
            await writer;
            progress?.Report(new(Read, counting.Position, total));
        }

        void Reject(long row, string? column, string why, IReadOnlyList<string> fields)
        {
            Rejected++;
            var line = CsvRowReader.Line(fields);
            var r = new RejectedRow(row, column, why, line);
            if (FirstRejections.Count < RejectionsInSummary) FirstRejections.Add(r);
            if (BatchId is not null)
            {
                // Row 0 keeps the file's header, so the rejected rows can be downloaded as a file to fix and import again.
                if (Rejected == 1) rejections.Add(new RejectedRow(0, null, HeaderReason, CsvRowReader.Line(headers)));
                rejections.Add(r);
            }
            if (rejectedCsv is not null)
            {
                if (!headerWritten)
                {
                    rejectedCsv.WriteLine(CsvRowReader.Line(headers.Concat(RejectionColumns)));
                    headerWritten = true;
                }
                rejectedCsv.WriteLine(RejectedLine(headers.Count, fields, row, column, why));
            }
        }

        void Decide(ImportRow row, IReadOnlyList<string> fields)
        {
            if (!row.Valid) { Reject(row.RowNumber, row.ErrorColumn, row.Error!, fields); return; }
            var number = Keys.Number(row.MembershipNumber);
            var email = Keys.Email(row.Email);
            var phone = Keys.Phone(row.Phone);
            var nameDob = Keys.NameDob(MemberRules.Key(row.FamilyName), MemberRules.Key(row.GivenName), row.DateOfBirth);
            // The same person twice in one file: the first occurrence wins, the second is reported.
            if (Seen(seenNumbers, number, out var first)) { Reject(row.RowNumber, MemberCsv.MembershipNumber, $"duplicate of row {first} (same membership number)", fields); return; }
            if (Seen(seenEmails, email, out first)) { Reject(row.RowNumber, MemberCsv.Email, $"duplicate of row {first} (same email)", fields); return; }
            if (Seen(seenPhones, phone, out first)) { Reject(row.RowNumber, MemberCsv.Phone, $"duplicate of row {first} (same phone)", fields); return; }
            var weakOnly = number == 0 && email == 0 && phone == 0;
            if (weakOnly && Seen(seenNameDobs, nameDob, out first)) { Reject(row.RowNumber, MemberCsv.FamilyName, $"duplicate of row {first} (same name and date of birth)", fields); return; }

            var decision = ImportMatching.Decide(number != 0, Index.ByNumber(number), Index.ByEmail(email), Index.ByPhone(phone), Index.ByNameDob(nameDob),
                id => Index.Compare(id, email, phone));
            if (decision.Kind != MatchKind.Insert)
            {
                ref var m = ref Index.Members[decision.MemberId];
                if (!m.InScope) { Reject(row.RowNumber, MemberCsv.MembershipNumber, "the membership number belongs to a member outside the units you may import into", fields); return; }
                if (m.Archived) { Reject(row.RowNumber, MemberCsv.MembershipNumber, $"matches member {decision.MemberId}, who is archived or erased", fields); return; }
            }
            switch (decision.Kind)
            {
                case MatchKind.Review:
                    Reviewed++;
                    if (BatchId is not null) reviews.Add((row.RowNumber, decision.MemberId, decision.Reason!, JsonSerializer.Serialize(row.Canonical())));
                    break;
                case MatchKind.Update:
                    Update(decision.MemberId, row, fields);
                    break;
                default:
                    Insert(row, fields);
                    break;
            }
            Remember(seenNumbers, number, row.RowNumber);
            Remember(seenEmails, email, row.RowNumber);
            Remember(seenPhones, phone, row.RowNumber);
            if (weakOnly) Remember(seenNameDobs, nameDob, row.RowNumber);
        }

        static bool Seen(Dictionary<ulong, long> seen, ulong key, out long first)
        {
            first = 0;
            return key != 0 && seen.TryGetValue(key, out first);
        }

        static void Remember(Dictionary<ulong, long> seen, ulong key, long row)
        {
            if (key != 0) seen.TryAdd(key, row);
        }

        void Update(int id, ImportRow row, IReadOnlyList<string> fields)
        {
            ref var m = ref Index.Members[id];
            // A row with no org_unit of its own (given by --into) leaves a member already within that unit where they are.
            if (row.OrgUnitCode is not null && fields.Count > 0 && ImportRowParser.Cell(fields, columns[MemberCsv.OrgUnit]) is null)
            {
                if (into is not null && OrgUnits.OrgPath.Contains(into.Path, units[m.OrgUnitId].Path)) row.OrgUnitId = null;
                else if (into is not null) { Reject(row.RowNumber, MemberCsv.OrgUnit, $"member {id} belongs to {units[m.OrgUnitId].Code}, outside {into.Code}", fields); return; }
            }
            var same = content.Hash(row.GivenName, row.MiddleName, row.FamilyName, row.Email, row.Phone, row.DateOfBirth, row.Trade, row.WorkplaceId) == m.Content
                && (row.CategoryId ?? m.CategoryId) == m.CategoryId
                && (row.OrgUnitId ?? m.OrgUnitId) == m.OrgUnitId
                && (row.Status is null || MemberIndex.IndexOfStatus(row.Status) == m.Status);
            if (same) { Unchanged++; return; }
            if (row.Status is { } s && m.Status >= 0 && MemberIndex.IndexOfStatus(s) != m.Status && !MemberRules.CanMove(MemberRules.Statuses[m.Status], s))
            {
                Reject(row.RowNumber, MemberCsv.Status, $"member {id} is {MemberRules.Statuses[m.Status]} and cannot become {s}; allowed: {string.Join(", ", MemberRules.NextStatuses(MemberRules.Statuses[m.Status]))}", fields);
                return;
            }
            Updated++;
            if (BatchId is null) return;
            updates.Add((id, row));
            // Status changes take their ids here, on the reader's side, in file order.
            if (row.Status is { } to && MemberIndex.IndexOfStatus(to) != m.Status)
                Change(id, m.Status >= 0 ? MemberRules.Statuses[m.Status] : null, to, today);
        }

        void Insert(ImportRow row, IReadOnlyList<string> fields)
        {
            if (row.OrgUnitId is null) { Reject(row.RowNumber, MemberCsv.OrgUnit, "org_unit is required for a new member", fields); return; }
            if (row.CategoryId is null) { Reject(row.RowNumber, MemberCsv.Category, "category is required for a new member", fields); return; }
            var membershipNumber = row.MembershipNumber;
            if (membershipNumber is null)
            {
                // A file without numbers (an employer's list): the batch and row make a number nobody else has.
                membershipNumber = $"I{BatchId ?? 0}-{row.RowNumber}";
                if (Index.ByNumber(Keys.Number(membershipNumber)).Found) { Reject(row.RowNumber, MemberCsv.MembershipNumber, $"the generated membership number {membershipNumber} is taken", fields); return; }
            }
            Inserted++;
            if (Bulk is null) return;
            var status = row.Status ?? MemberRules.Active;
            var joined = row.JoinedOn ?? today;
            ref var r = ref rows.Members.Add();
            r.Id = nextMember++;
            r.MembershipNumber = membershipNumber;
            r.FirstName = row.GivenName!;
            r.Patronymic = row.MiddleName;
            r.LastName = row.FamilyName!;
            r.FirstNameKey = MemberRules.Key(r.FirstName);
            r.LastNameKey = MemberRules.Key(r.LastName);
            r.Email = row.Email;
            r.Phone = row.Phone;
            r.DateOfBirth = row.DateOfBirth;
            r.CategoryId = row.CategoryId.Value;
            r.Trade = row.Trade;
            r.OrgUnitId = row.OrgUnitId.Value;
            r.WorkplaceId = row.WorkplaceId;
            r.CreatedAt = now;
            r.UpdatedAt = now;
            r.ImportBatchId = BatchId;
            // The history starts with joining (joined_on); a member who has since lapsed or left moves there today.
            if (status is MemberRules.Active or MemberRules.Applicant)
            {
                Change(r.Id, null, status, joined);
                (r.Status, r.StatusSince) = (status, joined);
            }
            else if (row.JoinedOn is not null)
            {
                Change(r.Id, null, MemberRules.Active, joined);
                Change(r.Id, MemberRules.Active, status, today);
                (r.Status, r.StatusSince) = (status, today);
            }
            else
            {
                Change(r.Id, null, status, today);
                (r.Status, r.StatusSince) = (status, today);
            }
        }

        void Change(int memberId, string? from, string to, DateOnly on)
        {
            ref var s = ref rows.StatusChanges.Add();
            s.Id = nextChange++;
            s.MemberId = memberId;
            s.FromStatus = from;
            s.ToStatus = to;
            s.EffectiveOn = on;
            s.Reason = $"{reason} {BatchId}";
            s.RecordedBy = actor.Name;
            s.RecordedAt = now;
        }

        async Task FlushAsync(Pending chunk, CancellationToken ct)
        {
            var (rows, updates, rejections, reviews) = (chunk.Rows, chunk.Updates, chunk.Rejections, chunk.Reviews);
            if (Store is null || BatchId is not { } batch)
            {
                rows.Clear();
                updates.Clear();
                rejections.Clear();
                reviews.Clear();
                return;
            }
            if (updates.Count > 0)
            {
                var before = await Store.ReadAsync(updates.Select(u => u.Id).ToList(), ct);
                var changes = new List<(MemberImage, MemberImage)>(updates.Count);
                foreach (var (id, row) in updates)
                {
                    var b = before[id];
                    var status = row.Status ?? b.Status;
                    var a = b with
                    {
                        FirstName = columns.Has(MemberCsv.GivenName) ? row.GivenName! : b.FirstName,
                        Patronymic = columns.Has(MemberCsv.MiddleName) ? row.MiddleName : b.Patronymic,
                        LastName = columns.Has(MemberCsv.FamilyName) ? row.FamilyName! : b.LastName,
                        Email = columns.Has(MemberCsv.Email) ? row.Email : b.Email,
                        Phone = columns.Has(MemberCsv.Phone) ? row.Phone : b.Phone,
                        DateOfBirth = columns.Has(MemberCsv.DateOfBirth) ? row.DateOfBirth : b.DateOfBirth,
                        Trade = columns.Has(MemberCsv.Trade) ? row.Trade : b.Trade,
                        WorkplaceId = columns.Has(MemberCsv.Workplace) ? row.WorkplaceId : b.WorkplaceId,
                        CategoryId = row.CategoryId ?? b.CategoryId,
                        OrgUnitId = row.OrgUnitId ?? b.OrgUnitId,
                        Status = status,
                        StatusSince = status == b.Status ? b.StatusSince : today,
                    };
                    changes.Add((b, a));
                }
                await Store.UpdateAsync(batch, changes, now, ct);
                updates.Clear();
            }
            Bulk!.Write(rows);
            rows.Clear();
            if (rejections.Count > 0) { await Store.WriteRejectionsAsync(batch, rejections, ct); rejections.Clear(); }
            if (reviews.Count > 0) { await Store.WriteReviewsAsync(batch, reviews, ct); reviews.Clear(); }
        }
    }
}

/// <summary>Counts the bytes read through it, for progress.</summary>
sealed class CountingStream(Stream inner) : Stream
{
    public override long Position { get; set; }
    public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); Position += n; return n; }
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) { var n = await inner.ReadAsync(buffer, ct); Position += n; return n; }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
