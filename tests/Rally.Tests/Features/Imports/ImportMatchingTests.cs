using Rally.Features.Imports;

namespace Rally.Tests.Features.Imports;

/// <summary>
/// The matching rule against cases worked out by hand. Members: 1 and 2 exist; "contact" says
/// how a candidate's e-mail and phone compare with the row's.
/// </summary>
public class ImportMatchingTests
{
    static readonly Func<int, ContactDiff> Same = _ => new(false, false);
    static readonly Func<int, ContactDiff> OtherEmail = _ => new(true, false);
    static readonly Func<int, ContactDiff> OtherPhone = _ => new(false, true);

    static MatchDecision Decide(bool numberGiven, Hit number, Hit email, Hit phone, Hit nameDob, Func<int, ContactDiff>? contact = null) =>
        ImportMatching.Decide(numberGiven, number, email, phone, nameDob, contact ?? Same);

    [Fact]
    public void Nothing_matches_a_new_row_is_inserted() =>
        Assert.Equal(MatchDecision.Insert, Decide(true, Hit.None, Hit.None, Hit.None, Hit.None));

    [Fact]
    public void A_row_without_any_key_is_inserted() =>
        Assert.Equal(MatchDecision.Insert, Decide(false, Hit.None, Hit.None, Hit.None, Hit.None));

    [Fact]
    public void The_membership_number_alone_updates_its_member() =>
        Assert.Equal(MatchDecision.Update(1), Decide(true, Hit.One(1), Hit.None, Hit.None, Hit.None));

    [Fact]
    public void Number_and_email_of_the_same_member_update_it() =>
        Assert.Equal(MatchDecision.Update(1), Decide(true, Hit.One(1), Hit.One(1), Hit.One(1), Hit.One(1)));

    [Fact]
    public void A_changed_email_with_a_matching_number_is_an_update_not_a_conflict() =>
        // The number names member 1; the new e-mail names nobody; member 1's e-mail differs: the number is the stronger key.
        Assert.Equal(MatchDecision.Update(1), Decide(true, Hit.One(1), Hit.None, Hit.None, Hit.None, OtherEmail));

    [Fact]
    public void Number_of_one_member_and_email_of_another_go_to_review()
    {
        var d = Decide(true, Hit.One(1), Hit.One(2), Hit.None, Hit.None);
        Assert.Equal(MatchKind.Review, d.Kind);
        Assert.Equal(1, d.MemberId);
        Assert.Equal("membership number matches member 1 but email matches member 2", d.Reason);
    }

    [Fact]
    public void Number_of_one_member_and_phone_of_another_go_to_review() =>
        Assert.Equal(MatchDecision.Review(1, "membership number matches member 1 but phone matches member 2"), Decide(true, Hit.One(1), Hit.One(1), Hit.One(2), Hit.None));

    [Fact]
    public void Name_and_birth_date_of_another_member_do_not_outweigh_the_number() =>
        Assert.Equal(MatchDecision.Update(1), Decide(true, Hit.One(1), Hit.None, Hit.None, Hit.One(2)));

    [Fact]
    public void A_new_number_with_an_existing_email_goes_to_review() =>
        Assert.Equal(MatchDecision.Review(2, "new membership number but email matches member 2"), Decide(true, Hit.None, Hit.One(2), Hit.None, Hit.None));

    [Fact]
    public void A_new_number_with_an_existing_name_and_birth_date_goes_to_review() =>
        Assert.Equal(MatchDecision.Review(2, "new membership number but name and date of birth match member 2"), Decide(true, Hit.None, Hit.None, Hit.None, Hit.One(2)));

    [Fact]
    public void Without_a_number_the_email_updates_its_member() =>
        Assert.Equal(MatchDecision.Update(2), Decide(false, Hit.None, Hit.One(2), Hit.None, Hit.None));

    [Fact]
    public void Without_a_number_email_and_phone_of_different_members_go_to_review() =>
        Assert.Equal(MatchDecision.Review(1, "email matches member 1 but phone matches member 2"), Decide(false, Hit.None, Hit.One(1), Hit.One(2), Hit.None));

    [Fact]
    public void The_phone_updates_its_member_when_the_emails_agree_or_one_is_missing() =>
        Assert.Equal(MatchDecision.Update(2), Decide(false, Hit.None, Hit.None, Hit.One(2), Hit.None));

    [Fact]
    public void The_phone_of_a_member_with_a_different_email_goes_to_review() =>
        Assert.Equal(MatchDecision.Review(2, "phone matches member 2 but the email differs"), Decide(false, Hit.None, Hit.None, Hit.One(2), Hit.None, OtherEmail));

    [Fact]
    public void Name_and_birth_date_alone_update_a_member_without_contradicting_contacts() =>
        Assert.Equal(MatchDecision.Update(1), Decide(false, Hit.None, Hit.None, Hit.None, Hit.One(1)));

    [Fact]
    public void Name_and_birth_date_with_a_different_email_go_to_review() =>
        Assert.Equal(MatchDecision.Review(1, "name and date of birth match member 1 but the email differs"), Decide(false, Hit.None, Hit.None, Hit.None, Hit.One(1), OtherEmail));

    [Fact]
    public void Name_and_birth_date_with_a_different_phone_go_to_review() =>
        Assert.Equal(MatchDecision.Review(1, "name and date of birth match member 1 but the phone differs"), Decide(false, Hit.None, Hit.None, Hit.None, Hit.One(1), OtherPhone));

    [Fact]
    public void Name_and_birth_date_shared_by_two_members_go_to_review() =>
        Assert.Equal(MatchDecision.Review(1, "name and date of birth match more than one member"), Decide(false, Hit.None, Hit.None, Hit.None, Hit.Many(1)));

    [Fact]
    public void An_email_shared_by_two_members_goes_to_review_even_with_a_matching_number() =>
        Assert.Equal(MatchDecision.Review(2, "email matches more than one member"), Decide(true, Hit.One(1), Hit.Many(2), Hit.None, Hit.None));
}
