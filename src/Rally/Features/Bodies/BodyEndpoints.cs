using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Labels;
using Rally.Web;

namespace Rally.Features.Bodies;

public static class BodyEndpoints
{
    public static RouteGroupBuilder MapBodyEndpoints(this RouteGroupBuilder api)
    {
        api.MapLabelEndpoints(BodyKind.List);

        var bodies = api.MapGroup("/bodies").WithTags("Bodies");
        bodies.MapGet("/", async (string? orgUnit, string? kind, int? parent, string? search, bool? includeArchived, int? page, int? pageSize, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ListBodies.RunAsync(db, caller, new(orgUnit, kind, parent, search, includeArchived ?? false, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithName("ListBodies").WithSummary("Administrative bodies in your scope by unit and name; orgUnit (code or id, its subtree), kind (code), parent (body id), search (name).")
            .Produces<PagedList<BodyView>>().ProducesValidationProblem();
        bodies.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await GetBody.RunAsync(db, caller, id, ct)).ToResult(b => Tagged(response, b.Version, TypedResults.Ok(b))))
            .WithName("GetBody").WithSummary("One body; the ETag is its version.")
            .Produces<BodyView>().ProducesProblem(404);
        bodies.MapPost("/", async (SaveBody.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await SaveBody.CreateAsync(db, caller, clock, body, ct)).ToResult(b => Tagged(response, b.Version, TypedResults.Created($"/api/v1/bodies/{b.Id}", b))))
            .WithName("CreateBody").WithSummary("Officers: set up a body: name, kind (code), orgUnit (code or id), parentBodyId, description.")
            .Produces<BodyView>(201).ProducesValidationProblem().ProducesProblem(403);
        bodies.MapPut("/{id:int}", async (int id, SaveBody.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SaveBody.UpdateAsync(db, caller, id, body, version, ct)).ToResult(b => Tagged(http.Response, b.Version, TypedResults.Ok(b)));
            })
            .WithName("UpdateBody").WithSummary("Officers: change a body; send If-Match with the ETag you read.")
            .Produces<BodyView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        bodies.MapDelete("/{id:int}", async (int id, RallyDb db, Caller caller, TimeProvider clock, HttpRequest request, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(request);
                return error ?? (await ArchiveBody.RunAsync(db, caller, clock, id, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("ArchiveBody").WithSummary("Officers: archive a body (refused while members hold its posts or bodies sit under it).")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        bodies.MapGet("/{id:int}/posts", async (int id, bool? includeArchived, int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListPosts.RunAsync(db, caller, clock, id, includeArchived ?? false, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithName("ListPosts").WithSummary("A body's posts by rung, each with its holders today and free seats.")
            .Produces<PagedList<PostView>>().ProducesValidationProblem().ProducesProblem(404);
        bodies.MapPost("/{id:int}/posts", async (int id, SavePost.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await SavePost.CreateAsync(db, caller, clock, id, body, ct)).ToResult(p => Tagged(response, p.Version, TypedResults.Created($"/api/v1/posts/{p.Id}", p))))
            .WithTags("Posts").WithName("CreatePost").WithSummary("Officers: add a post: title, seats (1 or more), rung (position on the ladder), termMonths (optional).")
            .Produces<PostView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var posts = api.MapGroup("/posts").WithTags("Posts");
        posts.MapGet("/{id:int}", async (int id, RallyDb db, Caller caller, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                (await ListPosts.GetAsync(db, caller, clock, id, ct)).ToResult(p => Tagged(response, p.Version, TypedResults.Ok(p))))
            .WithName("GetPost").WithSummary("One post with its holders today; the ETag is its version.")
            .Produces<PostView>().ProducesProblem(404);
        posts.MapPut("/{id:int}", async (int id, SavePost.Request body, RallyDb db, Caller caller, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await SavePost.UpdateAsync(db, caller, clock, id, body, version, ct)).ToResult(p => Tagged(http.Response, p.Version, TypedResults.Ok(p)));
            })
            .WithName("UpdatePost").WithSummary("Officers: change a post; fewer seats than its holders on some day is refused. Send If-Match.")
            .Produces<PostView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        posts.MapDelete("/{id:int}", async (int id, RallyDb db, Caller caller, TimeProvider clock, HttpRequest request, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(request);
                return error ?? (await ArchivePost.RunAsync(db, caller, clock, id, version, ct)).ToResult(_ => TypedResults.NoContent());
            })
            .WithName("ArchivePost").WithSummary("Officers: archive a post (refused while someone holds it).")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        posts.MapGet("/{id:int}/assignments", async (int id, bool? current, int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListAssignments.OfPostAsync(db, caller, clock, id, current ?? false, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithTags("Assignments").WithName("ListPostAssignments").WithSummary("Who has held the post, newest first; current=true for today's holders only.")
            .Produces<PagedList<AssignmentView>>().ProducesValidationProblem().ProducesProblem(404);
        posts.MapPost("/{id:int}/assignments", async (int id, AssignMember.Request body, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                Assigned(await AssignMember.RunAsync(db, caller, id, body, ct), response))
            .WithTags("Assignments").WithName("AssignMember")
            .WithSummary("Officers: assign a member: memberId, startsOn, endsOn (optional, the last day). Unmet ladder conditions are a 400 listing every one " +
                "(errors.memberId and unmetConditions [{code, message}]) unless overrideJustification says why (at least 20 characters); the override is saved and audited.")
            .Produces<AssignmentView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var assignments = api.MapGroup("/assignments").WithTags("Assignments");
        assignments.MapGet("/{id:long}", async (long id, RallyDb db, Caller caller, HttpResponse response, CancellationToken ct) =>
                (await ListAssignments.GetAsync(db, caller, id, ct)).ToResult(a => Tagged(response, a.Version, TypedResults.Ok(a))))
            .WithName("GetAssignment").WithSummary("One assignment; the ETag is its version.")
            .Produces<AssignmentView>().ProducesProblem(404);
        assignments.MapPatch("/{id:long}", async (long id, EndAssignment.Request body, RallyDb db, Caller caller, HttpContext http, CancellationToken ct) =>
            {
                var (version, error) = ETags.Expected(http.Request);
                return error ?? (await EndAssignment.RunAsync(db, caller, id, body, version, ct)).ToResult(a => Tagged(http.Response, a.Version, TypedResults.Ok(a)));
            })
            .WithName("EndAssignment").WithSummary("Officers: end an assignment: endsOn (the last day held), endReason. Send If-Match with the ETag.")
            .Produces<AssignmentView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);

        api.MapGet("/members/{id:int}/assignments", async (int id, int? page, int? pageSize, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ListAssignments.OfMemberAsync(db, caller, id, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithTags("Assignments").WithName("ListMemberAssignments").WithSummary("The member's posts over time, newest first, with any override and its justification.")
            .Produces<PagedList<AssignmentView>>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/terms-ending", async (int? days, int? body, int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ExpiringTerms.RunAsync(db, caller, clock, new(days, body, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithTags("Assignments").WithName("ListTermsEnding")
            .WithSummary("Assignments whose term ends within the next days (default 30), or has ended while still held; soonest first; body filters by body id.")
            .Produces<PagedList<AssignmentView>>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/overrides", async (int? page, int? pageSize, RallyDb db, Caller caller, CancellationToken ct) =>
                (await ListOverrides.RunAsync(db, caller, page, pageSize, ct)).ToResult(TypedResults.Ok))
            .WithTags("Assignments").WithName("ListOverrides")
            .WithSummary("Assignments made despite unmet ladder conditions, newest first: who, when, member, post, rung, justification and the conditions overridden.")
            .Produces<PagedList<AssignmentView>>().ProducesValidationProblem();
        return api;
    }

    static IResult Tagged(HttpResponse response, int version, IResult result)
    {
        ETags.Set(response, version);
        return result;
    }

    /// <summary>A refusal for unmet ladder conditions carries them as an extension, besides the field errors.</summary>
    static IResult Assigned(AssignMember.Result result, HttpResponse response)
    {
        if (result.Outcome.Errors is { } errors && result.Unmet.Count > 0 && errors.ToDictionary().ContainsKey("memberId"))
            return TypedResults.ValidationProblem(errors.ToDictionary(), extensions: new Dictionary<string, object?> { ["unmetConditions"] = result.Unmet });
        return result.Outcome.ToResult(a => Tagged(response, a.Version, TypedResults.Created($"/api/v1/assignments/{a.Id}", a)));
    }
}
