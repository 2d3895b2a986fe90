using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>
/// The members named by a call that records something for one member or many (enrolment, attendance,
/// structure-test participation) — one, or a pasted list of membership numbers (or ids) — found among
/// those the caller may see, and each either accepted or rejected with its reason.
/// </summary>
public static class MemberEntries
{
    /// <summary>Entries per call, unless the use case says otherwise.</summary>
    public const int MaxEntries = 5_000;

    public static class Reasons
    {
        public const string Unknown = "unknown";
        public const string OutsideUnit = "outside-unit";
        public const string NotActive = "not-active";
        public const string OutsideGrants = "outside-grants";
        public const string NotEnrolled = "not-enrolled";
    }

    public sealed record Rejection(string Entry, string Reason, string Message);

    public sealed record Found(int Id, string MembershipNumber, string Name, string Path, string Status, bool Archived);

    /// <summary>A membership number (<paramref name="IsId"/> false; an all-digit one may also be an id) or an id.</summary>
    public sealed record Entry(string Text, bool IsId)
    {
        public int? Id => int.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    /// <summary>A string is a membership number (or an id, if no number matches); a JSON number is an id.</summary>
    public static Entry? Of(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String when !string.IsNullOrWhiteSpace(e.GetString()) => new(e.GetString()!.Trim(), false),
        JsonValueKind.Number when e.TryGetInt32(out var id) => new(id.ToString(CultureInfo.InvariantCulture), true),
        _ => null,
    };

    /// <summary>Checks a list of entries; adds an error on <c>members</c> when it is unusable.</summary>
    public static List<Entry> Parse(List<JsonElement>? members, FieldErrors errors, int max = MaxEntries)
    {
        var entries = (members ?? []).Select(Of).ToList();
        if (entries.Count == 0) errors.Add("members", "members is required: a list of membership numbers or member ids.");
        else if (entries.Count > max) errors.Add("members", $"members takes at most {max:N0} entries per call.");
        else if (entries.Any(e => e is null)) errors.Add("members", "Every entry of members must be a membership number (a string) or a member id (a number).");
        return entries.OfType<Entry>().ToList();
    }

    /// <summary>Membership numbers pasted one per line, as JSON strings.</summary>
    public static List<JsonElement> Pasted(string? pasted) =>
        (pasted ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.SerializeToElement(l)).ToList();

    public sealed class Index(List<Found> found)
    {
        readonly Dictionary<string, Found> byNumber = found.DistinctBy(f => f.Id).ToDictionary(f => f.MembershipNumber, StringComparer.Ordinal);
        readonly Dictionary<int, Found> byId = found.DistinctBy(f => f.Id).ToDictionary(f => f.Id);

        public Found? Of(Entry e) =>
            (e.IsId ? null : byNumber.GetValueOrDefault(e.Text)) ?? (e.Id is { } id ? byId.GetValueOrDefault(id) : null);
    }

    /// <summary>The members the entries name, among those the caller may see at all.</summary>
    public static async Task<Index> FindAsync(RallyDb db, Caller caller, IReadOnlyCollection<Entry> entries, CancellationToken ct)
    {
        var numbers = entries.Where(e => !e.IsId).Select(e => e.Text).Distinct().ToList();
        var ids = entries.Select(e => e.Id).OfType<int>().Distinct().ToList();
        var members = (await caller.MembersAsync(Roles.Viewer, ct)).AsNoTracking();
        var found = new List<Found>();
        foreach (var chunk in numbers.Chunk(1000))
            found.AddRange(await members.Where(m => chunk.Contains(m.MembershipNumber))
                .Select(m => new Found(m.Id, m.MembershipNumber, m.FirstName + " " + m.LastName, m.OrgUnit.Path, m.Status, m.ArchivedAt != null)).ToListAsync(ct));
        foreach (var chunk in ids.Chunk(1000))
            found.AddRange(await members.Where(m => chunk.Contains(m.Id))
                .Select(m => new Found(m.Id, m.MembershipNumber, m.FirstName + " " + m.LastName, m.OrgUnit.Path, m.Status, m.ArchivedAt != null)).ToListAsync(ct));
        return new Index(found);
    }

    /// <summary>
    /// Whether the caller may act for the member in <paramref name="what"/> (a programme, a test) held in the unit at
    /// <paramref name="unitPath"/>: unknown (or out of sight), outside that unit, not an active member, or outside the
    /// caller's grants of <paramref name="role"/>.
    /// </summary>
    public static (Found? Member, Rejection? Rejection) Classify(Entry entry, Index found, string unitPath, IReadOnlyList<Grant> grants, string role, string what)
    {
        var shown = entry.Text;
        var member = found.Of(entry);
        if (member is null)
            return (null, new(shown, Reasons.Unknown, entry.IsId ? $"There is no member {shown}." : $"There is no member with membership number '{shown}'."));
        if (!OrgPath.Contains(unitPath, member.Path))
            return (null, new(shown, Reasons.OutsideUnit, $"Member {member.MembershipNumber} is not in the {what}'s unit."));
        if (member.Archived || member.Status != MemberRules.Active)
            return (null, new(shown, Reasons.NotActive, $"Member {member.MembershipNumber} is not an active member (status {member.Status}{(member.Archived ? ", archived" : "")})."));
        if (!AccessRules.Allows(grants, role, member.Path))
            return (null, new(shown, Reasons.OutsideGrants, $"This needs the {role} role on member {member.MembershipNumber}'s union or branch."));
        return (member, null);
    }

    /// <summary>A single-member call's refusal: out of sight is 404, outside the grants 403, the rest 400 on <c>member</c>.</summary>
    public static Outcome<T> Refuse<T>(Rejection rejection) => rejection.Reason switch
    {
        Reasons.Unknown => Outcome<T>.NotFound(rejection.Message),
        Reasons.OutsideGrants => Outcome<T>.Forbidden(rejection.Message),
        _ => Outcome<T>.Invalid("member", rejection.Message),
    };
}
