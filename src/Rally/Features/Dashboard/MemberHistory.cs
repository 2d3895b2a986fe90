namespace Rally.Features.Dashboard;

/// <summary>
/// What the dashboard needs to know about one member, every part dated: the unit they belonged to
/// (from the audit trail's moves), their status changes, the posts they held, their engagement
/// assessments and their schooling. <see cref="StateOn"/> says where they stood on a day.
/// </summary>
public sealed class MemberHistory
{
    public int MemberId { get; init; }
    public int CategoryId { get; init; }
    /// <summary>The unit from each date on, sorted; the first entry holds from <see cref="DateOnly.MinValue"/>.</summary>
    public List<(DateOnly From, int UnitId)> Units { get; } = [];
    /// <summary>Status changes in the order they took effect (date, then the order recorded): whether the member was in good standing from then on.</summary>
    public List<(DateOnly On, bool GoodStanding)> Statuses { get; } = [];
    public List<Held> Posts { get; } = [];
    /// <summary>Engagement assessments in the order made (date, then the order recorded).</summary>
    public List<(DateOnly On, int Level)> Assessments { get; } = [];
    public List<(DateOnly EnrolledOn, DateOnly? CompletedOn)> Schooling { get; } = [];

    public readonly record struct Held(DateOnly StartsOn, DateOnly? EndsOn, int RungId, int Position)
    {
        public bool On(DateOnly d) => StartsOn <= d && (EndsOn is null || d <= EndsOn);
    }

    /// <summary>Where the member stood on day <paramref name="d"/>.</summary>
    public readonly record struct State(int UnitId, bool GoodStanding, int? RungId, int Level, bool Enrolled, bool Completed)
    {
        public bool Participating => RungId is not null;
    }

    public int UnitOn(DateOnly d)
    {
        var unit = Units.Count == 0 ? 0 : Units[0].UnitId;
        foreach (var (from, id) in Units)
            if (from <= d) unit = id; else break;
        return unit;
    }

    public State StateOn(DateOnly d)
    {
        var good = false;
        foreach (var (on, standing) in Statuses)
            if (on <= d) good = standing; else break;
        // Counted once, on the highest rung held that day, so the rungs add up to the participants.
        int? rung = null;
        var position = 0;
        foreach (var p in Posts)
            if (p.On(d) && p.Position > position) (rung, position) = (p.RungId, p.Position);
        var level = 0;
        foreach (var (on, l) in Assessments)
            if (on <= d) level = l; else break;
        var enrolled = Schooling.Any(s => s.EnrolledOn <= d);
        var completed = Schooling.Any(s => s.CompletedOn is { } c && c <= d);
        return new(UnitOn(d), good, rung, level, enrolled, completed);
    }

    /// <summary>The days on which the state may change (an assignment ending on d changes it on d + 1).</summary>
    public IEnumerable<DateOnly> ChangeDays()
    {
        foreach (var u in Units.Skip(1)) yield return u.From;
        foreach (var s in Statuses) yield return s.On;
        foreach (var p in Posts)
        {
            yield return p.StartsOn;
            if (p.EndsOn is { } e && e < DateOnly.MaxValue) yield return e.AddDays(1);
        }
        foreach (var a in Assessments) yield return a.On;
        foreach (var s in Schooling)
        {
            yield return s.EnrolledOn;
            if (s.CompletedOn is { } c) yield return c;
        }
    }

    /// <summary>
    /// Assignments that took the member to a rung above every rung they had held before (a first post is
    /// not a move up), on or before <paramref name="asOf"/>: the day and the rung reached.
    /// </summary>
    public IEnumerable<(DateOnly On, int RungId)> MovesUp(DateOnly asOf)
    {
        var ordered = Posts.OrderBy(p => p.StartsOn).ThenBy(p => p.Position).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var p = ordered[i];
            if (p.StartsOn > asOf) break;
            var before = ordered.Where(q => q.StartsOn < p.StartsOn).Select(q => q.Position).DefaultIfEmpty(0).Max();
            if (before > 0 && p.Position > before) yield return (p.StartsOn, p.RungId);
        }
    }
}
