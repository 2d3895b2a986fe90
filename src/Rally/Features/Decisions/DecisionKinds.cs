using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Labels;
using Rally.Web;

namespace Rally.Features.Decisions;

public sealed record DecisionKindView(int Id, string Code, string Name, bool NeedsCoSignature, int SortOrder, DateTimeOffset? ArchivedAt, int Version);

/// <summary>The decision kinds as data: anyone signed in reads them; federation-wide administrators add and change them.</summary>
public static class DecisionKinds
{
    /// <summary>The label's fields plus whether a worker overseer must co-sign; left out on a change, it stays.</summary>
    public sealed record Fields(string? Code, string? Name, int? SortOrder, bool? NeedsCoSignature);

    public static readonly LabelList<DecisionKind> List = new(
        Noun: "decision kind", Route: "decision-kinds", Tag: "Decisions",
        OperationName: ("DecisionKind", "DecisionKinds"), Described: ("decision kind", "decision kinds"));

    public static Task<List<DecisionKindView>> ListAsync(RallyDb db, bool includeArchived, CancellationToken ct) =>
        db.DecisionKinds.AsNoTracking().Where(k => includeArchived || k.ArchivedAt == null).OrderBy(k => k.SortOrder).ThenBy(k => k.Code)
            .Select(k => new DecisionKindView(k.Id, k.Code, k.Name, k.NeedsCoSignature, k.SortOrder, k.ArchivedAt, k.Version)).ToListAsync(ct);

    public static async Task<Outcome<DecisionKindView>> CreateAsync(RallyDb db, Caller caller, Fields f, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<DecisionKindView>.Forbidden("Decision kinds are edited by federation-wide administrators.");
        var errors = await CreateLabel.ValidateAsync(List, db, new LabelFields(f.Code, f.Name, f.SortOrder), current: null, ct);
        if (f.NeedsCoSignature is null) errors.Add("needsCoSignature", "needsCoSignature is required (true or false).");
        if (errors.Any) return Outcome<DecisionKindView>.Invalid(errors);
        var kind = new DecisionKind { Code = f.Code!.Trim(), Name = f.Name!.Trim(), SortOrder = f.SortOrder ?? 0, NeedsCoSignature = f.NeedsCoSignature!.Value, Version = 1 };
        db.DecisionKinds.Add(kind);
        await db.SaveChangesAsync(ct);
        return Outcome<DecisionKindView>.Ok(View(kind));
    }

    public static async Task<Outcome<DecisionKindView>> UpdateAsync(RallyDb db, Caller caller, int id, Fields f, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<DecisionKindView>.Forbidden("Decision kinds are edited by federation-wide administrators.");
        var kind = await db.DecisionKinds.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (kind is null) return Outcome<DecisionKindView>.NotFound();
        if (expectedVersion is not null && expectedVersion != kind.Version) return Outcome<DecisionKindView>.Stale();
        var fields = new LabelFields(f.Code ?? kind.Code, f.Name ?? kind.Name, f.SortOrder ?? kind.SortOrder);
        var errors = await CreateLabel.ValidateAsync(List, db, fields, kind, ct);
        if (errors.Any) return Outcome<DecisionKindView>.Invalid(errors);
        kind.Code = fields.Code!.Trim();
        kind.Name = fields.Name!.Trim();
        kind.SortOrder = fields.SortOrder!.Value;
        // Decisions already pending stay pending: the change applies to decisions recorded from now on.
        if (f.NeedsCoSignature is { } needs) kind.NeedsCoSignature = needs;
        if (db.ChangeTracker.HasChanges())
        {
            kind.Version++;
            if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<DecisionKindView>.Stale();
        }
        return Outcome<DecisionKindView>.Ok(View(kind));
    }

    static DecisionKindView View(DecisionKind k) => new(k.Id, k.Code, k.Name, k.NeedsCoSignature, k.SortOrder, k.ArchivedAt, k.Version);
}
