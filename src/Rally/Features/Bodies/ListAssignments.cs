using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Web;

namespace Rally.Features.Bodies;

/// <summary>Who holds a post (today, or its whole history), one assignment, and a member's posts over time.</summary>
public static class ListAssignments
{
    /// <param name="current">Only those holding it today.</param>
    public static async Task<Outcome<PagedList<AssignmentView>>> OfPostAsync(RallyDb db, Caller caller, TimeProvider clock, int postId, bool current, int? page, int? pageSize, CancellationToken ct)
    {
        var post = await ListPosts.GetAsync(db, caller, clock, postId, ct);
        if (!post.Succeeded) return post.As<PagedList<AssignmentView>>();
        var query = db.Assignments.AsNoTracking().Where(a => a.PostId == postId);
        if (current)
        {
            var today = ListPosts.Today(clock);
            query = query.Where(a => a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today));
        }
        return await PageAsync(db, query, page, pageSize, ct);
    }

    /// <summary>Everyone holding one of a body's posts today, for the body page.</summary>
    public static async Task<List<AssignmentView>> HoldersAsync(RallyDb db, TimeProvider clock, int bodyId, CancellationToken ct)
    {
        var today = ListPosts.Today(clock);
        var rows = await AssignmentView.Project(db, db.Assignments.AsNoTracking()
                .Where(a => a.Post.BodyId == bodyId && a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today)), AssignmentView.Order.OldestFirst)
            .Take(Paging.MaxSize * 4).ToListAsync(ct);
        return rows.Select(r => r.View()).ToList();
    }

    public static async Task<Outcome<AssignmentView>> GetAsync(RallyDb db, Caller caller, long id, CancellationToken ct)
    {
        var bodies = (await BodyAccess.VisibleAsync(db, caller, Roles.Viewer, ct)).Select(b => b.Id);
        var row = await AssignmentView.Project(db, db.Assignments.AsNoTracking().Where(a => a.Id == id && bodies.Contains(a.Post.BodyId))).FirstOrDefaultAsync(ct);
        return row is null ? Outcome<AssignmentView>.NotFound("There is no such assignment.") : Outcome<AssignmentView>.Ok(row.View());
    }

    /// <summary>A member's posts, newest first: the member's own story, whichever body the posts are in.</summary>
    public static async Task<Outcome<PagedList<AssignmentView>>> OfMemberAsync(RallyDb db, Caller caller, int memberId, int? page, int? pageSize, CancellationToken ct)
    {
        var member = await OrganizingAccess.ReadAsync(caller, memberId, ct);
        if (!member.Succeeded) return member.As<PagedList<AssignmentView>>();
        return await PageAsync(db, db.Assignments.AsNoTracking().Where(a => a.MemberId == memberId), page, pageSize, ct);
    }

    /// <summary>Newest first.</summary>
    static async Task<Outcome<PagedList<AssignmentView>>> PageAsync(RallyDb db, IQueryable<Assignment> query, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(errors, page, pageSize);
        if (errors.Any) return Outcome<PagedList<AssignmentView>>.Invalid(errors);
        var rows = await AssignmentView.Project(db, query, AssignmentView.Order.NewestFirst).ToPageAsync(page, pageSize, ct);
        return Outcome<PagedList<AssignmentView>>.Ok(new(rows.Items.Select(r => r.View()).ToList(), rows.Page, rows.PageSize, rows.Total));
    }
}
