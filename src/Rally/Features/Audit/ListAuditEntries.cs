using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Audit;

/// <summary>One audit entry as the API shows it; <see cref="Changes"/> is field → {before, after}.</summary>
public sealed record AuditItem(long Id, DateTimeOffset At, string? UserId, string UserName, string Action, string EntityType, string EntityId, JsonElement Changes);

/// <summary>
/// The audit trail, newest first; administrators only. A scoped administrator sees the entries
/// about their subtree; entries about no org unit (users, categories, kinds) only federation-wide
/// administrators see.
/// </summary>
public static class ListAuditEntries
{
    /// <param name="User">The acting user's id or e-mail address.</param>
    /// <param name="From">A date (yyyy-MM-dd, from its start, UTC) or an ISO 8601 instant.</param>
    /// <param name="To">A date (to its end, UTC) or an ISO 8601 instant (exclusive).</param>
    public sealed record Request(string? EntityType = null, string? EntityId = null, string? User = null, string? Action = null,
        string? From = null, string? To = null, int? Page = null, int? PageSize = null, string? Sort = null);


    public static readonly string[] SortKeys = ["at"];

    public static async Task<Outcome<PagedList<AuditItem>>> RunAsync(RallyDb db, Caller caller, Request request, CancellationToken ct)
    {
        if (!await caller.IsAdministratorAsync(ct)) return Outcome<PagedList<AuditItem>>.Forbidden();
        var errors = new FieldErrors();
        Paging.Validate(errors, request.Page, request.PageSize);
        var sort = Paging.Sort(errors, string.IsNullOrWhiteSpace(request.Sort) ? "-at" : request.Sort, "at", SortKeys);
        var from = Instant(errors, "from", request.From, endOfDay: false);
        var to = Instant(errors, "to", request.To, endOfDay: true);
        if (from is not null && to is not null && from >= to) errors.Add("to", "to must be after from.");
        if (errors.Any) return Outcome<PagedList<AuditItem>>.Invalid(errors);

        var entries = db.AuditEntries.AsNoTracking();
        var paths = AccessRules.Paths(await caller.GrantsAsync(ct), Roles.Administrator);
        if (paths is not null) entries = entries.Where(OrgPath.Within<AuditEntry>(a => a.ScopePath, paths));
        if (!string.IsNullOrWhiteSpace(request.EntityType))
        {
            var type = request.EntityType.Trim();
            entries = entries.Where(a => a.EntityType == type);
        }
        if (!string.IsNullOrWhiteSpace(request.EntityId))
        {
            var id = request.EntityId.Trim();
            entries = entries.Where(a => a.EntityId == id);
        }
        if (!string.IsNullOrWhiteSpace(request.Action))
        {
            var action = request.Action.Trim();
            entries = entries.Where(a => a.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(request.User))
        {
            var who = request.User.Trim();
            var lower = who.ToLowerInvariant();
            entries = entries.Where(a => a.UserId == who || a.UserName.ToLower() == lower);
        }
        if (from is not null) entries = entries.Where(a => a.At >= from);
        if (to is not null) entries = entries.Where(a => a.At < to);

        var descending = sort!.Value.Descending;
        var page = await entries.SortBy(a => a.At, descending).ThenSortBy(a => a.Id, descending)
            .ToPageAsync(request.Page, request.PageSize, ct);
        var items = page.Items.Select(a => new AuditItem(a.Id, a.At, a.UserId, a.UserName, a.Action, a.EntityType, a.EntityId, Parse(a.Changes))).ToList();
        return Outcome<PagedList<AuditItem>>.Ok(new PagedList<AuditItem>(items, page.Page, page.PageSize, page.Total));
    }

    static JsonElement Parse(string changes)
    {
        try
        {
            using var doc = JsonDocument.Parse(changes);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The trail is append-only; an entry written by hand must still be readable.
            return JsonSerializer.SerializeToElement(new { raw = changes });
        }
    }

    static DateTimeOffset? Instant(FieldErrors errors, string field, string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (IsoDate.TryParse(value, out var date))
            return new DateTimeOffset((endOfDay ? date.AddDays(1) : date).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return instant.ToUniversalTime();
        errors.Add(field, $"{field} must be a date (yyyy-MM-dd) or an ISO 8601 date and time.");
        return null;
    }
}
