namespace Rally.Features.Imports;

/// <summary>What one key of a row found among existing members: nobody, one member, or several (Ambiguous, MemberId is one of them).</summary>
public readonly record struct Hit(int MemberId, bool Ambiguous = false)
{
    public static readonly Hit None = default;
    public bool Found => MemberId != 0;
    public static Hit One(int id) => new(id);
    public static Hit Many(int id) => new(id, true);
}

public enum MatchKind { Insert, Update, Review }

/// <summary>The decision for a row: insert it, update member <see cref="MemberId"/>, or send it to review with <see cref="MemberId"/> as the candidate.</summary>
public readonly record struct MatchDecision(MatchKind Kind, int MemberId = 0, string? Reason = null)
{
    public static readonly MatchDecision Insert = new(MatchKind.Insert);
    public static MatchDecision Update(int id) => new(MatchKind.Update, id);
    public static MatchDecision Review(int id, string reason) => new(MatchKind.Review, id, reason);
}

/// <summary>How a candidate's contact details compare with the row's: each is true only when both sides have a value and they differ.</summary>
public readonly record struct ContactDiff(bool EmailDiffers, bool PhoneDiffers);

/// <summary>
/// Which existing member a row is, by membership number, then e-mail (case-insensitive), then phone
/// (digits only), then normalised name + date of birth. A match is taken only when nothing
/// contradicts it; contradictions go to review, never to a silent merge:
/// <list type="bullet">
/// <item>a key that several members share;</item>
/// <item>the number names one member while the e-mail or phone names another;</item>
/// <item>the number is new but the e-mail, phone or name + date of birth is an existing member's;</item>
/// <item>without a number, the e-mail and phone name different members;</item>
/// <item>a match by phone whose member has a different e-mail, or by name + date of birth whose member has a different e-mail or phone.</item>
/// </list>
/// Name + date of birth never outweighs a stronger key: with a number, e-mail or phone match it is not consulted.
/// </summary>
public static class ImportMatching
{
    /// <param name="numberGiven">the row has a membership number</param>
    /// <param name="contact">how a candidate's e-mail and phone compare with the row's</param>
    public static MatchDecision Decide(bool numberGiven, Hit number, Hit email, Hit phone, Hit nameDob, Func<int, ContactDiff> contact)
    {
        foreach (var (hit, key) in new[] { (number, "membership number"), (email, "email"), (phone, "phone") })
            if (hit.Ambiguous) return MatchDecision.Review(hit.MemberId, $"{key} matches more than one member");

        if (number.Found)
        {
            var a = number.MemberId;
            if (email.Found && email.MemberId != a) return MatchDecision.Review(a, $"membership number matches member {a} but email matches member {email.MemberId}");
            if (phone.Found && phone.MemberId != a) return MatchDecision.Review(a, $"membership number matches member {a} but phone matches member {phone.MemberId}");
            return MatchDecision.Update(a);
        }
        if (numberGiven)
        {
            if (email.Found) return MatchDecision.Review(email.MemberId, $"new membership number but email matches member {email.MemberId}");
            if (phone.Found) return MatchDecision.Review(phone.MemberId, $"new membership number but phone matches member {phone.MemberId}");
            if (nameDob.Found) return MatchDecision.Review(nameDob.MemberId, $"new membership number but name and date of birth match member {nameDob.MemberId}");
            return MatchDecision.Insert;
        }
        if (email.Found)
        {
            var a = email.MemberId;
            if (phone.Found && phone.MemberId != a) return MatchDecision.Review(a, $"email matches member {a} but phone matches member {phone.MemberId}");
            return MatchDecision.Update(a);
        }
        if (phone.Found)
        {
            var a = phone.MemberId;
            if (contact(a).EmailDiffers) return MatchDecision.Review(a, $"phone matches member {a} but the email differs");
            return MatchDecision.Update(a);
        }
        if (nameDob.Found)
        {
            var a = nameDob.MemberId;
            if (nameDob.Ambiguous) return MatchDecision.Review(a, "name and date of birth match more than one member");
            var diff = contact(a);
            if (diff.EmailDiffers) return MatchDecision.Review(a, $"name and date of birth match member {a} but the email differs");
            if (diff.PhoneDiffers) return MatchDecision.Review(a, $"name and date of birth match member {a} but the phone differs");
            return MatchDecision.Update(a);
        }
        return MatchDecision.Insert;
    }
}
