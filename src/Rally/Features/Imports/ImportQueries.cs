using System.Text;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Imports;

public sealed record ImportBatchResponse(int Id, string FileName, string Status, string? Into, string? Encoding, string? Mapping,
    long Read, long Inserted, long Updated, long Unchanged, long Rejected, long SentToReview,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string StartedBy, DateTimeOffset? RolledBackAt, string? RolledBackBy);

public sealed record ImportRejectionResponse(long RowNumber, string? Column, string Reason, string? Row);

public sealed record ImportReviewResponse(long Id, int BatchId, long RowNumber, int CandidateMemberId, string Reason,
    IReadOnlyDictionary<string, string?> Row, string? Resolution, DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>Reading imports, their rejections and the review queue: officers over the import's unit (federation-wide officers for imports without one).</summary>
public static class ImportQueries
{
    public static IQueryable<ImportBatch> Visible(RallyDb db, ImportActor actor)
    {
        if (actor.Paths is null) return db.ImportBatches;
        if (actor.Paths.Count == 0) return db.ImportBatches.Where(b => false);
        var units = db.OrgUnits.Where(OrgPath.Within(actor.Paths)).Select(u => u.Id);
        return db.ImportBatches.Where(b => b.IntoOrgUnitId != null && units.Contains(b.IntoOrgUnitId.Value));
    }

    static IQueryable<ImportBatchResponse> Project(IQueryable<ImportBatch> batches) => batches.Select(b => new ImportBatchResponse(
        b.Id, b.FileName, b.Status, b.IntoOrgUnit == null ? null : b.IntoOrgUnit.Code, b.Encoding, b.Mapping, b.Read, b.Inserted, b.Updated, b.Unchanged,
        b.Rejected, b.SentToReview, b.StartedAt, b.FinishedAt, b.StartedBy, b.RolledBackAt, b.RolledBackBy));

    public static ImportBatchResponse ToResponse(ImportBatch b) => new(b.Id, b.FileName, b.Status, b.IntoOrgUnit?.Code, b.Encoding, b.Mapping,
        b.Read, b.Inserted, b.Updated, b.Unchanged, b.Rejected, b.SentToReview, b.StartedAt, b.FinishedAt, b.StartedBy, b.RolledBackAt, b.RolledBackBy);

    public static async Task<Outcome<PagedList<ImportBatchResponse>>> ListAsync(RallyDb db, Caller caller, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<ImportBatchResponse>>.Invalid(errors);
        var actor = await ImportActor.ForCallerAsync(caller, ct);
        return Outcome<PagedList<ImportBatchResponse>>.Ok(await Project(Visible(db, actor).AsNoTracking().OrderByDescending(b => b.Id)).ToPageAsync(page, pageSize, ct));
    }

    public static async Task<Outcome<ImportBatchResponse>> GetAsync(RallyDb db, Caller caller, int id, CancellationToken ct)
    {
        var actor = await ImportActor.ForCallerAsync(caller, ct);
        var batch = await Project(Visible(db, actor).AsNoTracking().Where(b => b.Id == id)).FirstOrDefaultAsync(ct);
        return batch is null ? Outcome<ImportBatchResponse>.NotFound($"No import {id}.") : Outcome<ImportBatchResponse>.Ok(batch);
    }

    public static async Task<Outcome<PagedList<ImportRejectionResponse>>> RejectionsAsync(RallyDb db, Caller caller, int id, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<ImportRejectionResponse>>.Invalid(errors);
        var found = await GetAsync(db, caller, id, ct);
        if (!found.Succeeded) return found.As<PagedList<ImportRejectionResponse>>();
        return Outcome<PagedList<ImportRejectionResponse>>.Ok(await db.ImportRejections.AsNoTracking().Where(r => r.BatchId == id && r.RowNumber > 0)
            .OrderBy(r => r.RowNumber).ThenBy(r => r.Id).Select(r => new ImportRejectionResponse(r.RowNumber, r.Column, r.Reason, r.Row)).ToPageAsync(page, pageSize, ct));
    }

    /// <summary>The rejected rows as a CSV to fix and import again: the file's header, each row (cut or padded to it), then row_number, column, reason.</summary>
    public static async Task WriteRejectionsCsvAsync(RallyDb db, int id, TextWriter output, CancellationToken ct)
    {
        var header = await db.ImportRejections.AsNoTracking().Where(r => r.BatchId == id && r.RowNumber == 0).Select(r => r.Row).FirstOrDefaultAsync(ct);
        var headers = header is null ? [] : Parse(header);
        await output.WriteLineAsync(CsvRowReader.Line(headers.Concat(MemberImport.RejectionColumns)));
        await foreach (var r in db.ImportRejections.AsNoTracking().Where(r => r.BatchId == id && r.RowNumber > 0).OrderBy(r => r.RowNumber).ThenBy(r => r.Id)
            .Select(r => new { r.RowNumber, r.Column, r.Reason, r.Row }).AsAsyncEnumerable().WithCancellation(ct))
            await output.WriteLineAsync(MemberImport.RejectedLine(headers.Count, r.Row is null ? [] : Parse(r.Row), r.RowNumber, r.Column, r.Reason));
    }

    static List<string> Parse(string line)
    {
        var reader = new CsvRowReader(new StringReader(line));
        return reader.Read() ? [.. reader.Fields] : [];
    }

    public static async Task<Outcome<PagedList<ImportReviewResponse>>> ReviewsAsync(RallyDb db, Caller caller, int? batch, bool? pending, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<ImportReviewResponse>>.Invalid(errors);
        var members = (await caller.MembersAsync(Roles.Officer, ct)).Select(m => m.Id);
        var reviews = db.ImportReviews.AsNoTracking().Where(r => members.Contains(r.CandidateMemberId));
        if (batch is not null) reviews = reviews.Where(r => r.BatchId == batch);
        if (pending is true) reviews = reviews.Where(r => r.Resolution == null);
        if (pending is false) reviews = reviews.Where(r => r.Resolution != null);
        var list = await reviews.OrderBy(r => r.BatchId).ThenBy(r => r.RowNumber).ToPageAsync(page, pageSize, ct);
        return Outcome<PagedList<ImportReviewResponse>>.Ok(new(list.Items.Select(ToResponse).ToList(), list.Page, list.PageSize, list.Total));
    }

    public static ImportReviewResponse ToResponse(ImportReview r) => new(r.Id, r.BatchId, r.RowNumber, r.CandidateMemberId, r.Reason,
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(r.Row) ?? [], r.Resolution, r.ResolvedAt, r.ResolvedBy);
}
