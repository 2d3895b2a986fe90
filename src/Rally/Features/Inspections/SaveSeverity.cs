using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

public sealed record SeverityResponse(int Id, string Code, string Name, int DeadlineDays, int SortOrder, DateTimeOffset? ArchivedAt, int Version)
{
    public static readonly System.Linq.Expressions.Expression<Func<Severity, SeverityResponse>> Project =
        s => new SeverityResponse(s.Id, s.Code, s.Name, s.DeadlineDays, s.SortOrder, s.ArchivedAt, s.Version);
}

/// <summary>Severities are data: anyone with a grant reads them; federation-wide administrators add and change them.</summary>
public static class SaveSeverity
{
    public sealed record Request(string? Code, string? Name, int? DeadlineDays, int? SortOrder);

    public static async Task<Outcome<PagedList<SeverityResponse>>> ListAsync(RallyDb db, Caller caller, bool includeArchived, CancellationToken ct)
    {
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<PagedList<SeverityResponse>>.Forbidden("Reading severities needs a role.");
        var all = await db.Severities.AsNoTracking().Where(s => includeArchived || s.ArchivedAt == null)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(SeverityResponse.Project).ToListAsync(ct);
        return Outcome<PagedList<SeverityResponse>>.Ok(new(all, 1, Math.Max(all.Count, 1), all.Count));
    }

    public static async Task<Outcome<SeverityResponse>> CreateAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<SeverityResponse>.Forbidden("Severities are edited by federation-wide administrators.");
        var severity = new Severity();
        if (await ValidateAsync(db, r, null, ct) is { } errors) return Outcome<SeverityResponse>.Invalid(errors);
        Apply(severity, r);
        db.Severities.Add(severity);
        await db.SaveChangesAsync(ct);
        return Outcome<SeverityResponse>.Ok(await db.Severities.AsNoTracking().Where(s => s.Id == severity.Id).Select(SeverityResponse.Project).FirstAsync(ct));
    }

    public static async Task<Outcome<SeverityResponse>> UpdateAsync(RallyDb db, Caller caller, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<SeverityResponse>.Forbidden("Severities are edited by federation-wide administrators.");
        var severity = await db.Severities.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (severity is null) return Outcome<SeverityResponse>.NotFound($"There is no severity {id}.");
        if (expectedVersion is { } v && v != severity.Version) return Outcome<SeverityResponse>.Stale();
        if (await ValidateAsync(db, r, id, ct) is { } errors) return Outcome<SeverityResponse>.Invalid(errors);
        Apply(severity, r);
        severity.Version++;
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<SeverityResponse>.Stale();
        return Outcome<SeverityResponse>.Ok(await db.Severities.AsNoTracking().Where(s => s.Id == id).Select(SeverityResponse.Project).FirstAsync(ct));
    }

    static async Task<FieldErrors?> ValidateAsync(RallyDb db, Request r, int? id, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("code", r.Code, 40);
        errors.Required("name", r.Name, 100);
        if (r.Code is { } code && !System.Text.RegularExpressions.Regex.IsMatch(code.Trim(), "^[a-z0-9][a-z0-9-]*$"))
            errors.Add("code", "code is a lower-case slug: letters, digits and dashes.");
        else if (r.Code is { } c && await db.Severities.AnyAsync(s => s.Code == c.Trim() && s.Id != id, ct))
            errors.Add("code", $"code '{c.Trim()}' is already used by another severity.");
        if (r.DeadlineDays is not { } days) errors.Add("deadlineDays", "deadlineDays is required: the days the responsible body has to fix a finding of this severity.");
        else if (days is < 1 or > 3650) errors.Add("deadlineDays", "deadlineDays must be between 1 and 3650.");
        return errors.Any ? errors : null;
    }

    static void Apply(Severity s, Request r)
    {
        s.Code = r.Code!.Trim();
        s.Name = r.Name!.Trim();
        s.DeadlineDays = r.DeadlineDays!.Value;
        s.SortOrder = r.SortOrder ?? s.SortOrder;
    }
}
