using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Education;

public sealed record DistributionResponse(long Id, int? ProgrammeId, string? ProgrammeName, string Title, string Workplace, string WorkplaceName,
    DateOnly DistributedOn, int Copies, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>
/// Newspapers and pamphlets handed out at workplaces: recorded by an organizer of the workplace,
/// listed, and counted by workplace over a period. Copies are a ledger of hand-outs, never a
/// running total: the counts are sums of the rows.
/// </summary>
public static class Distributions
{
    public sealed record Request(int? Programme, string? Title, string? Workplace, DateOnly? DistributedOn, int? Copies);

    public const int MaxCopies = 1_000_000;

    public static async Task<Outcome<DistributionResponse>> RecordAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("title", r.Title, 200);
        if (r.Copies is not { } copies) errors.Add("copies", "copies is required (a whole number of copies handed out).");
        else if (copies is < 1 or > MaxCopies) errors.Add("copies", $"copies must be between 1 and {MaxCopies:N0}.");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (r.DistributedOn is not { } on) errors.Add("distributedOn", "distributedOn is required (yyyy-MM-dd).");
        else if (on > today) errors.Add("distributedOn", "distributedOn cannot be in the future.");

        OrgUnit? workplace = null;
        if (string.IsNullOrWhiteSpace(r.Workplace)) errors.Add("workplace", "workplace is required (the code of the workplace where copies were handed out).");
        else
        {
            workplace = await (await caller.UnitsAsync(Roles.Viewer, ct)).AsNoTracking().ByIdOrCode(r.Workplace.Trim()).FirstOrDefaultAsync(ct);
            if (workplace is null || workplace.ArchivedAt is not null) errors.Add("workplace", $"There is no workplace '{r.Workplace}'.");
        }
        ProgrammeScope.Found? programme = null;
        if (r.Programme is { } programmeId)
        {
            programme = await ProgrammeScope.FindAsync(db, caller, programmeId, ct);
            if (programme is null) errors.Add("programme", $"There is no programme {programmeId}.");
            else if (programme.Archived) errors.Add("programme", "This programme is archived.");
            else if (workplace is not null && !OrgPath.Contains(programme.Path, workplace.Path)) errors.Add("workplace", "The workplace is not in the programme's unit.");
        }
        if (errors.Any) return Outcome<DistributionResponse>.Invalid(errors);
        if (!await caller.CanAsync(Roles.Organizer, workplace!.Path, ct))
            return Outcome<DistributionResponse>.Forbidden("Recording a distribution needs the organizer role on the workplace.");

        var distribution = new Distribution
        {
            ProgrammeId = programme?.Id, Title = r.Title!.Trim(), WorkplaceId = workplace.Id, DistributedOn = r.DistributedOn!.Value, Copies = r.Copies!.Value,
            RecordedAt = db.Actor.Clock.GetUtcNow(), RecordedBy = db.Actor.Name,
        };
        db.Distributions.Add(distribution);
        await db.SaveChangesAsync(ct);
        return Outcome<DistributionResponse>.Ok(await Project(db, db.Distributions.Where(d => d.Id == distribution.Id)).FirstAsync(ct));
    }

    /// <summary>Removes a distribution recorded by mistake (organizer on the workplace).</summary>
    public static async Task<Outcome<bool>> RemoveAsync(RallyDb db, Caller caller, long id, CancellationToken ct)
    {
        var units = (await caller.UnitsAsync(Roles.Viewer, ct)).Select(u => u.Id);
        var distribution = await db.Distributions.Where(d => d.Id == id && units.Contains(d.WorkplaceId)).FirstOrDefaultAsync(ct);
        if (distribution is null) return Outcome<bool>.NotFound($"There is no distribution {id}.");
        var path = await db.OrgUnits.Where(u => u.Id == distribution.WorkplaceId).Select(u => u.Path).FirstAsync(ct);
        if (!await caller.CanAsync(Roles.Organizer, path, ct)) return Outcome<bool>.Forbidden("Removing a distribution needs the organizer role on the workplace.");
        db.Distributions.Remove(distribution);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    public sealed record Filter(string? OrgUnit, int? Programme, DateOnly? From, DateOnly? To);

    /// <summary>The distributions at workplaces in the caller's sight, narrowed by the filter.</summary>
    static async Task<(IQueryable<Distribution>? Rows, FieldErrors Errors)> FilterAsync(RallyDb db, Caller caller, Filter f, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (f.From is { } from && f.To is { } to && to < from) errors.Add("to", "to cannot be before from.");
        var units = await caller.UnitsAsync(Roles.Viewer, ct);
        if (!string.IsNullOrWhiteSpace(f.OrgUnit))
        {
            var path = await units.ByIdOrCode(f.OrgUnit.Trim()).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null) errors.Add("orgUnit", $"There is no org unit '{f.OrgUnit}'.");
            else units = units.Where(OrgPath.Within([path]));
        }
        if (f.Programme is { } programmeId && await ProgrammeScope.FindAsync(db, caller, programmeId, ct) is null)
            errors.Add("programme", $"There is no programme {programmeId}.");
        if (errors.Any) return (null, errors);
        var ids = units.Select(u => u.Id);
        var rows = db.Distributions.AsNoTracking().Where(d => ids.Contains(d.WorkplaceId));
        if (f.Programme is { } p) rows = rows.Where(d => d.ProgrammeId == p);
        if (f.From is { } a) rows = rows.Where(d => d.DistributedOn >= a);
        if (f.To is { } b) rows = rows.Where(d => d.DistributedOn <= b);
        return (rows, errors);
    }

    public static async Task<Outcome<PagedList<DistributionResponse>>> ListAsync(RallyDb db, Caller caller, Filter f, int? page, int? pageSize, CancellationToken ct)
    {
        var (rows, errors) = await FilterAsync(db, caller, f, ct);
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<DistributionResponse>>.Invalid(errors);
        return Outcome<PagedList<DistributionResponse>>.Ok(await Project(db, rows!).ToPageAsync(page, pageSize, ct));
    }

    public sealed record WorkplaceCount(string Workplace, string WorkplaceName, int Distributions, int Copies, int Members, decimal? CopiesPerMember);

    public sealed record Summary(DateOnly? From, DateOnly? To, int Distributions, int Copies, IReadOnlyList<WorkplaceCount> ByWorkplace);

    /// <summary>Distributions and copies per workplace over the period (both ends inclusive), beside the workplace's active members in the caller's sight.</summary>
    public static async Task<Outcome<Summary>> ByWorkplaceAsync(RallyDb db, Caller caller, Filter f, CancellationToken ct)
    {
        var (rows, errors) = await FilterAsync(db, caller, f, ct);
        if (errors.Any) return Outcome<Summary>.Invalid(errors);
        var counts = await rows!.GroupBy(d => d.WorkplaceId)
            .Select(g => new { WorkplaceId = g.Key, Distributions = g.Count(), Copies = g.Sum(d => d.Copies) }).ToListAsync(ct);
        var ids = counts.Select(c => c.WorkplaceId).ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, ct);
        var members = await (await caller.MembersAsync(Roles.Viewer, ct))
            .Where(m => m.WorkplaceId != null && ids.Contains(m.WorkplaceId.Value) && m.ArchivedAt == null && m.Status == MemberRules.Active)
            .GroupBy(m => m.WorkplaceId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var items = counts.Select(c =>
            {
                var n = members.GetValueOrDefault(c.WorkplaceId);
                return new WorkplaceCount(units[c.WorkplaceId].Code, units[c.WorkplaceId].Name, c.Distributions, c.Copies, n,
                    n == 0 ? null : decimal.Round((decimal)c.Copies / n, 2, MidpointRounding.AwayFromZero));
            })
            .OrderByDescending(w => w.Copies).ThenBy(w => w.WorkplaceName, StringComparer.Ordinal).ToList();
        return Outcome<Summary>.Ok(new(f.From, f.To, items.Sum(i => i.Distributions), items.Sum(i => i.Copies), items));
    }

    static IQueryable<DistributionResponse> Project(RallyDb db, IQueryable<Distribution> rows) =>
        from d in rows
        join w in db.OrgUnits on d.WorkplaceId equals w.Id
        join p in db.Programmes on d.ProgrammeId equals p.Id into ps
        from p in ps.DefaultIfEmpty()
        orderby d.DistributedOn descending, d.Id descending
        select new DistributionResponse(d.Id, d.ProgrammeId, p == null ? null : p.Name, d.Title, w.Code, w.Name, d.DistributedOn, d.Copies, d.RecordedAt, d.RecordedBy);
}
