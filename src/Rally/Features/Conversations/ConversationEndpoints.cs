using System.Text.Json;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.FollowUps;
using Rally.Web;

namespace Rally.Features.Conversations;

public static class ConversationEndpoints
{
    public sealed record AssessmentBody(JsonElement? Scale, int? Level, string? Evidence);

    public sealed record ConversationBody(DateTimeOffset? HeldAt, string? Channel, List<string>? Issues, string? Ask, string? Commitment, string? Notes,
        AssessmentBody? Assessment, CreateFollowUp.Request? NextStep, int? Campaign);

    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members").WithTags("Conversations");
        members.MapPost("/{id:int}/conversations", async (int id, ConversationBody body, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            {
                if (AssessmentEndpoints.ScaleText(body.Assessment?.Scale, "assessment.scale") is { } invalid) return invalid;
                var assessment = body.Assessment is { } a ? new RecordConversation.AssessmentPart(AssessmentEndpoints.Text(a.Scale), a.Level, a.Evidence) : null;
                return (await RecordConversation.RunAsync(db, caller, clock, id,
                        new(body.HeldAt, body.Channel, body.Issues, body.Ask, body.Commitment, body.Notes, assessment, body.NextStep, body.Campaign), ct))
                    .ToResult(c => TypedResults.Created($"/api/v1/conversations/{c.Id}", c));
            })
            .WithName("RecordConversation")
            .WithSummary("Record a one-on-one you held: heldAt (default now), channel (in-person, phone, meeting, letter), issues (issue tag codes), ask, commitment, notes, " +
                "assessment {level, scale?, evidence?} (recorded as an assessment), nextStep {action, dueOn yyyy-MM-dd, assignee?} (a follow-up, yours by default), campaign (id). One transaction.")
            .Produces<ConversationView>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        members.MapGet("/{id:int}/conversations", async (int id, int? page, int? pageSize, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListConversations.RunAsync(db, caller, clock, new(Member: id, Page: page, PageSize: pageSize), ct)).ToResult(TypedResults.Ok))
            .WithName("ListMemberConversations").WithSummary("The member's conversations, newest first.")
            .Produces<PagedList<ConversationView>>().ProducesValidationProblem().ProducesProblem(404);

        api.MapGet("/conversations", async (int? member, string? organiser, DateOnly? from, DateOnly? to, string? issue, string? orgUnit, int? page, int? pageSize,
                RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
                (await ListConversations.RunAsync(db, caller, clock, new(member, organiser, from, to, issue, orgUnit, page, pageSize), ct)).ToResult(TypedResults.Ok))
            .WithTags("Conversations").WithName("ListConversations")
            .WithSummary("Conversations with members within your grants, newest first. Filters: member (id), organiser (user id, e-mail or 'me'), from/to (dates, inclusive), issue (tag code), orgUnit (code: its members, or held at its workplaces).")
            .Produces<PagedList<ConversationView>>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/conversations/{id:long}", async (long id, RallyDb db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            {
                var found = await ListConversations.GetAsync(db, caller, clock, id, ct);
                return found.ToResult(TypedResults.Ok);
            })
            .WithTags("Conversations").WithName("GetConversation").WithSummary("One conversation; 404 when the member is outside your grants.")
            .Produces<ConversationView>().ProducesProblem(404);
        return api;
    }
}
