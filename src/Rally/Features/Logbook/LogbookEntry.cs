using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Data;

namespace Rally.Features.Logbook;

/// <summary>
/// One entry of the tamper-evident log of decisions and findings: each carries the SHA-256 of the
/// entry before it, so altering or removing any stored entry breaks every link after it.
/// Entries are numbered 1, 2, 3, ... without gaps; the unique previous hash keeps the chain a line.
/// </summary>
public sealed class LogbookEntry
{
    public long Sequence { get; set; }
    /// <summary>Whole milliseconds, so the value hashed is the value both databases give back.</summary>
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary>What happened: decision-recorded, decision-cosigned, decision-rejected, finding-state, ...</summary>
    public required string Kind { get; set; }
    public required string SubjectType { get; set; }
    public long SubjectId { get; set; }
    /// <summary>The event's facts as JSON, hashed exactly as stored.</summary>
    public required string Payload { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The hash of an entry: every field but the hash itself, in a fixed order with lengths.</summary>
    public static string ComputeHash(long sequence, DateTimeOffset at, string actor, string kind, string subjectType, long subjectId, string payload, string previousHash)
    {
        var text = new StringBuilder();
        // Invariant digits: a date before 1970 is a negative number, and some cultures write its minus
        // sign as U+2212; an entry appended under one culture must verify under any other.
        var ci = CultureInfo.InvariantCulture;
        foreach (var field in new[] { sequence.ToString(ci), at.ToUniversalTime().ToUnixTimeMilliseconds().ToString(ci), actor, kind, subjectType, subjectId.ToString(ci), payload, previousHash })
            text.Append(field.Length).Append(':').Append(field).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public string ComputeHash() => ComputeHash(Sequence, At, Actor, Kind, SubjectType, SubjectId, Payload, PreviousHash);
}

public static class Logbook
{
    /// <summary>
    /// Adds an entry after the last one; it is written by the caller's next save. Call it inside the
    /// caller's transaction so the read of the last entry and the write are one step (SQLite
    /// transactions take the write lock at once; PostgreSQL takes an advisory lock here).
    /// </summary>
    public static Task<LogbookEntry> AppendAsync(RallyDb db, string kind, string subjectType, long subjectId, string payload, CancellationToken ct) =>
        AppendAsync(db, kind, subjectType, subjectId, payload, null, ct);

    /// <param name="at">When it happened, if not now: the demonstration set dates its events in 1919.</param>
    public static async Task<LogbookEntry> AppendAsync(RallyDb db, string kind, string subjectType, long subjectId, string payload, DateTimeOffset? at, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Logbook entries are appended inside a transaction.");
        if (db.IsPostgres)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7420191)", ct);
        var last = db.LogbookEntries.Local.Where(e => db.Entry(e).State == EntityState.Added).MaxBy(e => e.Sequence)
            ?? await db.LogbookEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        var when = at ?? db.Actor.Clock.GetUtcNow();
        var entry = new LogbookEntry
        {
            Sequence = (last?.Sequence ?? 0) + 1,
            At = DateTimeOffset.FromUnixTimeMilliseconds(when.ToUnixTimeMilliseconds()),
            Actor = db.Actor.Name,
            Kind = kind,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Payload = payload,
            PreviousHash = last?.Hash ?? LogbookEntry.Genesis,
            Hash = "",
        };
        entry.Hash = entry.ComputeHash();
        db.LogbookEntries.Add(entry);
        return entry;
    }

    /// <summary>The first broken link, if any: a gap in the numbering, a wrong previous hash, or an entry whose hash does not match its fields.</summary>
    public sealed record Broken(long Sequence, string Reason);

    /// <param name="Head">The hash of the last entry checked: written down elsewhere, it also shows entries later cut off the end.</param>
    public sealed record Verification(long Entries, Broken? FirstBroken, string? Head = null)
    {
        public bool Intact => FirstBroken is null;
    }

    /// <summary>Walks the whole chain in order, streaming.</summary>
    public static async Task<Verification> VerifyAsync(RallyDb db, CancellationToken ct)
    {
        var walk = new Walk();
        await foreach (var e in db.LogbookEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
            if (walk.Next(e) is { } broken)
                return walk.Result(broken);
        return walk.Result(null);
    }

    /// <summary>The same walk over entries already in hand, in sequence order (for tests and tools).</summary>
    public static Verification Verify(IEnumerable<LogbookEntry> entries)
    {
        var walk = new Walk();
        foreach (var e in entries)
            if (walk.Next(e) is { } broken)
                return walk.Result(broken);
        return walk.Result(null);
    }

    /// <summary>One step at a time: each entry must be the next number, carry the previous hash, and match its own.</summary>
    sealed class Walk
    {
        long count, expected = 1;
        string previous = LogbookEntry.Genesis;

        public Broken? Next(LogbookEntry e)
        {
            count++;
            if (e.Sequence != expected)
                return new(expected, $"entry {expected} is missing (next stored is {e.Sequence})");
            if (e.PreviousHash != previous)
                return new(e.Sequence, $"entry {e.Sequence} does not carry the hash of entry {e.Sequence - 1}");
            if (e.ComputeHash() != e.Hash)
                return new(e.Sequence, $"entry {e.Sequence} was altered: its fields do not match its hash");
            previous = e.Hash;
            expected++;
            return null;
        }

        public Verification Result(Broken? broken) => new(count, broken, broken is null && count > 0 ? previous : null);
    }
}

sealed class LogbookConfiguration : IEntityTypeConfiguration<LogbookEntry>
{
    public void Configure(EntityTypeBuilder<LogbookEntry> e)
    {
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedNever();
        e.Property(x => x.Actor).HasMaxLength(256);
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.SubjectType).HasMaxLength(40);
        e.Property(x => x.PreviousHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.HasIndex(x => x.PreviousHash).IsUnique();
        e.HasIndex(x => new { x.SubjectType, x.SubjectId });
    }
}
