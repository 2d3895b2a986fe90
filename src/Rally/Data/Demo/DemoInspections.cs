using Microsoft.EntityFrameworkCore;
using Rally.Features.Bodies;
using Rally.Features.Inspections;
using Rally.Features.Ladder;
using Rally.Features.Members;
using Rally.Features.OrgUnits;
using static Rally.Data.Demo.Federation1919;

namespace Rally.Data.Demo;

/// <summary>
/// The inspection part of the demonstration set, after the members are loaded: the bodies that
/// answer for grain and fuel (the food commissariat and its Petrograd committee; the Supreme
/// Economic Council, its Chief Fuel Committee and the Moscow fuel section), two lightning control
/// groups whose members hold a rung-3 post (assigned directly, as the demo's history), three
/// checklists, grain and fuel targets, completed inspections in February 1919 with findings in
/// every state — open and overdue (escalated), acknowledged, in progress, reported fixed, verified
/// fixed by a second group member, closed not fixed — and surprise inspections planned after
/// <see cref="Federation1919.Today"/>. Fixed data, so the same every time; every step of every
/// finding is in the logbook.
/// </summary>
static class DemoInspections
{
    const string FoundingJustification =
        "Named to the lightning control group by the union's presidium when the group was founded, before the ladder's terms could be served.";

    static DateTimeOffset At(DateOnly day, int hour = 11) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    public static async Task SeedAsync(RallyDb db, DemoPlan plan, TimeProvider clock, CancellationToken ct)
    {
        var food = plan.Unions.FirstOrDefault(u => u.Spec.Code == "FOOD")?.Unit ?? plan.Root;
        var rail = plan.Unions.FirstOrDefault(u => u.Spec.Code == "RAIL")?.Unit ?? plan.Root;
        var kinds = await db.BodyKinds.ToDictionaryAsync(k => k.Code, k => k.Id, ct);
        var now = clock.GetUtcNow();

        async Task<Body> BodyAsync(string name, string kind, DemoPlan.Unit unit, Body? parent, string description)
        {
            // The administration part of the set may have founded it already.
            if (await db.Bodies.FirstOrDefaultAsync(b => b.Name == name && b.KindId == kinds[kind], ct) is { } founded)
                return founded;
            var body = new Body { Name = name, KindId = kinds[kind], OrgUnitId = unit.Id, ParentBodyId = parent?.Id, Description = description, CreatedAt = now };
            db.Bodies.Add(body);
            await db.SaveChangesAsync(ct);
            return body;
        }
        var commissariat = await BodyAsync("People's Commissariat of Food", "commissariat", plan.Root, null, "Collection and distribution of grain");
        var petrogradFood = await BodyAsync("Petrograd Provincial Food Committee", "committee", food, commissariat, "Grain distribution points of Petrograd");
        var council = await BodyAsync("Supreme Economic Council", "economic-council", plan.Root, null, "Production and distribution of fuel, among others");
        var glavtop = await BodyAsync("Chief Fuel Committee", "committee", plan.Root, council, "Fuel for the railways and the towns");
        var moscowFuel = await BodyAsync("Moscow Fuel Section", "committee", rail, glavtop, "Coal and firewood yards of Moscow");
        var petrogradGroup = await BodyAsync("Lightning control group, Petrograd food", BodyKind.ControlGroup, food, null, "Rapid inspections of grain distribution points");
        var moscowGroup = await BodyAsync("Lightning control group, Moscow fuel", BodyKind.ControlGroup, rail, null, "Rapid inspections of fuel depots");

        // Four active members of each union hold the group's rung-3 post since the autumn.
        var rung3 = await db.Rungs.Where(r => r.Position == 3).Select(r => r.Id).FirstAsync(ct);
        var rungs = (await LadderRecords.RungsAsync(db, ct)).ToDictionary(r => r.Position);
        async Task<int[]> StaffAsync(Body group, DemoPlan.Unit union)
        {
            var post = new Post { BodyId = group.Id, Title = "Control-group member", Seats = 5, RungId = rung3, TermMonths = 6 };
            db.Posts.Add(post);
            await db.SaveChangesAsync(ct);
            var units = db.OrgUnits.Where(OrgPath.Within([union.Path])).Select(u => u.Id);
            var members = await db.Members.Where(m => units.Contains(m.OrgUnitId) && m.Status == MemberRules.Active && m.ArchivedAt == null)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(4).ToArrayAsync(ct);
            for (var i = 0; i < members.Length; i++)
            {
                var start = new DateOnly(1918, 10, 1).AddDays(14 * i);
                var record = (await LadderRecords.ForAsync(db, [members[i]], start.AddDays(-1), ct))[members[i]];
                var unmet = LadderRule.Check(rungs[3], record, start).Unmet;
                var assignment = new Assignment { PostId = post.Id, MemberId = members[i], StartsOn = start, CreatedAt = now, CreatedBy = "demo" };
                // The ladder holds in the demo too: a founding member who had not served its terms was named by override.
                if (unmet.Count > 0)
                {
                    (assignment.OverrideJustification, assignment.UnmetConditions) = (FoundingJustification, AssignmentView.WriteConditions(unmet));
                    db.AuditAction = "override";
                }
                db.Assignments.Add(assignment);
                await db.SaveChangesAsync(ct);
            }
            return members;
        }
        var petrogradMembers = await StaffAsync(petrogradGroup, food);
        var moscowMembers = await StaffAsync(moscowGroup, rail);

        var severity = await db.Severities.ToDictionaryAsync(s => s.Code, ct);
        Checklist List(string code, string name, string description, params (string Text, string Expected, string Severity)[] items) => new()
        {
            Code = code, Name = name, Description = description,
            Items = items.Select((x, i) => new ChecklistItem { Position = i + 1, Text = x.Text, ExpectedAnswer = x.Expected, DefaultSeverityId = severity[x.Severity].Id }).ToList(),
        };
        var grain = List("grain-point", "Grain collection and distribution point", "Storage, weighing and fair issue of grain by ration card",
            ("Grain is stored dry, off the floor and covered", "yes", "critical"),
            ("The scales have been checked against the standard weights this month", "yes", "major"),
            ("The ration norms and the list of entitled households are posted at the door", "yes", "minor"),
            ("Grain is issued only against a ration card, entered in the issue book", "yes", "major"),
            ("Any grain was found set aside without a record", "no", "critical"));
        var fuel = List("fuel-depot", "Fuel depot", "Stocks, safety and the record of deliveries and issues of coal and firewood",
            ("Firewood and coal are stacked clear of buildings and stoves", "yes", "critical"),
            ("The delivery book agrees with the stock counted today", "yes", "major"),
            ("Fire buckets, sand and a pump are at hand", "yes", "minor"),
            ("Issues to the railway and the town follow the allocation order", "yes", "major"));
        var shop = List("co-operative-shop", "Co-operative shop", "Prices, weights and the queue at a consumers' co-operative shop",
            ("Prices are posted and match the fixed prices", "yes", "major"),
            ("The shop keeps the hours posted on the door", "yes", "minor"),
            ("Goods were found kept back for sale on the side", "no", "critical"));
        db.Checklists.AddRange(grain, fuel, shop);
        await db.SaveChangesAsync(ct);

        InspectionTarget Target(string name, string kind, DemoPlan.Unit unit, string address, Body responsible) =>
            new() { Name = name, Kind = kind, OrgUnitId = unit.Id, Address = address, ResponsibleBodyId = responsible.Id };
        var nikolaevsky = Target("Nikolaevsky station grain distribution point", "grain-point", food, "Znamenskaya Square, Petrograd", petrogradFood);
        var vyborg = Target("Vyborg side grain store No. 3", "grain-point", food, "Lesnoy Prospekt 12, Petrograd", petrogradFood);
        var narva = Target("Narva Gate consumers' co-operative shop", "co-operative-shop", food, "Peterhof Chaussee 4, Petrograd", petrogradFood);
        var presnya = Target("Presnya coal and firewood yard", "fuel-depot", rail, "Presnensky Val 21, Moscow", moscowFuel);
        var kazansky = Target("Kazansky station locomotive fuel store", "fuel-depot", rail, "Kalanchevskaya Square, Moscow", moscowFuel);
        db.InspectionTargets.AddRange(nikolaevsky, vyborg, narva, presnya, kazansky);
        await db.SaveChangesAsync(ct);

        Inspection Visit(InspectionTarget target, Body group, Checklist list, DateOnly on, bool completed) => new()
        {
            TargetId = target.Id, ControlGroupId = group.Id, ChecklistId = list.Id, PlannedOn = on,
            Stage = completed ? InspectionStages.Completed : InspectionStages.Planned,
            StartedAt = completed ? At(on, 9) : null, CompletedAt = completed ? At(on, 13) : null, CreatedAt = At(on.AddDays(-3)), CreatedBy = "demo",
        };
        var grainVisit = Visit(nikolaevsky, petrogradGroup, grain, new DateOnly(1919, 2, 10), true);
        var shopVisit = Visit(narva, petrogradGroup, shop, new DateOnly(1919, 2, 17), true);
        var fuelVisit = Visit(presnya, moscowGroup, fuel, new DateOnly(1919, 2, 20), true);
        var grainPlanned = Visit(vyborg, petrogradGroup, grain, Today.AddDays(1), false);
        var fuelPlanned = Visit(kazansky, moscowGroup, fuel, Today.AddDays(4), false);
        db.Inspections.AddRange(grainVisit, shopVisit, fuelVisit, grainPlanned, fuelPlanned);
        await db.SaveChangesAsync(ct);

        // Answers: every item answered; the failed ones are the findings below.
        void Answer(Inspection visit, Checklist list, params int[] failed)
        {
            foreach (var item in list.Items)
            {
                var fails = failed.Contains(item.Position);
                var answer = fails ? (item.ExpectedAnswer == "yes" ? "no" : "yes") : item.ExpectedAnswer;
                db.InspectionAnswers.Add(new InspectionAnswer { InspectionId = visit.Id, ItemId = item.Id, Answer = answer });
            }
        }
        Answer(grainVisit, grain, 1, 2, 3);
        Answer(shopVisit, shop, 1);
        Answer(fuelVisit, fuel, 1, 2, 3);
        await db.SaveChangesAsync(ct);

        var states = await db.FindingStates.ToDictionaryAsync(s => s.Code, ct);
        // A finding and its steps: (state, day, member who took it or null for the body's officer, note, re-inspected).
        async Task FindingAsync(Inspection visit, Checklist list, int position, string description, Body responsible, int? recordedBy,
            params (string State, DateOnly On, int? Member, string? Note)[] steps)
        {
            var item = list.Items.Single(i => i.Position == position);
            var sev = severity.Values.Single(s => s.Id == item.DefaultSeverityId);
            var finding = new Finding
            {
                InspectionId = visit.Id, ItemId = item.Id, Description = description, SeverityId = sev.Id, ResponsibleBodyId = responsible.Id,
                StateId = states[FindingState.Open].Id, FoundOn = visit.PlannedOn, Deadline = FindingRules.Deadline(visit.PlannedOn, sev.DeadlineDays),
                StateSince = At(visit.PlannedOn, 12), CreatedAt = At(visit.PlannedOn, 12), CreatedBy = "demo",
            };
            db.Findings.Add(finding);
            await db.SaveChangesAsync(ct);
            await FindingLog.AppendAsync(db, finding, null, (finding.StateId, FindingState.Open), null, recordedBy, null, null, ct, At(visit.PlannedOn, 12));
            var from = (finding.StateId, FindingState.Open);
            foreach (var (state, on, member, note) in steps)
            {
                var to = states[state];
                finding.StateId = to.Id;
                finding.StateSince = At(on, 15);
                if (state == FindingState.ReportedFixed) finding.ReportedFixedByMemberId = member;
                if (to.RestartsDeadline) finding.Deadline = FindingRules.Deadline(on, sev.DeadlineDays);
                finding.Version++;
                await FindingLog.AppendAsync(db, finding, from, (to.Id, to.Code), null, member, note,
                    state == FindingState.VerifiedFixed ? on : null, ct, At(on, 15));
                from = (to.Id, to.Code);
            }
            await db.SaveChangesAsync(ct);
        }
        int P(int i) => petrogradMembers.Length > i ? petrogradMembers[i] : 0;
        int M(int i) => moscowMembers.Length > i ? moscowMembers[i] : 0;
        int? Who(int id) => id == 0 ? null : id;

        // Nikolaevsky station, 10 February: a verified fix, an overdue finding (escalated to the commissariat), one acknowledged in time.
        await FindingAsync(grainVisit, grain, 1, "Sacks of rye stacked on the bare floor by the west wall; the floor is wet from the leaking roof.", petrogradFood, Who(P(0)),
            (FindingState.Acknowledged, new DateOnly(1919, 2, 11), null, null),
            (FindingState.ReportedFixed, new DateOnly(1919, 2, 13), Who(P(0)), "Pallets laid and the roof patched."),
            (FindingState.VerifiedFixed, new DateOnly(1919, 2, 15), Who(P(1)), "Re-inspected: all sacks on pallets, floor dry, roof holding."));
        await FindingAsync(grainVisit, grain, 2, "The platform scales were last checked in November; a one-pood weight reads 38 pounds.", petrogradFood, Who(P(0)));
        await FindingAsync(grainVisit, grain, 3, "No list of entitled households is posted; the ration norms are on a torn sheet.", petrogradFood, Who(P(0)),
            (FindingState.Acknowledged, new DateOnly(1919, 2, 12), null, null));
        // Narva Gate shop, 17 February: prices above the fixed ones, fixed and verified by a second member.
        await FindingAsync(shopVisit, shop, 1, "Millet priced above the fixed price; no price list posted.", petrogradFood, Who(P(2)),
            (FindingState.ReportedFixed, new DateOnly(1919, 2, 19), Who(P(2)), "Price list posted; the shop committee corrected the prices."),
            (FindingState.VerifiedFixed, new DateOnly(1919, 2, 21), Who(P(3)), "Re-inspected: fixed prices posted and charged."));
        // Presnya yard, 20 February: one in progress and overdue (escalated twice), one reported fixed awaiting verification, one closed not fixed.
        await FindingAsync(fuelVisit, fuel, 1, "Firewood stacked against the boiler-house wall, within a sazhen of the stove flue.", moscowFuel, Who(M(0)),
            (FindingState.Acknowledged, new DateOnly(1919, 2, 21), null, null),
            (FindingState.InProgress, new DateOnly(1919, 2, 22), null, "Carters promised for next week."));
        await FindingAsync(fuelVisit, fuel, 2, "The delivery book shows 40 cubic sazhens more firewood than the yard holds.", moscowFuel, Who(M(0)),
            (FindingState.ReportedFixed, new DateOnly(1919, 2, 26), Who(M(1)), "Book reconciled; the shortfall reported to the section."));
        await FindingAsync(fuelVisit, fuel, 3, "No fire buckets or sand anywhere in the yard.", moscowFuel, Who(M(0)),
            (FindingState.ClosedNotFixed, new DateOnly(1919, 2, 27), null, "The yard is to be closed and its stock moved to Khodynka."));
    }
}
