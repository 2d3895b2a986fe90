using System.Net;

namespace Rally.IntegrationTests.Members;

/// <summary>The member list reads only: searches, filters, sorting, paging and scope over the seeded federation.</summary>
public class MemberListTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_organizer_scoped_to_union_A_sees_exactly_its_members(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("organizer", OrgTree.UnionA, Ct);
        var page = await client.GetJsonAsync("/api/v1/members", Ct);
        // Alekseeva (UA), Belov and Volkova (UA-1); Gromov and Denisova are in union B.
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(["Alekseeva", "Belov", "Volkova"], page.GetProperty("items").Strings("lastName"));
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());

        // Searching for B's member by name or number finds nothing and counts nothing.
        var search = await client.GetJsonAsync("/api/v1/members?search=gro", Ct);
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        search = await client.GetJsonAsync("/api/v1/members?search=B-0001", Ct);
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        // Filtering on B's subtree is an empty intersection, not a way round the scope.
        search = await client.GetJsonAsync($"/api/v1/members?orgUnit={OrgTree.UnionB}", Ct);
        Assert.Equal(0, search.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_member_outside_the_grants_is_not_found_for_every_verb(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("officer", OrgTree.UnionA, Ct);
        var gromov = app.Org.Members["gromov"].Id;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/members/{gromov}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/members/{gromov}",
            new { firstName = "X", lastName = "Y", category = "industrial", orgUnit = OrgTree.UnionA, membershipNumber = "B-0001" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{gromov}", new { lastName = "Y" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/members/{gromov}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/members/{gromov}/status-changes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/members/{gromov}/status-changes", new { status = "lapsed" }, Ct)).StatusCode);
        // The same answer as for a member who does not exist at all.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/members/999999", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Search_filters_and_sort_are_done_on_the_server(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("viewer", null, Ct);
        async Task<string[]> Names(string query) => (await client.GetJsonAsync("/api/v1/members?" + query, Ct)).GetProperty("items").Strings("lastName");

        Assert.Equal(["Alekseeva", "Belov", "Denisova", "Gromov", "Volkova"], await Names(""));
        Assert.Equal(["Volkova"], await Names("search=VOL"));          // surname prefix, any case
        Assert.Equal(["Denisova"], await Names("search=darya"));       // given name prefix
        Assert.Equal(["Denisova", "Gromov"], await Names("search=b-00")); // membership number prefix
        Assert.Equal(["Belov"], await Names("search=boris%20bel"));    // every word must match
        Assert.Equal(["Belov", "Volkova"], await Names($"orgUnit={OrgTree.BranchA}"));
        Assert.Equal(["Alekseeva", "Belov", "Volkova"], await Names($"orgUnit={OrgTree.UnionA}"));
        Assert.Equal(["Denisova", "Volkova"], await Names("category=domestic"));
        Assert.Equal(["Volkova"], await Names("status=lapsed"));
        Assert.Equal(["Denisova", "Volkova"], await Names("status=lapsed,applicant"));
        Assert.Equal(["Belov"], await Names($"workplace={OrgTree.WorkplaceA}"));
        Assert.Equal(["Volkova", "Gromov", "Denisova", "Belov", "Alekseeva"], await Names("sort=-lastName"));
        Assert.Equal(["Alekseeva", "Belov", "Volkova", "Gromov", "Denisova"], await Names("sort=membershipNumber"));

        var page2 = await client.GetJsonAsync("/api/v1/members?pageSize=2&page=2", Ct);
        Assert.Equal(["Denisova", "Gromov"], page2.GetProperty("items").Strings("lastName"));
        Assert.Equal(5, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_list_parameters_are_400s_naming_the_parameter(string provider)
    {
        var app = await fixture.For(provider);
        var client = await app.ClientAsAsync("viewer", null, Ct);
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members?sort=shoeSize", Ct), Ct, "sort");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members?pageSize=0", Ct), Ct, "pageSize");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members?pageSize=100000", Ct), Ct, "pageSize");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members?page=0", Ct), Ct, "page");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members?category=nobility", Ct), Ct, "category");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members?status=retired", Ct), Ct, "status");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members?orgUnit=NOWHERE", Ct), Ct, "orgUnit");
        await Json.AssertFieldErrors(await client.GetAsync("/api/v1/members?workplace=NOWHERE", Ct), Ct, "workplace");
    }
}
