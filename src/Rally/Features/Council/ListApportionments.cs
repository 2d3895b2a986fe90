using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Council;

/// <summary>Saved apportionments, newest first. They hold the whole federation's counts: reading them needs a role on the whole federation.</summary>
public static class ListApportionments
{
    public sealed record Item(int Id, DateOnly CountedOn, string Method, int Seats, DateTimeOffset CreatedAt, string CreatedBy);

    public const string Refusal = "Saved apportionments hold the whole federation's counts; reading them needs a role on the whole federation.";

    public static async Task<Outcome<PagedList<Item>>> RunAsync(RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await caller.CanAsync(Roles.Viewer, null, ct)) return Outcome<PagedList<Item>>.Forbidden(Refusal);
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<Item>>.Invalid(errors);
        var list = await db.Apportionments.AsNoTracking().OrderByDescending(a => a.Id)
            .Select(a => new Item(a.Id, a.CountedOn, a.Method, a.Seats, a.CreatedAt, a.CreatedBy)).ToPageAsync(page, pageSize, ct);
        return Outcome<PagedList<Item>>.Ok(list);
    }

    public static async Task<Outcome<SaveApportionment.Record>> GetAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        if (!await caller.CanAsync(Roles.Viewer, null, ct)) return Outcome<SaveApportionment.Record>.Forbidden(Refusal);
        return await SaveApportionment.ReadAsync(db, id, ct) is { } record
            ? Outcome<SaveApportionment.Record>.Ok(record)
            : Outcome<SaveApportionment.Record>.NotFound($"There is no saved apportionment {id}.");
    }
}
