using Microsoft.EntityFrameworkCore;
using Rally.Features.Bodies;
using Rally.Features.Decisions;
using Rally.Features.Logbook;
using Rally.Features.Members;
using Rally.Features.Placements;

namespace Rally.Data.Demo;

/// <summary>
/// Specialists under workers' oversight in the 1919 set: engineers placed in the economic councils,
/// each watched by workers holding a post in the council, and their decisions in every state — in effect, co-signed, rejected with a
/// reason, pending for a few days or a few weeks — each event in the logbook, dated when it happened.
/// One placement has lost its overseer (his post ended), so the coverage report has something to flag.
/// Uses the economic councils and post-holders the administration part of the set wrote, so every
/// assignment keeps the seats and the ladder. Deterministic: its own seeded random stream.
/// </summary>
static class DemoOversight
{
    const string Demo = "demo";

    static readonly string[] Roles = ["Chief engineer", "Technical adviser", "Engineer for fuel supply", "Works engineer", "Engineer for repairs"];

    /// <summary>Subjects by kind: (kind code, title, details, why an overseer would reject it).</summary>
    static readonly (string Kind, string Title, string Details, string Reason)[] Subjects =
    [
        ("procurement", "Buy 2,000 poods of coal for the boiler house", "From the Donets stocks; delivery by rail within the month.",
            "The price is above the fixed price; ask the fuel committee for an allocation instead."),
        ("procurement", "Order driving belts for the lathe shop", "Leather belts, 40 arshins, from the Kolomna works.",
            "The old belts can be repaired in our own shop; the works committee will see to it."),
        ("procurement", "Procure firewood for the workshops", "300 cubic sazhens from the state forest, cut and stacked by the foresters' union.",
            "Not needed before the autumn; the yard holds enough for the spring."),
        ("procurement", "Purchase spare boiler tubes", "Two sets, for boilers No. 2 and No. 3.",
            "The tubes are on hand at the Sormovo works; ask the council to transfer them rather than buy."),
        ("hiring", "Hire two fitters for the repair shop", "Members of the metal workers' union, from the labour exchange.",
            "Hiring goes through the labour exchange and the union, not by private arrangement."),
        ("hiring", "Take on a draughtsman for the design office", "Former employee of the works' technical office.",
            "The design office has two vacancies filled from the works school next month."),
        ("hiring", "Engage a chemist for the dye works laboratory", "On a six-month contract.",
            "The salary asked is above the council's scale for specialists."),
        ("technical-note", "Boiler No. 3 inspected: safe to eight atmospheres", "Pressure test passed; next inspection in six months.", ""),
        ("technical-note", "Fuel consumption of the steam engines, February", "Down by an eighth after the repairs to the flues.", ""),
        ("technical-note", "Drawing of the new grain store roof", "Timber roof, to be built by the building workers' artel.", ""),
    ];

    public static async Task<string> SeedAsync(RallyDb db, CancellationToken ct)
    {
        var random = new Random(DemoCommand.Seed + 5);
        var specialistCategory = await db.Categories.Where(c => c.Code == Placement.SpecialistCategory).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (specialistCategory is null) return "no specialists";
        var councils = await db.Bodies.Where(b => b.Kind.Code == "economic-council" && b.ArchivedAt == null).OrderBy(b => b.Id).ToListAsync(ct);
        var start = new DateTimeOffset(Federation1919.Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var kinds = await db.DecisionKinds.ToDictionaryAsync(k => k.Code, ct);
        var usedMembers = new HashSet<int>();
        var placements = 0;
        var events = new List<(DateTimeOffset At, string Kind, Decision Decision, int Specialist, int Body, int? Member)>();
        var decisionCount = 0;

        foreach (var (council, councilIndex) in councils.Select((c, i) => (c, i)))
        {
            var path = await db.OrgUnits.Where(u => u.Id == council.OrgUnitId).Select(u => u.Path).FirstAsync(ct);
            var units = db.OrgUnits.Where(Features.OrgUnits.OrgPath.Within([path])).Select(u => u.Id);
            var inScope = db.Members.Where(m => m.Status == MemberRules.Active && m.ArchivedAt == null && units.Contains(m.OrgUnitId));
            // The council's workers: those holding a post in it today (the administration part of the set appointed them).
            var today = Federation1919.Today;
            var posts = db.Posts.Where(p => p.BodyId == council.Id).Select(p => p.Id);
            var holders = await db.Assignments.Where(a => posts.Contains(a.PostId) && a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today)
                    && db.Members.Any(m => m.Id == a.MemberId && m.CategoryId != specialistCategory))
                .Select(a => a.MemberId).Distinct().OrderBy(id => id).Take(4).ToListAsync(ct);
            usedMembers.UnionWith(holders);
            if (holders.Count == 0) continue;

            var engineers = await inScope.Where(m => m.CategoryId == specialistCategory).OrderBy(m => m.Id).Skip(random.Next(3)).Take(8).Select(m => m.Id).ToListAsync(ct);
            engineers = engineers.Where(id => !usedMembers.Contains(id)).Take(2).ToList();
            usedMembers.UnionWith(engineers);
            foreach (var (engineer, n) in engineers.Select((e, n) => (e, n)))
            {
                var startsOn = new DateOnly(1918, 10, 1).AddDays(random.Next(100));
                var placement = new Placement
                {
                    MemberId = engineer, BodyId = council.Id, Role = Roles[(councilIndex + n) % Roles.Length], StartsOn = startsOn,
                    CreatedAt = start.AddDays(-random.Next(120, 150)), CreatedBy = Demo, Version = 1,
                };
                var watchers = holders.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList();
                foreach (var w in watchers)
                    placement.Overseers.Add(new Overseer { MemberId = w, StartsOn = startsOn });
                db.Placements.Add(placement);
                await db.SaveChangesAsync(ct);
                placements++;
                if (placements == 1)
                {
                    // The first placement's overseers have left the council: flagged without an active overseer.
                    var recalled = new DateOnly(1919, 2, 15);
                    foreach (var w in watchers)
                        foreach (var a in await db.Assignments.Where(a => a.MemberId == w && posts.Contains(a.PostId) && (a.EndsOn == null || a.EndsOn > recalled)).ToListAsync(ct))
                        {
                            a.EndsOn = a.StartsOn > recalled ? a.StartsOn : recalled;
                            a.EndReason = "recalled by the works meeting";
                        }
                    await db.SaveChangesAsync(ct);
                }

                // Three or four decisions, one of each state in turn, so every state shows in every council.
                var count = 3 + random.Next(2);
                for (var i = 0; i < count; i++)
                {
                    var subject = Subjects[(decisionCount + i * 3 + n) % Subjects.Length];
                    var kind = kinds[subject.Kind];
                    var state = !kind.NeedsCoSignature ? DecisionRules.InEffect : ((decisionCount + i) % 3) switch { 0 => DecisionRules.CoSigned, 1 => DecisionRules.Pending, _ => DecisionRules.Rejected };
                    // Pending ones have waited from a day to six weeks; the others were settled within a week.
                    var recordedAt = start.AddDays(-(state == DecisionRules.Pending ? 1 + random.Next(42) : 10 + random.Next(80))).AddMinutes(-random.Next(600));
                    var signer = watchers[random.Next(watchers.Count)];
                    var signedAt = recordedAt.AddHours(4 + random.Next(120));
                    var title = subject.Title;
                    if (state == DecisionRules.Pending && await db.Decisions.AnyAsync(d => d.PlacementId == placement.Id && d.KindId == kind.Id && d.Status == DecisionRules.Pending && d.TitleKey == DecisionRules.TitleKey(title), ct))
                        continue; // no pending duplicates, in the demo either
                    var decision = new Decision
                    {
                        PlacementId = placement.Id, KindId = kind.Id, Title = title, TitleKey = DecisionRules.TitleKey(title), Details = subject.Details,
                        Status = state, RecordedAt = recordedAt, RecordedByUserId = Demo, RecordedBy = Demo,
                        EffectiveAt = state == DecisionRules.InEffect ? recordedAt : state == DecisionRules.CoSigned ? signedAt : null,
                        SignedByMemberId = state is DecisionRules.CoSigned or DecisionRules.Rejected ? signer : null,
                        SignedByUserId = state is DecisionRules.CoSigned or DecisionRules.Rejected ? Demo : null,
                        SignedBy = state is DecisionRules.CoSigned or DecisionRules.Rejected ? Demo : null,
                        SignedAt = state is DecisionRules.CoSigned or DecisionRules.Rejected ? signedAt : null,
                        RejectionReason = state == DecisionRules.Rejected ? subject.Reason : null,
                        Version = 1,
                    };
                    db.Decisions.Add(decision);
                    await db.SaveChangesAsync(ct);
                    decisionCount++;
                    events.Add((recordedAt, "decision-recorded", decision, engineer, council.Id, (int?)engineer));
                    if (state == DecisionRules.CoSigned) events.Add((signedAt, "decision-cosigned", decision, engineer, council.Id, signer));
                    if (state == DecisionRules.Rejected) events.Add((signedAt, "decision-rejected", decision, engineer, council.Id, signer));
                }
            }
        }

        // The logbook in the order things happened; a recorded event shows the decision as it was then.
        foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Decision.Id))
        {
            var d = e.Decision;
            var asRecorded = e.Kind == "decision-recorded"
                ? new Decision { Id = d.Id, PlacementId = d.PlacementId, Title = d.Title, TitleKey = d.TitleKey, Status = DecisionRules.InitialStatus(d.Status != DecisionRules.InEffect), RecordedByUserId = Demo, RecordedBy = Demo }
                : d;
            await Logbook.AppendAsync(db, e.Kind, "Decision", d.Id, RecordDecision.Payload(asRecorded, e.Specialist, e.Body, kinds.Values.First(k => k.Id == d.KindId).Code, e.Member), e.At, ct);
        }
        await db.SaveChangesAsync(ct);
        return $"{placements} specialists' placements in {councils.Count} economic councils, {decisionCount} decisions";
    }
}
