using Rally.Features.Accounts;

namespace Rally.Tests.Features.Accounts;

/// <summary>
/// Grant inheritance over a small tree whose ids are chosen to trap a naive prefix match:
/// federation /1/, union A /1/5/ (branch /1/5/7/, workplace /1/5/7/9/), union B /1/50/ (branch /1/50/51/), union C /1/6/.
/// </summary>
public class AccessRulesTests
{
    const string Federation = "/1/", UnionA = "/1/5/", BranchA = "/1/5/7/", WorkplaceA = "/1/5/7/9/", UnionB = "/1/50/", BranchB = "/1/50/51/", UnionC = "/1/6/";

    static int nextId;

    static Grant On(string role, string? path) =>
        new(Interlocked.Increment(ref nextId), role, path is null ? null : OrgPathIds(path), path, path is null ? null : "U" + path.Replace("/", "-", StringComparison.Ordinal));

    static int OrgPathIds(string path) => Rally.Features.OrgUnits.OrgPath.Ids(path).Last();

    [Theory]
    [InlineData(UnionA)]
    [InlineData(BranchA)]
    [InlineData(WorkplaceA)]
    public void A_grant_on_a_unit_holds_for_the_unit_and_its_whole_subtree(string path)
    {
        Assert.True(AccessRules.Allows([On(Roles.Organizer, UnionA)], Roles.Organizer, path));
    }

    [Theory]
    [InlineData(Federation)] // the parent
    [InlineData(UnionB)] // a sibling whose id starts with the same digit
    [InlineData(BranchB)]
    [InlineData(UnionC)]
    [InlineData(null)] // the whole federation
    public void A_grant_on_a_unit_does_not_hold_for_its_ancestors_siblings_or_the_federation_as_a_whole(string? path)
    {
        Assert.False(AccessRules.Allows([On(Roles.Administrator, UnionA)], Roles.Viewer, path));
    }

    [Fact]
    public void A_grant_on_a_branch_does_not_reach_up_to_its_union()
    {
        Assert.False(AccessRules.Allows([On(Roles.Officer, BranchA)], Roles.Viewer, UnionA));
        Assert.True(AccessRules.Allows([On(Roles.Officer, BranchA)], Roles.Viewer, WorkplaceA));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Federation)]
    [InlineData(UnionA)]
    [InlineData(BranchB)]
    public void A_grant_without_a_unit_covers_everything(string? path)
    {
        Assert.True(AccessRules.Allows([On(Roles.Viewer, null)], Roles.Viewer, path));
    }

    [Theory]
    // granted,              asked,               allowed
    [InlineData(Roles.Viewer, Roles.Viewer, true)]
    [InlineData(Roles.Viewer, Roles.Organizer, false)]
    [InlineData(Roles.Organizer, Roles.Viewer, true)]
    [InlineData(Roles.Organizer, Roles.Organizer, true)]
    [InlineData(Roles.Organizer, Roles.Officer, false)]
    [InlineData(Roles.Officer, Roles.Organizer, true)]
    [InlineData(Roles.Officer, Roles.Administrator, false)]
    [InlineData(Roles.Administrator, Roles.Viewer, true)]
    [InlineData(Roles.Administrator, Roles.Officer, true)]
    [InlineData(Roles.Administrator, Roles.Administrator, true)]
    public void A_role_includes_the_roles_below_it_and_not_those_above(string granted, string asked, bool allowed)
    {
        Assert.Equal(allowed, AccessRules.Allows([On(granted, UnionA)], asked, BranchA));
        Assert.Equal(allowed, AccessRules.Allows([On(granted, null)], asked, BranchA));
    }

    [Fact]
    public void An_unknown_role_grants_nothing_and_asks_for_nothing_anyone_has()
    {
        Assert.False(AccessRules.Allows([On("superuser", null)], Roles.Viewer, UnionA));
        Assert.Equal(0, Roles.Rank("superuser"));
        Assert.Equal(0, Roles.Rank("Administrator")); // roles are lower-case codes
        Assert.False(Roles.IsRole(null));
        Assert.False(Roles.IsRole(""));
    }

    [Fact]
    public void Role_ranks_are_viewer_organizer_officer_administrator()
    {
        Assert.Equal([1, 2, 3, 4], new[] { Roles.Viewer, Roles.Organizer, Roles.Officer, Roles.Administrator }.Select(Roles.Rank));
        Assert.Equal([Roles.Administrator, Roles.Officer, Roles.Organizer, Roles.Viewer], Roles.All);
        Assert.All(Roles.All, r => Assert.True(Roles.IsRole(r)));
    }

    [Fact]
    public void No_grants_allow_nothing()
    {
        Assert.False(AccessRules.Allows([], Roles.Viewer, UnionA));
        Assert.False(AccessRules.Allows([], Roles.Viewer, null));
        Assert.Equal([], AccessRules.Paths([], Roles.Viewer));
    }

    [Fact]
    public void A_weak_grant_on_a_wide_scope_does_not_lend_its_scope_to_a_strong_grant_on_a_narrow_one()
    {
        // Viewer everywhere, officer in union A only: officer rights stop at union A.
        Grant[] grants = [On(Roles.Viewer, null), On(Roles.Officer, UnionA)];
        Assert.True(AccessRules.Allows(grants, Roles.Viewer, UnionB));
        Assert.True(AccessRules.Allows(grants, Roles.Officer, BranchA));
        Assert.False(AccessRules.Allows(grants, Roles.Officer, UnionB));
        Assert.Null(AccessRules.Paths(grants, Roles.Viewer));
        Assert.Equal([UnionA], AccessRules.Paths(grants, Roles.Officer));
        Assert.Equal([], AccessRules.Paths(grants, Roles.Administrator));
    }

    [Fact]
    public void Paths_is_null_when_a_strong_enough_grant_covers_the_whole_federation()
    {
        Assert.Null(AccessRules.Paths([On(Roles.Organizer, UnionA), On(Roles.Organizer, null)], Roles.Organizer));
    }

    [Fact]
    public void Paths_folds_nested_grants_into_their_ancestor_whatever_their_order()
    {
        Assert.Equal([UnionA], AccessRules.Paths([On(Roles.Viewer, WorkplaceA), On(Roles.Viewer, UnionA), On(Roles.Viewer, BranchA)], Roles.Viewer));
    }

    [Fact]
    public void Paths_keeps_siblings_apart_even_when_one_id_is_a_prefix_of_the_other()
    {
        var paths = AccessRules.Paths([On(Roles.Viewer, UnionB), On(Roles.Viewer, UnionA), On(Roles.Viewer, BranchB)], Roles.Viewer)!;
        Assert.Equal([UnionA, UnionB], paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Paths_lists_a_unit_granted_twice_once()
    {
        Assert.Equal([BranchB], AccessRules.Paths([On(Roles.Viewer, BranchB), On(Roles.Officer, BranchB)], Roles.Viewer));
    }

    [Fact]
    public void Paths_leaves_out_grants_below_the_asked_role()
    {
        Assert.Equal([BranchB], AccessRules.Paths([On(Roles.Viewer, UnionB), On(Roles.Organizer, BranchB)], Roles.Organizer));
    }
}
