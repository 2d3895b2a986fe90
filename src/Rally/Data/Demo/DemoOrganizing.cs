using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data.Bulk;
using Rally.Features.Accounts;
using Rally.Features.Assessments;
using Rally.Features.Campaigns;
using Rally.Features.Conversations;
using Rally.Features.Members;
using Rally.Features.StructureTests;
using static Rally.Data.Demo.Federation1919;

namespace Rally.Data.Demo;

/// <summary>
/// The organizing part of the demonstration set. Saved through the audited context first
/// (<see cref="SetUpAsync"/>): one organiser per union (turf holders, not sign-in accounts: no
/// password), more in the textile union so that each holds a turf of a few thousand at most; a
/// campaign in the textile union with its turf split evenly among them; a petition on the bread
/// ration. Then, member by member as the members are generated, the bulk rows: a drifting history
/// of 1–3 engagement assessments over the six months before <see cref="Federation1919.Today"/>,
/// some conversations with the issues raised and a few follow-ups, the campaign's targets and the
/// petition's signatures (likelier the more engaged). Deterministic for a seed, and drawn from its
/// own random stream, so the members themselves are the same with or without it.
/// </summary>
sealed class DemoOrganizing
{
    /// <summary>Members of the textile union per textile organiser: the turf of one is a few thousand targets.</summary>
    const int TurfSize = 3000;
    const string Domain = "demo.rally";

    public static readonly DateOnly CampaignStart = new(1919, 2, 1);
    public static readonly DateOnly CampaignDeadline = new(1919, 4, 30);
    public static readonly DateOnly PetitionStart = new(1919, 2, 10);
    public static readonly DateOnly PetitionDeadline = new(1919, 3, 20);
    static readonly DateOnly HistoryStart = Today.AddDays(-182);

    /// <summary>What <see cref="SetUpAsync"/> saved, for the generator.</summary>
    public sealed record Setup(string[] UnionOrganiserIds, string[] UnionOrganiserNames, string[] TextileOrganiserIds, string[] TextileOrganiserNames,
        int TextileUnion, int TextileCount, int CampaignId, int PetitionId, Dictionary<string, int> IssueTagIds);

    public static string OrganiserEmail(string unionCode, int number = 1) =>
        number == 1 ? $"organiser.{unionCode.ToLowerInvariant()}@{Domain}" : $"organiser.{unionCode.ToLowerInvariant()}.{number}@{Domain}";

    /// <summary>Organisers with their grants, the campaign and the structure test, through the audited context.</summary>
    public static async Task<Setup> SetUpAsync(RallyDb db, DemoPlan plan, int? members, TimeProvider clock, CancellationToken ct)
    {
        var random = new Random(DemoCommand.Seed + 1);
        var now = clock.GetUtcNow();
        var counts = DemoMembers.Counts([.. plan.Unions.Select(u => u.Spec.RealMembers)], members);
        var textile = plan.Unions.FindIndex(u => u.Spec.Code == "TEXTILE");
        var textileOrganisers = Math.Max(3, (counts[textile] + TurfSize - 1) / TurfSize);

        var existing = await db.Users.Where(u => u.Email!.EndsWith("@" + Domain)).ToDictionaryAsync(u => u.NormalizedEmail!, ct);
        User Organiser(DemoPlan.Union union, int number)
        {
            var email = OrganiserEmail(union.Spec.Code, number);
            if (existing.TryGetValue(email.ToUpperInvariant(), out var user)) return user;
            var female = random.Next(100) < 30;
            var given = female ? DemoNames.FemaleGiven[random.Next(DemoNames.FemaleGiven.Length)] : DemoNames.MaleGiven[random.Next(DemoNames.MaleGiven.Length)];
            var surname = DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)];
            user = new User
            {
                Id = $"demo-{union.Spec.Code.ToLowerInvariant()}-{number}",
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                DisplayName = $"{given.Text} {(female ? surname.Female : surname.Male).Text}",
                SecurityStamp = Stamp(random), ConcurrencyStamp = Stamp(random), CreatedAt = now,
            };
            db.Users.Add(user);
            db.RoleGrants.Add(new RoleGrant { UserId = user.Id, Role = Roles.Organizer, OrgUnitId = union.Unit.Id, GrantedAt = now, GrantedBy = "demo" });
            return user;
        }
        var perUnion = plan.Unions.Select(u => Organiser(u, 1)).ToList();
        var turf = new List<User> { perUnion[textile] };
        for (var n = 2; n <= textileOrganisers; n++)
            turf.Add(Organiser(plan.Unions[textile], n));

        var union = plan.Unions[textile].Unit.Id;
        var campaign = new Campaign
        {
            Name = "Bread and wages at the textile mills",
            Description = "Bring the mill hands of the textile union into the union's work: talk to every member, and move two in five to supporter or better by the end of April.",
            OrgUnitId = union,
            Segment = JsonSerializer.Serialize(new CampaignSegment(Statuses: [MemberRules.Active]), JsonSerializerOptions.Web),
            GoalKind = GoalKinds.LevelShare, GoalScaleId = AssessmentScale.EngagementId, GoalLevel = 2, GoalShare = 0.40m,
            StartsOn = CampaignStart, Deadline = CampaignDeadline, CreatedAt = now, CreatedBy = "demo",
            Organisers = [.. turf.Select(u => new CampaignOrganiser { UserId = u.Id })],
        };
        var petition = new StructureTest
        {
            Name = "Petition on the bread ration", Kind = StructureTestKinds.Petition,
            Description = "A petition to the district food committee for the workers' bread ration: a test of how far the union's word reaches in each mill.",
            OrgUnitId = union, TargetShare = 0.60m, StartsOn = PetitionStart, Deadline = PetitionDeadline, CreatedAt = now, CreatedBy = "demo",
        };
        db.Campaigns.Add(campaign);
        db.StructureTests.Add(petition);
        await db.SaveChangesAsync(ct);
        var tags = await db.IssueTags.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Id, ct);
        db.ChangeTracker.Clear();
        return new Setup([.. perUnion.Select(u => u.Id)], [.. perUnion.Select(u => u.UserName!)], [.. turf.Select(u => u.Id)], [.. turf.Select(u => u.UserName!)],
            textile, counts[textile], campaign.Id, petition.Id, tags);
    }

    static string Stamp(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("N").ToUpperInvariant();
    }

    static readonly int[] StartLevels = [6, 18, 36, 28, 12]; // percent at levels 1..5 at the first assessment
    static readonly (string Code, int Weight)[] Issues =
        [("food-supply", 30), ("wages", 25), ("fuel", 12), ("hours", 10), ("housing", 8), ("safety", 7), ("treatment", 5), ("sickness", 3)];
    static readonly string[] Asks =
    [
        "Come to the mill meeting on Thursday", "Sign the petition on the bread ration", "Bring two workmates to the branch",
        "Collect the dues in your shop", "Tell us who is short of fuel in your barrack", "Stand for the factory committee",
    ];
    static readonly string[] Commitments = ["Will come", "Will think about it", "Signed", "Will ask the others in the shop", "Not now", "Will collect"];
    static readonly string[] Actions =
    [
        "bring the petition", "ask about the fuel ration", "check the wage arrears", "invite to the branch meeting",
        "see whether the sick pay came", "bring the union card",
    ];

    readonly Setup setup;
    readonly Random random = new(DemoCommand.Seed + 2);
    readonly Dictionary<int, int> unionOfLocal = [];
    readonly int[] issueIds, issueThresholds;
    readonly int[] seenInUnion;
    readonly DateTimeOffset[] noon;
    readonly int noonBase;
    long nextAssessment, nextConversation, nextFollowUp, nextParticipation;

    public DemoOrganizing(DemoPlan plan, Setup setup, OrganizingBulkInsert.Ids firstIds)
    {
        this.setup = setup;
        for (var u = 0; u < plan.Unions.Count; u++)
            foreach (var local in plan.Unions[u].Locals)
                unionOfLocal[local.Unit.Id] = u;
        seenInUnion = new int[plan.Unions.Count];
        issueIds = [.. Issues.Select(i => setup.IssueTagIds[i.Code])];
        issueThresholds = new int[Issues.Length];
        for (int i = 0, sum = 0; i < Issues.Length; i++)
            issueThresholds[i] = sum += Issues[i].Weight;
        noonBase = HistoryStart.DayNumber;
        noon = [.. Enumerable.Range(0, CampaignDeadline.DayNumber - noonBase + 30).Select(d => new DateTimeOffset(DateOnly.FromDayNumber(noonBase + d).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero))];
        (nextAssessment, nextConversation, nextFollowUp, nextParticipation) = (firstIds.Assessment, firstIds.Conversation, firstIds.FollowUp, firstIds.Participation);
    }

    /// <summary>Appends the organizing rows of <paramref name="members"/> (a batch just generated) to <paramref name="rows"/>.</summary>
    public void Fill(ReadOnlySpan<MemberRow> members, OrganizingRows rows)
    {
        foreach (ref readonly var m in members)
            Generate(in m, rows);
    }

    void Generate(in MemberRow m, OrganizingRows rows)
    {
        var r = random;
        var union = unionOfLocal[m.OrgUnitId];
        var sequence = seenInUnion[union]++;
        var target = union == setup.TextileUnion && m.Status == MemberRules.Active;
        var (organiserId, organiserName) = union == setup.TextileUnion
            ? Turf((int)((long)sequence * setup.TextileOrganiserIds.Length / Math.Max(1, setup.TextileCount)))
            : (setup.UnionOrganiserIds[union], setup.UnionOrganiserNames[union]);

        // Assessments: most members have one to three, drifting a level at a time; the campaign's targets drift upwards.
        int? level = null;
        if (r.Next(100) < 92)
        {
            var count = r.Next(100) switch { < 15 => 1, < 55 => 2, _ => 3 };
            var roll = r.Next(100);
            level = 1;
            for (var sum = StartLevels[0]; roll >= sum; sum += StartLevels[level.Value - 1]) level++;
            var day = HistoryStart.AddDays(r.Next(60));
            for (var i = 0; i < count && day < Today; i++)
            {
                if (i > 0)
                {
                    var up = target && day >= CampaignStart ? 40 : 25;
                    var drift = r.Next(100);
                    level = Math.Clamp(level.Value + (drift < up ? -1 : drift < up + 25 ? 1 : 0), 1, 5);
                }
                ref var a = ref rows.Assessments.Add();
                a.Id = nextAssessment++;
                a.MemberId = m.Id;
                a.ScaleId = AssessmentScale.EngagementId;
                a.Level = level.Value;
                a.AssessedAt = a.RecordedAt = Noon(day);
                a.AssessedBy = organiserName;
                day = day.AddDays(r.Next(20, 70));
            }
        }

        // Conversations: more among the campaign's targets; each raises one or two issues, a few leave a follow-up.
        if (r.Next(100) < (target ? 35 : 15))
        {
            var count = r.Next(100) < 70 ? 1 : 2;
            var first = HistoryStart.AddDays(r.Next(Today.DayNumber - HistoryStart.DayNumber - 1));
            for (var i = 0; i < count; i++)
            {
                var day = i == 0 ? first : first.AddDays(r.Next(1, Math.Max(2, Today.DayNumber - first.DayNumber)));
                if (day >= Today) break;
                ref var c = ref rows.Conversations.Add();
                c.Id = nextConversation++;
                c.MemberId = m.Id;
                c.HeldAt = c.RecordedAt = Noon(day);
                c.HeldById = organiserId;
                c.RecordedBy = organiserName;
                c.Channel = r.Next(100) switch { < 60 => Channels.InPerson, < 80 => Channels.Meeting, < 90 => Channels.Phone, _ => Channels.Letter };
                c.WorkplaceId = m.WorkplaceId;
                c.CampaignId = target && day >= CampaignStart ? setup.CampaignId : null;
                c.Ask = Asks[r.Next(Asks.Length)];
                c.Commitment = Commitments[r.Next(Commitments.Length)];
                var issue = Issue(r);
                rows.ConversationIssues.Add() = new ConversationIssueRow { ConversationId = c.Id, IssueTagId = issue };
                if (r.Next(100) < 40 && Issue(r) is var second && second != issue)
                    rows.ConversationIssues.Add() = new ConversationIssueRow { ConversationId = c.Id, IssueTagId = second };

                if (r.Next(100) < 12)
                {
                    ref var f = ref rows.FollowUps.Add();
                    f.Id = nextFollowUp++;
                    f.MemberId = m.Id;
                    f.AssigneeId = organiserId;
                    f.DueOn = day.AddDays(r.Next(7, 22));
                    f.Action = Actions[r.Next(Actions.Length)];
                    f.ConversationId = c.Id;
                    f.CreatedAt = Noon(day);
                    f.CreatedBy = organiserName;
                    if (f.DueOn < Today && r.Next(100) < 60)
                    {
                        f.DoneAt = Noon(f.DueOn.AddDays(-r.Next(0, 3)));
                        f.DoneBy = organiserName;
                    }
                }
            }
        }

        if (!target) return;
        ref var t = ref rows.CampaignTargets.Add();
        t.CampaignId = setup.CampaignId;
        t.MemberId = m.Id;
        t.OrganiserId = organiserId;
        t.AddedAt = Noon(CampaignStart);
        t.WorkplaceId = m.WorkplaceId;

        // The petition: the more engaged, the likelier to have signed.
        var share = level switch { 1 => 90, 2 => 70, 3 => 40, 4 => 15, 5 => 3, _ => 20 };
        if (r.Next(100) < share)
        {
            ref var p = ref rows.Participations.Add();
            p.Id = nextParticipation++;
            p.StructureTestId = setup.PetitionId;
            p.MemberId = m.Id;
            p.ParticipatedOn = PetitionStart.AddDays(r.Next(Today.DayNumber - PetitionStart.DayNumber));
            p.RecordedAt = Noon(p.ParticipatedOn);
            p.RecordedBy = organiserName;
        }
    }

    (string Id, string Name) Turf(int index)
    {
        var i = Math.Min(index, setup.TextileOrganiserIds.Length - 1);
        return (setup.TextileOrganiserIds[i], setup.TextileOrganiserNames[i]);
    }

    int Issue(Random r)
    {
        var roll = r.Next(issueThresholds[^1]);
        var i = 0;
        while (roll >= issueThresholds[i]) i++;
        return issueIds[i];
    }

    DateTimeOffset Noon(DateOnly day) => noon[day.DayNumber - noonBase];
}
