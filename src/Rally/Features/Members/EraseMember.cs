using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>
/// Privacy erasure, on explicit request by an administrator: the personal fields are removed
/// from the member and from the values earlier audit entries hold about them; the record, its
/// dated status history and an audit entry of the erasure remain.
/// </summary>
public static class EraseMember
{
    public const string Erased = "(erased)";

    static readonly HashSet<string> PersonalFields =
    [
        nameof(Member.FirstName), nameof(Member.Patronymic), nameof(Member.LastName), nameof(Member.Email),
        nameof(Member.Phone), nameof(Member.Address), nameof(Member.DateOfBirth), nameof(Member.Trade),
        // What organisers wrote about them: conversations, assessments' evidence, next steps.
        nameof(Conversations.Conversation.Ask), nameof(Conversations.Conversation.Commitment), nameof(Conversations.Conversation.Notes),
        nameof(Assessments.Assessment.Evidence), nameof(Conversations.FollowUp.Action),
    ];

    public static async Task<Outcome<MemberResponse>> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).Include(m => m.OrgUnit).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Outcome<MemberResponse>.NotFound();
        if (!await caller.CanAsync(Roles.Administrator, member.OrgUnit.Path, ct)) return Outcome<MemberResponse>.Forbidden("Only an administrator can erase a member's personal data.");
        if (member.ErasedAt is not null) return Outcome<MemberResponse>.Ok(await GetMember.ProjectAsync(db, id, ct));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var idText = id.ToString();
        var earlier = await db.AuditEntries.Where(a => a.EntityType == "Member" && a.EntityId == idText).ToListAsync(ct);
        foreach (var entry in earlier)
            entry.Changes = Redact(entry.Changes);

        var now = clock.GetUtcNow();
        member.FirstName = Erased;
        member.LastName = Erased;
        member.Patronymic = member.Email = member.Phone = member.Address = member.Trade = null;
        member.DateOfBirth = null;
        member.ErasedAt = now;
        member.ArchivedAt ??= now;
        member.UpdatedAt = now;
        member.Version++;
        MemberRules.SetKeys(member);
        // Organizing records keep their dates, levels, channels and issues (the counts stay right); their free text goes.
        foreach (var c in await db.Conversations.Where(c => c.MemberId == id).ToListAsync(ct))
            c.Ask = c.Commitment = c.Notes = null;
        foreach (var a in await db.Assessments.Where(a => a.MemberId == id && a.Evidence != null).ToListAsync(ct))
            a.Evidence = null;
        foreach (var f in await db.FollowUps.Where(f => f.MemberId == id).ToListAsync(ct))
        {
            f.Action = Erased;
            f.Version++;
        }
        db.AuditAction = "erase";
        db.AuditRedacted = PersonalFields;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<MemberResponse>.Ok(await GetMember.ProjectAsync(db, id, ct));
    }

    static string Redact(string changes)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(changes)?.AsObject();
        if (node is null) return changes;
        foreach (var field in PersonalFields.Select(f => char.ToLowerInvariant(f[0]) + f[1..]).Where(node.ContainsKey))
            node[field] = new System.Text.Json.Nodes.JsonObject { ["before"] = Erased, ["after"] = Erased };
        return node.ToJsonString();
    }
}
