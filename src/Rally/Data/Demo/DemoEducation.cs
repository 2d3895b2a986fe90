using Microsoft.EntityFrameworkCore;
using Rally.Features.Education;
using Rally.Features.Members;
using static Rally.Data.Demo.Federation1919;

namespace Rally.Data.Demo;

/// <summary>
/// The education part of the demonstration set, saved through the audited context after the
/// members: a lecture series at the metal workers' first works, a reading circle on the Labour
/// Code of 1918 at a textile mill, a practical training course in factory management for the
/// railway workshops (some sessions still planned after <see cref="Federation1919.Today"/>), and the
/// central council's bulletin handed out weekly at every railway workplace. Each enrolled member has
/// a steady likelihood of turning up, so that some complete and some drop away; completions are
/// then computed by the application's own rule. Deterministic: its own random stream, members
/// taken by id, nothing else read.
/// </summary>
static class DemoEducation
{
    sealed record Course(string Union, int Branch, int Workplace, string Kind, string Name, string Description, decimal Share,
        DateOnly StartsOn, DateOnly? EndsOn, int EveryDays, string Place, string[] Topics, int Enrol);

    static readonly Course[] Courses =
    [
        new("METAL", 0, 0, "lecture-series", "Lectures on the trade unions and the organisation of production",
            "Evening lectures at the works club on the unions' part in running industry, after the Second Congress of Trade Unions.",
            0.75m, new(1919, 1, 13), new(1919, 2, 24), 7, "Works club",
            ["The Second Congress of Trade Unions and its resolutions", "How the Supreme Economic Council is made up", "Factory committees and the unions",
             "Workers' control and accounting", "Labour discipline and output norms", "Wage scales and the tariff", "The unions and the Soviet state"], 60),
        new("TEXTILE", 0, 0, "reading-circle", "Reading circle on the Labour Code of 1918",
            "A circle that reads the Code of Labour Laws of December 1918 chapter by chapter and discusses it against practice at the mill.",
            0.6m, new(1918, 12, 16), null, 14, "Mill reading room",
            ["Who is obliged to work: the general provisions", "Hiring through the labour exchanges", "Transfer and dismissal", "Pay and the wage norms",
             "The working day and rest", "Protection of women and young workers"], 25),
        new("RAIL", 0, 1, "management-training", "Practical training in workshop management",
            "Members who will take duties on supply and control commissions learn stock-keeping, output accounting and inspection on the workshops' own books.",
            0.75m, new(1919, 1, 20), new(1919, 3, 31), 7, "Workshops' office",
            ["Reading the stock books", "Accounting for fuel and metal", "Output norms and their checking", "Inspecting a supply depot",
             "Drawing up a control report", "Costing a repair", "Working with the economic council", "Presenting the commission's findings"], 30),
    ];

    const string Bulletin = "Professionalny Vestnik";

    public static async Task<(int Programmes, int Sessions, int Enrolments, int Attendances, int Distributions)> SaveAsync(RallyDb db, DemoPlan plan, CancellationToken ct)
    {
        var random = new Random(DemoCommand.Seed + 4);
        var kinds = await db.ProgrammeKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Id, ct);
        var at = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        int sessionCount = 0, enrolmentCount = 0, attendanceCount = 0, distributionCount = 0;

        foreach (var course in Courses)
        {
            var union = plan.Unions.First(u => u.Spec.Code == course.Union);
            var local = union.Locals[Math.Min(course.Branch, union.Locals.Count - 1)];
            if (local.Workplaces.Count == 0) continue;
            var workplace = local.Workplaces[Math.Min(course.Workplace, local.Workplaces.Count - 1)];
            var programme = new Programme
            {
                Name = course.Name, KindId = kinds[course.Kind], OrgUnitId = local.Unit.Id, Description = course.Description,
                CompletionShare = course.Share, StartsOn = course.StartsOn, EndsOn = course.EndsOn, CreatedAt = at, CreatedBy = "demo",
            };
            db.Programmes.Add(programme);
            await db.SaveChangesAsync(ct);

            var sessions = course.Topics.Select((topic, i) => new EducationSession
            {
                ProgrammeId = programme.Id, HeldOn = course.StartsOn.AddDays(i * course.EveryDays), Topic = topic, Place = course.Place,
                Materials = i % 2 == 0 ? "Pamphlet handed out at the session" : null,
            }).Where(s => course.EndsOn is not { } end || s.HeldOn <= end).ToList();
            db.EducationSessions.AddRange(sessions);
            await db.SaveChangesAsync(ct);
            sessionCount += sessions.Count;

            var members = await db.Members.AsNoTracking()
                .Where(m => m.WorkplaceId == workplace.Id && m.Status == MemberRules.Active && m.ArchivedAt == null)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(course.Enrol).ToListAsync(ct);
            foreach (var memberId in members)
            {
                db.Enrolments.Add(new Enrolment { ProgrammeId = programme.Id, MemberId = memberId, EnrolledOn = course.StartsOn.AddDays(-random.Next(1, 8)), RecordedAt = at, RecordedBy = "demo" });
                // Each member's steady likelihood of coming: a keen core, a middle, and some who drop away.
                var keen = random.NextDouble() switch { < 0.35 => 0.95, < 0.75 => 0.7, _ => 0.35 };
                foreach (var session in sessions.Where(s => s.HeldOn <= Today))
                    if (random.NextDouble() < keen)
                    {
                        db.Attendances.Add(new Attendance { SessionId = session.Id, MemberId = memberId, RecordedAt = at, RecordedBy = "demo" });
                        attendanceCount++;
                    }
            }
            enrolmentCount += members.Count;
            await db.SaveChangesAsync(ct);
            await Completions.RecomputeAsync(db, programme.Id, ct);

            // The course's pamphlets at its workplace.
            db.Distributions.Add(new Distribution
            {
                ProgrammeId = programme.Id, Title = $"Pamphlet: {course.Topics[0]}", WorkplaceId = workplace.Id, DistributedOn = course.StartsOn,
                Copies = Math.Max(10, members.Count * 2), RecordedAt = at, RecordedBy = "demo",
            });
            distributionCount++;
        }

        // The bulletin of the central council, every Monday of 1919 so far at each railway workplace.
        var rail = plan.Unions.First(u => u.Spec.Code == "RAIL");
        var newspaper = new Programme
        {
            Name = $"{Bulletin}: distribution on the railways", KindId = kinds["newspaper"], OrgUnitId = rail.Unit.Id,
            Description = "The bulletin of the All-Russia Central Council of Trade Unions, handed out weekly at the depots, workshops and stations.",
            CompletionShare = 0.75m, StartsOn = new(1919, 1, 6), CreatedAt = at, CreatedBy = "demo",
        };
        db.Programmes.Add(newspaper);
        await db.SaveChangesAsync(ct);
        var workplaces = rail.Locals.SelectMany(l => l.Workplaces).ToList();
        var issue = 1;
        for (var day = new DateOnly(1919, 1, 6); day <= Today; day = day.AddDays(7), issue++)
            foreach (var w in workplaces)
            {
                db.Distributions.Add(new Distribution
                {
                    ProgrammeId = newspaper.Id, Title = $"{Bulletin} No. {issue}", WorkplaceId = w.Id, DistributedOn = day,
                    Copies = 20 + random.Next(0, 60), RecordedAt = at, RecordedBy = "demo",
                });
                distributionCount++;
            }
        await db.SaveChangesAsync(ct);
        return (Courses.Length + 1, sessionCount, enrolmentCount, attendanceCount, distributionCount);
    }
}
