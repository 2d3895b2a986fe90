using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Inspections;

public sealed record ChecklistItemView(int Id, int Position, string Text, string ExpectedAnswer, int DefaultSeverityId, string DefaultSeverity);

public sealed record ChecklistResponse(int Id, string Code, string Name, string? Description, IReadOnlyList<ChecklistItemView> Items, DateTimeOffset? ArchivedAt, int Version);

/// <summary>
/// Checklist templates are data: anyone with a grant reads them; federation-wide administrators add
/// and change them. Changing a checklist replaces its items only while no inspection has used it
/// (answers point at the items); after that, make a new checklist.
/// </summary>
public static class SaveChecklist
{
    public sealed record ItemRequest(string? Text, string? ExpectedAnswer, string? DefaultSeverity);

    public sealed record Request(string? Code, string? Name, string? Description, IReadOnlyList<ItemRequest>? Items);

    public static readonly IReadOnlyList<string> Answers = ["yes", "no"];

    public static async Task<Outcome<PagedList<ChecklistResponse>>> ListAsync(RallyDb db, Caller caller, bool includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<ChecklistResponse>>.Invalid(errors);
        if ((await caller.GrantsAsync(ct)).Count == 0) return Outcome<PagedList<ChecklistResponse>>.Forbidden("Reading checklists needs a role.");
        var ids = await db.Checklists.AsNoTracking().Where(c => includeArchived || c.ArchivedAt == null).OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => c.Id).ToPageAsync(page, pageSize, ct);
        var items = new List<ChecklistResponse>();
        foreach (var id in ids.Items) items.Add((await GetAsync(db, id, ct))!);
        return Outcome<PagedList<ChecklistResponse>>.Ok(new(items, ids.Page, ids.PageSize, ids.Total));
    }

    public static async Task<ChecklistResponse?> GetAsync(RallyDb db, int id, CancellationToken ct)
    {
        var c = await db.Checklists.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var items = await (from i in db.ChecklistItems.AsNoTracking()
                           join s in db.Severities on i.DefaultSeverityId equals s.Id
                           where i.ChecklistId == id
                           orderby i.Position
                           select new ChecklistItemView(i.Id, i.Position, i.Text, i.ExpectedAnswer, s.Id, s.Code)).ToListAsync(ct);
        return new(c.Id, c.Code, c.Name, c.Description, items, c.ArchivedAt, c.Version);
    }

    public static async Task<Outcome<ChecklistResponse>> CreateAsync(RallyDb db, Caller caller, Request r, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<ChecklistResponse>.Forbidden("Checklists are edited by federation-wide administrators.");
        var (errors, items) = await ValidateAsync(db, r, null, ct);
        if (errors.Any) return Outcome<ChecklistResponse>.Invalid(errors);
        var checklist = new Checklist { Code = r.Code!.Trim(), Name = r.Name!.Trim(), Description = Blank(r.Description), Items = items };
        db.Checklists.Add(checklist);
        await db.SaveChangesAsync(ct);
        return Outcome<ChecklistResponse>.Ok((await GetAsync(db, checklist.Id, ct))!);
    }

    public static async Task<Outcome<ChecklistResponse>> UpdateAsync(RallyDb db, Caller caller, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        if (!await caller.IsFederationAdministratorAsync(ct)) return Outcome<ChecklistResponse>.Forbidden("Checklists are edited by federation-wide administrators.");
        var checklist = await db.Checklists.Include(c => c.Items).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (checklist is null) return Outcome<ChecklistResponse>.NotFound($"There is no checklist {id}.");
        if (expectedVersion is { } v && v != checklist.Version) return Outcome<ChecklistResponse>.Stale();
        var (errors, items) = await ValidateAsync(db, r, id, ct);
        if (errors.Any) return Outcome<ChecklistResponse>.Invalid(errors);
        if (await db.Inspections.AnyAsync(i => i.ChecklistId == id, ct))
            return Outcome<ChecklistResponse>.Conflict("Inspections have used this checklist, so its items are fixed; archive it and add a new one.");
        checklist.Code = r.Code!.Trim();
        checklist.Name = r.Name!.Trim();
        checklist.Description = Blank(r.Description);
        checklist.Items.Clear();
        checklist.Items.AddRange(items);
        checklist.Version++;
        if (!await db.SaveUnlessStaleAsync(ct)) return Outcome<ChecklistResponse>.Stale();
        return Outcome<ChecklistResponse>.Ok((await GetAsync(db, id, ct))!);
    }

    static async Task<(FieldErrors, List<ChecklistItem>)> ValidateAsync(RallyDb db, Request r, int? id, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("code", r.Code, 40);
        errors.Required("name", r.Name, 200);
        errors.Length("description", r.Description, 2000);
        if (r.Code is { } c && await db.Checklists.AnyAsync(x => x.Code == c.Trim() && x.Id != id, ct))
            errors.Add("code", $"code '{c.Trim()}' is already used by another checklist.");
        var severities = await db.Severities.AsNoTracking().Where(s => s.ArchivedAt == null).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var items = new List<ChecklistItem>();
        if (r.Items is not { Count: > 0 }) errors.Add("items", "items is required: at least one question.");
        else
            for (var i = 0; i < r.Items.Count; i++)
            {
                var item = r.Items[i];
                errors.Required($"items[{i}].text", item?.Text, 500);
                var expected = item?.ExpectedAnswer?.Trim().ToLowerInvariant() ?? "yes";
                if (!Answers.Contains(expected)) errors.Add($"items[{i}].expectedAnswer", "expectedAnswer is yes or no.");
                if (string.IsNullOrWhiteSpace(item?.DefaultSeverity) || !severities.TryGetValue(item.DefaultSeverity.Trim(), out var severity))
                {
                    errors.Add($"items[{i}].defaultSeverity", $"defaultSeverity must be one of {string.Join(", ", severities.Keys)}.");
                    continue;
                }
                if (item.Text is not null) items.Add(new ChecklistItem { Position = i + 1, Text = item.Text.Trim(), ExpectedAnswer = expected, DefaultSeverityId = severity });
            }
        return (errors, items);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
