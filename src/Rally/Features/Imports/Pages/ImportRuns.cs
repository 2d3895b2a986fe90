using System.Collections.Concurrent;
using System.Security.Claims;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Imports.Pages;

/// <summary>
/// Imports started from the page run here, in the background, so that a big file neither holds
/// a request open nor dies with it: the page polls the run's progress and, when it is done, shows
/// the batch. Runs are kept in memory for a day; the batches themselves are in the database.
/// </summary>
public sealed class ImportRuns(IServiceScopeFactory scopes, ImportUploads uploads, TimeProvider clock, ILogger<ImportRuns> log)
{
    /// <summary>One run: its latest progress while it reads, then its outcome.</summary>
    public sealed class Run(string id, string userId, ImportUploads.Upload upload, ImportOptions options, string previewLink, DateTimeOffset startedAt) : IProgress<ImportProgress>
    {
        volatile Box? latest;
        volatile Outcome<ImportSummary>? outcome;

        public string Id { get; } = id;
        public string UserId { get; } = userId;
        public ImportUploads.Upload Upload { get; } = upload;
        public ImportOptions Options { get; } = options;
        /// <summary>The preview page of the same file and choices, to go back to after a dry run.</summary>
        public string PreviewLink { get; } = previewLink;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public ImportProgress? Progress => latest?.Value;
        public Outcome<ImportSummary>? Outcome => outcome;
        public bool Done => outcome is not null;

        public void Report(ImportProgress value) => latest = new Box(value);

        internal void Finish(Outcome<ImportSummary> result) => outcome = result;

        sealed record Box(ImportProgress Value);
    }

    readonly ConcurrentDictionary<string, Run> runs = new();

    public Run? Find(string? id, string? userId) =>
        id is not null && runs.TryGetValue(id, out var run) && run.UserId == userId ? run : null;

    /// <summary>
    /// Starts importing <paramref name="upload"/> as <paramref name="user"/>: the background work gets
    /// its own scope with the user as its principal, so the batch, the audit trail and the grants are theirs.
    /// </summary>
    public Run Start(ClaimsPrincipal user, ImportUploads.Upload upload, ImportOptions options, string previewLink)
    {
        foreach (var old in runs.Values.Where(r => r.Done && clock.GetUtcNow() - r.StartedAt > TimeSpan.FromDays(1)))
            runs.TryRemove(old.Id, out _);
        var run = new Run(Guid.NewGuid().ToString("N"), upload.UserId, upload, options, previewLink, clock.GetUtcNow());
        runs[run.Id] = run;
        // Not the request's execution context: its HttpContext is gone once the redirect is sent.
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(() => ExecuteAsync(run, user));
        return run;
    }

    async Task ExecuteAsync(Run run, ClaimsPrincipal user)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = user, RequestServices = services };
            var db = services.GetRequiredService<Data.RallyDb>();
            var actor = await ImportActor.ForCallerAsync(services.GetRequiredService<Caller>());
            await using var file = uploads.Open(run.Upload);
            if (!run.Options.DryRun)
            {
                run.Finish(await MemberImport.RunAsync(db, actor, file, run.Options, run, CancellationToken.None));
            }
            else
            {
                // A dry run writes no batch: its rejected rows go to a file beside the upload, to download.
                var outcome = Outcome<ImportSummary>.Invalid("file", "not run");
                await using (var rejected = new StreamWriter(uploads.RejectedPath(run.Id), false, new System.Text.UTF8Encoding(true)))
                    outcome = await MemberImport.RunAsync(db, actor, file, run.Options, run, CancellationToken.None, rejected);
                run.Finish(outcome);
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {Run} of {File} failed", run.Id, run.Upload.FileName);
            run.Finish(Outcome<ImportSummary>.Invalid("file", "The import failed: " + e.Message));
        }
        if (!run.Options.DryRun && run.Outcome?.Value?.BatchId is not null)
        {
            // The batch holds what is needed now (counts, rejections); the file is no longer.
            try { uploads.Delete(run.Upload.Id); }
            catch (IOException) { }
        }
    }
}
