using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Conversations;
using Rally.Web;

namespace Rally.Features.FollowUps;

/// <summary>A follow-up as the API shows it; <see cref="Overdue"/> is worked out from the clock when read.</summary>
public sealed record FollowUpView(long Id, int MemberId, string MemberName, string Action, DateOnly DueOn, string AssigneeId, string AssigneeName,
    long? ConversationId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? DoneAt, string? DoneBy, bool Overdue, int Version);

/// <summary>Follow-ups by due date: the caller's own by default; an officer may look at someone else's.</summary>
public static class ListFollowUps
{
    public sealed record Request(string? Assignee = null, string? State = null, int? Member = null, int? Page = null, int? PageSize = null);

    public static async Task<Outcome<PagedList<FollowUpView>>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, r.Page, r.PageSize);
        var state = string.IsNullOrWhiteSpace(r.State) ? FollowUpRules.Open : r.State.Trim();
        if (!FollowUpRules.States.Contains(state)) errors.Add("state", $"state must be one of {string.Join(", ", FollowUpRules.States)}.");
        if (errors.Any) return Outcome<PagedList<FollowUpView>>.Invalid(errors);

        var assignee = r.Assignee?.Trim();
        var own = string.IsNullOrEmpty(assignee) || assignee == "me" || assignee == caller.UserId;
        // Someone else's work is an officer's business, and only for the members their officer grants reach.
        if (!own && Roles.Rank(await caller.HighestRoleAsync(ct) ?? "") < Roles.Rank(Roles.Officer))
            return Outcome<PagedList<FollowUpView>>.Forbidden("Looking at someone else's follow-ups needs the officer role.");
        var members = (await caller.MembersAsync(own ? Roles.Viewer : Roles.Officer, ct)).Select(m => m.Id);
        var query = db.FollowUps.AsNoTracking().Where(f => members.Contains(f.MemberId));
        if (own) query = query.Where(f => f.AssigneeId == caller.UserId);
        else
        {
            var upper = assignee!.ToUpperInvariant();
            query = query.Where(f => f.AssigneeId == assignee || f.Assignee.NormalizedEmail == upper);
        }
        if (r.Member is { } memberId) query = query.Where(f => f.MemberId == memberId);
        var today = FollowUpRules.Today(clock.GetUtcNow());
        query = state switch
        {
            FollowUpRules.Open => query.Where(f => f.DoneAt == null),
            FollowUpRules.Overdue => query.Where(f => f.DoneAt == null && f.DueOn < today),
            FollowUpRules.Done => query.Where(f => f.DoneAt != null),
            _ => query,
        };
        var page = await Project(db, query.OrderBy(f => f.DueOn).ThenBy(f => f.Id)).ToPageAsync(r.Page, r.PageSize, ct);
        return Outcome<PagedList<FollowUpView>>.Ok(page with { Items = page.Items.Select(f => WithOverdue(f, today)).ToList() });
    }

    public static async Task<Outcome<FollowUpView>> GetAsync(RallyDb db, Caller caller, TimeProvider clock, long id, CancellationToken ct)
    {
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).Select(m => m.Id);
        var view = await Project(db, db.FollowUps.AsNoTracking().Where(f => f.Id == id && members.Contains(f.MemberId))).FirstOrDefaultAsync(ct);
        return view is null ? Outcome<FollowUpView>.NotFound() : Outcome<FollowUpView>.Ok(WithOverdue(view, FollowUpRules.Today(clock.GetUtcNow())));
    }

    internal static async Task<FollowUpView> ViewAsync(RallyDb db, TimeProvider clock, long id, CancellationToken ct) =>
        WithOverdue(await Project(db, db.FollowUps.AsNoTracking().Where(f => f.Id == id)).FirstAsync(ct), FollowUpRules.Today(clock.GetUtcNow()));

    /// <summary>All of a member's follow-ups, whoever has them, newest first; for the member page and its timeline.</summary>
    public static async Task<Outcome<PagedList<FollowUpView>>> OfMemberAsync(RallyDb db, Caller caller, TimeProvider clock, int memberId, int? page, int? pageSize, CancellationToken ct)
    {
        var member = await Assessments.OrganizingAccess.ReadAsync(caller, memberId, ct);
        if (!member.Succeeded) return member.As<PagedList<FollowUpView>>();
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<FollowUpView>>.Invalid(errors);
        var today = FollowUpRules.Today(clock.GetUtcNow());
        var result = await Project(db, db.FollowUps.AsNoTracking().Where(f => f.MemberId == memberId).OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id))
            .ToPageAsync(page, pageSize, ct);
        return Outcome<PagedList<FollowUpView>>.Ok(result with { Items = result.Items.Select(f => WithOverdue(f, today)).ToList() });
    }

    /// <summary>The follow-ups scheduled in these conversations.</summary>
    internal static async Task<List<FollowUpView>> OfConversationsAsync(RallyDb db, TimeProvider clock, IReadOnlyList<long> conversationIds, CancellationToken ct)
    {
        var today = FollowUpRules.Today(clock.GetUtcNow());
        var views = await Project(db, db.FollowUps.AsNoTracking().Where(f => f.ConversationId != null && conversationIds.Contains(f.ConversationId.Value))).ToListAsync(ct);
        return views.Select(f => WithOverdue(f, today)).ToList();
    }

    static FollowUpView WithOverdue(FollowUpView f, DateOnly today) => f with { Overdue = FollowUpRules.IsOverdue(f.DueOn, f.DoneAt, today) };

    static IQueryable<FollowUpView> Project(RallyDb db, IQueryable<FollowUp> query) =>
        from f in query
        join m in db.Members on f.MemberId equals m.Id
        select new FollowUpView(f.Id, f.MemberId, m.ErasedAt != null ? m.MembershipNumber : m.FirstName + " " + m.LastName, f.Action, f.DueOn,
            f.AssigneeId, f.Assignee.DisplayName != "" ? f.Assignee.DisplayName : f.Assignee.Email ?? f.AssigneeId,
            f.ConversationId, f.CreatedAt, f.CreatedBy, f.DoneAt, f.DoneBy, false, f.Version);
}
