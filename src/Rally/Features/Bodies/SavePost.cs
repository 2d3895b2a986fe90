using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>Adds a post to a body, or changes one; officers of the body's unit.</summary>
public static class SavePost
{
    /// <param name="Rung">The rung's position on the ladder (1 = first).</param>
    /// <param name="TermMonths">Optional term length; an assignment's term ends that many months after it starts.</param>
    public sealed record Request(string? Title, int? Seats, int? Rung, int? TermMonths = null);

    public const int MaxSeats = 10_000, MaxTermMonths = 120;

    public static async Task<Outcome<PostView>> CreateAsync(RallyDb db, Caller caller, TimeProvider clock, int bodyId, Request r, CancellationToken ct)
    {
        var access = await BodyAccess.BodyForWriteAsync(db, caller, bodyId, ct);
        if (!access.Succeeded) return access.As<PostView>();
        if (access.Value!.ArchivedAt is not null) return Outcome<PostView>.Conflict("The body is archived.");
        var post = new Post { BodyId = bodyId, Title = "", Version = 1 };
        var errors = new FieldErrors();
        await ApplyAsync(db, r, post, errors, ct);
        if (errors.Any) return Outcome<PostView>.Invalid(errors);
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        return await ListPosts.GetAsync(db, caller, clock, post.Id, ct);
    }

    public static async Task<Outcome<PostView>> UpdateAsync(RallyDb db, Caller caller, TimeProvider clock, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var access = await BodyAccess.PostForWriteAsync(db, caller, id, ct);
        if (!access.Succeeded) return access.As<PostView>();
        var post = access.Value!;
        if (expectedVersion is { } v && v != post.Version) return Outcome<PostView>.Stale();
        if (post.ArchivedAt is not null) return Outcome<PostView>.Conflict("The post is archived.");
        var errors = new FieldErrors();
        await ApplyAsync(db, r, post, errors, ct);
        if (!errors.Any && db.Entry(post).Property(p => p.Seats).IsModified)
        {
            // Fewer seats may not leave more holders than seats on any day from today on.
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var held = await db.Assignments.AsNoTracking().Where(a => a.PostId == id && (a.EndsOn == null || a.EndsOn >= today))
                .Select(a => new { a.StartsOn, a.EndsOn }).ToListAsync(ct);
            var (peak, on) = AssignmentRules.Peak(held.Select(h => (h.StartsOn, h.EndsOn)), today, null);
            if (peak > post.Seats)
                errors.Add("seats", $"{peak} members hold this post on {on:yyyy-MM-dd}; it cannot have fewer seats than that.");
        }
        if (errors.Any) return Outcome<PostView>.Invalid(errors);
        if (db.ChangeTracker.HasChanges())
        {
            post.Version++;
            if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<PostView>.Stale();
        }
        return await ListPosts.GetAsync(db, caller, clock, id, ct);
    }

    static async Task ApplyAsync(RallyDb db, Request r, Post post, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("title", r.Title?.Trim(), 200);
        if (r.Seats is null) errors.Add("seats", "seats is required.");
        else if (r.Seats is < 1 or > MaxSeats) errors.Add("seats", $"seats must be between 1 and {MaxSeats}.");
        if (r.TermMonths is < 1 or > MaxTermMonths) errors.Add("termMonths", $"termMonths must be between 1 and {MaxTermMonths}, or left out.");
        if (r.Rung is null) errors.Add("rung", "rung is required (the rung's position on the ladder, 1 = first).");
        else
        {
            var rung = await db.Rungs.AsNoTracking().Where(x => x.Position == r.Rung).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
            if (rung is null) errors.Add("rung", $"The ladder has no rung {r.Rung}.");
            else post.RungId = rung.Value;
        }
        post.Title = r.Title?.Trim() ?? "";
        if (r.Seats is { } seats) post.Seats = seats;
        post.TermMonths = r.TermMonths;
    }
}
