using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Rally.Data.Bulk;
using Rally.Features.Assessments;
using Rally.Features.Campaigns;
using Rally.Features.Categories;
using Rally.Features.Conversations;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using Rally.Features.StructureTests;

namespace Rally.Data.Demo;

/// <summary>
/// <c>rally demo [--members N]</c> and the first start: loads the 1919 demonstration set into an
/// empty database — the structure through the audited context, the members through the bulk path —
/// in one transaction, so that a failure leaves the database empty.
/// </summary>
public static class DemoCommand
{
    public const int Seed = 1919;
    const int BatchSize = 8192;

    public static Task<int> RunAsync(RallyDb db, int? members, CancellationToken ct) =>
        RunAsync(db, members, Clock(db), Console.Out, Console.Error, ct);

    public static async Task<int> RunAsync(RallyDb db, int? members, TimeProvider clock, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (members is < 0)
        {
            await error.WriteLineAsync("rally: --members must be 0 or more");
            return 2;
        }
        if (await db.OrgUnits.AnyAsync(ct) || await db.Members.AnyAsync(ct))
        {
            await error.WriteLineAsync("rally: the database already holds org units or members; the demonstration set loads only into an empty database");
            return 1;
        }

        var started = Stopwatch.GetTimestamp();
        // Checked once at the end instead of row by row (see SqliteForeignKeys).
        await using var foreignKeys = await SqliteForeignKeys.SuspendAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = DemoPlan.Build(Seed);
        await DemoStructure.SaveAsync(db, plan, ct);
        await SqliteForeignKeys.CheckAsync(db, [Table<OrgUnit>(db), Table<AdmissionCriterion>(db)], ct);
        var setup = await DemoOrganizing.SetUpAsync(db, plan, members, clock, ct);

        var loading = Stopwatch.GetTimestamp();
        await using var bulk = await MemberBulkInsert.BeginAsync(db, ct);
        using var organizing = await OrganizingBulkInsert.BeginAsync(db, ct);
        var generator = new DemoMembers(plan, Seed, members, bulk.Next);
        var organizer = new DemoOrganizing(plan, setup, organizing.Next);
        var progress = new Progress(error, generator.Total);
        var rows = new MemberRows(BatchSize);
        var organizingRows = new OrganizingRows(BatchSize);
        while (generator.Fill(rows, BatchSize) > 0)
        {
            ct.ThrowIfCancellationRequested();
            bulk.Write(rows);
            organizer.Fill(rows.Members.AsSpan(), organizingRows);
            organizing.Write(organizingRows);
            rows.Clear();
            organizingRows.Clear();
            progress.Report(bulk.MembersWritten);
        }
        await bulk.CompleteAsync("demo", plan.Root.Path, clock, ct);
        await organizing.CompleteAsync("demo", plan.Root.Path, clock, ct);
        var administration = await DemoAdministration.LoadAsync(db, plan, clock, ct);
        var oversight = await DemoOversight.SeedAsync(db, ct);
        var education = await DemoEducation.SaveAsync(db, plan, ct);
        await DemoInspections.SeedAsync(db, plan, clock, ct);
        await TableStatistics.UpdateAsync(db, [Table<OrgUnit>(db), Table<OrgUnitKind>(db), Table<Category>(db), Table<AdmissionCriterion>(db)], ct);
        await transaction.CommitAsync(ct);
        if (db.IsPostgres)
        {
            // Freshly copied rows have no hint bits: the first queries would each dirty and write the
            // pages they read. Freezing once now, outside the transaction as VACUUM must be, spares them.
            var tables = string.Join(", ", new[] { Table<Member>(db), Table<MemberStatusChange>(db), Table<Admission>(db), Table<AdmissionAffirmation>(db),
                Table<Assessment>(db), Table<Conversation>(db), Table<ConversationIssue>(db), Table<FollowUp>(db), Table<CampaignTarget>(db), Table<Participation>(db) }.Select(t => $"\"{t}\""));
            var vacuum = "VACUUM (FREEZE) " + tables; // table names from the EF model, not from input
            await db.Database.ExecuteSqlRawAsync(vacuum, ct);
        }
        progress.Done();

        var seconds = Stopwatch.GetElapsedTime(loading).TotalSeconds;
        var n = bulk.MembersWritten;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Loaded the 1919 demonstration set: {plan.Units.Count} org units, {n:N0} members ({bulk.StatusChangesWritten:N0} status changes, {bulk.AdmissionsWritten:N0} admissions), " +
            $"{organizing.AssessmentsWritten:N0} assessments, {organizing.ConversationsWritten:N0} conversations, {organizing.FollowUpsWritten:N0} follow-ups, " +
            $"{organizing.TargetsWritten:N0} campaign targets for {setup.TextileOrganiserIds.Length} organisers, {organizing.ParticipationsWritten:N0} petition signatures, " +
            $"{administration.Bodies:N0} bodies with {administration.Posts:N0} posts, {administration.Assignments:N0} assignments ({administration.Overrides:N0} overrides), " +
            $"{oversight}, {education.Programmes} education programmes ({education.Sessions} sessions, {education.Enrolments:N0} enrolments, {education.Attendances:N0} attendances, {education.Distributions:N0} distributions) " +
            $"in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; members at {(seconds > 0 ? n / seconds : 0):N0} members/s."));
        return 0;
    }

    static string Table<T>(RallyDb db) => db.Model.FindEntityType(typeof(T))!.GetTableName()!;

    /// <summary>The application's clock when the context comes from the host; the system clock otherwise.</summary>
    static TimeProvider Clock(RallyDb db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>One line on standard error, rewritten in place on a terminal, every tenth when redirected.</summary>
    sealed class Progress(TextWriter error, int total)
    {
        readonly bool visible = total >= 50_000;
        readonly bool terminal = !Console.IsErrorRedirected;
        readonly long started = Stopwatch.GetTimestamp();
        int lastTenth;

        public void Report(int done)
        {
            if (!visible) return;
            if (terminal)
                error.Write(Line(done) + "\r");
            else if (done * 10L / total is var tenth && tenth > lastTenth)
            {
                lastTenth = (int)tenth;
                error.WriteLine(Line(done));
            }
        }

        string Line(int done)
        {
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            return string.Create(CultureInfo.InvariantCulture, $"  members {done:N0} / {total:N0} ({done * 100L / Math.Max(1, total)}%), {(seconds > 0 ? done / seconds : 0):N0}/s   ");
        }

        public void Done()
        {
            if (visible && terminal) error.WriteLine();
        }
    }
}
