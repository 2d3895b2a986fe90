using System.Net;
using Microsoft.EntityFrameworkCore;
using Rally.Features.Accounts;
using Rally.IntegrationTests.Accounts;

namespace Rally.IntegrationTests.Decisions;

/// <summary>/api/v1/placements, decision-kinds, decisions (record, cosign, reject, withdraw) and logbook/verify; today is 1919-03-01 by the pinned clock.</summary>
public class DecisionApiTests(PinnedClockFixture fixture) : IClassFixture<PinnedClockFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_placement_takes_a_specialist_and_overseers_who_hold_a_post_in_the_body(string provider)
    {
        var app = await fixture.For(provider);
        var s = await OversightScene.CreateAsync(app, Ct);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        object Body(int member, params int[] overseers) => new { memberId = member, bodyId = s.BodyId, role = "Chief engineer", startsOn = "1919-01-15", overseers };

        // A worker is not a specialist; a bystander holds no post; the engineer cannot oversee himself; a specialist does not oversee.
        await (await officer.Post("/api/v1/placements", Body(s.Worker1), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "memberId");
        await (await officer.Post("/api/v1/placements", Body(s.Engineer, s.Bystander), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "overseers[0]");
        await (await officer.Post("/api/v1/placements", Body(s.Engineer, s.Worker1, s.Engineer), Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "overseers[1]");
        await (await officer.Post("/api/v1/placements", new { memberId = s.Engineer, bodyId = s.BodyId, role = " ", startsOn = "15.01.1919" }, Ct))
            .ExpectProblem(HttpStatusCode.BadRequest, Ct, "role");
        // Refusals by role and scope: a viewer over the body may not place (403); an officer elsewhere does not see the body (404).
        await (await (await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionA, Ct)).Post("/api/v1/placements", Body(s.Engineer), Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await (await app.ClientAsAsync(Roles.Officer, OrgTree.UnionB, Ct)).Post("/api/v1/placements", Body(s.Engineer), Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);

        var covered = await s.PlaceAsync(officer, Ct, s.Worker1);
        var bare = await s.PlaceAsync(officer, Ct);
        var view = await (await officer.GetAsync($"/api/v1/placements/{covered}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(1, view.GetProperty("activeOverseers").GetInt32());
        Assert.False(view.GetProperty("uncovered").GetBoolean());
        var uncovered = await (await officer.GetAsync($"/api/v1/placements?state=uncovered&body={s.BodyId}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([bare], uncovered.Items().Select(i => i.GetProperty("id").GetInt32()));

        // The overseer's post ends yesterday: from today he is no longer a worker of the body, so the placement is flagged.
        await app.InScopeAsync(async (_, db) => await db.Assignments.Where(a => a.MemberId == s.Worker1).ExecuteUpdateAsync(x => x.SetProperty(a => a.EndsOn, new DateOnly(1919, 2, 28)), Ct));
        view = await (await officer.GetAsync($"/api/v1/placements/{covered}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.True(view.GetProperty("uncovered").GetBoolean());
        Assert.False(view.GetProperty("overseers")[0].GetProperty("active").GetBoolean());

        // Another overseer added through the API covers it again; the coverage report counts by body.
        await (await officer.Post($"/api/v1/placements/{covered}/overseers", new { memberId = s.Worker2 }, Ct)).Expect(HttpStatusCode.OK, Ct);
        await (await officer.Post($"/api/v1/placements/{covered}/overseers", new { memberId = s.Worker2 }, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        var coverage = await (await officer.GetAsync("/api/v1/placements/coverage", Ct)).Expect(HttpStatusCode.OK, Ct);
        var line = coverage.GetProperty("bodies").EnumerateArray().Single(b => b.GetProperty("bodyId").GetInt32() == s.BodyId);
        Assert.Equal(2, line.GetProperty("current").GetInt32());
        Assert.Equal(1, line.GetProperty("uncovered").GetInt32());

        // The engineer himself, a viewer over union B only, sees his placements through his member; a stranger does not.
        var own = await (await app.Client(s.EngineerUser.Token).GetAsync("/api/v1/placements?state=all", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(new[] { covered, bare }.Order(), own.Items().Select(i => i.GetProperty("id").GetInt32()).Order());
        await (await app.Client(s.BystanderUser.Token).GetAsync($"/api/v1/placements/{covered}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);

        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Placement" && a.EntityId == covered.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Contains("create", trail);
        Assert.Contains("overseer-create", trail);
        var created = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Placement" && a.EntityId == covered.ToString() && a.Action == "create").Select(a => a.Changes).SingleAsync(Ct));
        Assert.Contains($"\"memberId\":{{\"before\":null,\"after\":{s.Engineer}}}", created);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_ended_placement_takes_its_watches_with_it_and_no_decision_is_recorded_or_co_signed_after(string provider)
    {
        var app = await fixture.For(provider);
        var s = await OversightScene.CreateAsync(app, Ct);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var placement = await s.PlaceAsync(officer, Ct, s.Worker1);
        var engineer = app.Client(s.EngineerUser.Token);
        var pending = (await (await engineer.Post("/api/v1/decisions", new { placementId = placement, kind = "procurement", title = "Buy a lathe" }, Ct))
            .Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var url = $"/api/v1/placements/{placement}";

        // The wrong callers and bad dates (the placement began on 1919-01-15).
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().SendJsonAsync(HttpMethod.Patch, url, new { endsOn = "1919-02-28" }, Ct)).StatusCode);
        await (await (await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionA, Ct)).SendJsonAsync(HttpMethod.Patch, url, new { endsOn = "1919-02-28" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await (await app.ClientAsAsync(Roles.Officer, OrgTree.UnionB, Ct)).SendJsonAsync(HttpMethod.Patch, url, new { endsOn = "1919-02-28" }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await officer.SendJsonAsync(HttpMethod.Patch, url, new { endsOn = "1919-01-14" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "endsOn");
        await (await officer.SendJsonAsync(HttpMethod.Patch, url, new { endsOn = "28.02.1919" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "endsOn");

        // Ended yesterday: no longer under way, and the overseer's watch ended the same day.
        var ended = await (await officer.SendJsonAsync(HttpMethod.Patch, url, new { endsOn = "1919-02-28" }, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(("1919-02-28", false, "1919-02-28"), (ended.Str("endsOn"), ended.GetProperty("current").GetBoolean(), ended.GetProperty("overseers")[0].Str("endsOn")));
        Assert.Contains("1919-02-28", (await (await officer.SendJsonAsync(HttpMethod.Patch, url, new { endsOn = "1919-03-01" }, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct)).Str("detail"));

        // Nothing new is recorded for it, and what was pending stays without effect: its overseer is no longer active.
        await (await engineer.Post("/api/v1/decisions", new { placementId = placement, kind = "hiring", title = "Hire a stoker" }, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        await (await app.Client(s.Worker1User.Token).PostAsync($"/api/v1/decisions/{pending}/cosign", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);

        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Placement" && a.EntityId == placement.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Contains("update", trail);
        Assert.Contains("overseer-update", trail);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_procurement_decision_waits_for_an_overseer_and_nobody_signs_their_own(string provider)
    {
        var app = await fixture.For(provider);
        var s = await OversightScene.CreateAsync(app, Ct);
        var officerUser = await app.CreateUserAsync(Roles.Officer, OrgTree.UnionA, ct: Ct);
        var officer = app.Client(officerUser.Token);
        var placement = await s.PlaceAsync(officer, Ct, s.Worker1, s.Worker2);
        var engineer = app.Client(s.EngineerUser.Token);

        var recorded = await (await engineer.Post("/api/v1/decisions", new { placementId = placement, kind = "procurement", title = "Buy 40 poods of coal", details = "For the boiler house" }, Ct))
            .Expect(HttpStatusCode.Created, Ct);
        var id = recorded.GetProperty("id").GetInt64();
        Assert.Equal("pending", recorded.Str("status"));
        Assert.False(recorded.GetProperty("hasEffect").GetBoolean());
        Assert.Null(recorded.GetProperty("effectiveAt").GetString());

        // The same subject again, however spaced or cased, is a second pending duplicate; another kind is not.
        await (await engineer.Post("/api/v1/decisions", new { placementId = placement, kind = "procurement", title = "  buy 40 POODS of   coal " }, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        var note = await (await engineer.Post("/api/v1/decisions", new { placementId = placement, kind = "technical-note", title = "Buy 40 poods of coal" }, Ct)).Expect(HttpStatusCode.Created, Ct);
        Assert.Equal("in-effect", note.Str("status"));
        Assert.True(note.GetProperty("hasEffect").GetBoolean());
        await (await engineer.Post("/api/v1/decisions", new { placementId = placement, kind = "coronation", title = "x" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "kind");
        // Someone who is neither the specialist nor an officer over the body does not record for the placement.
        await (await app.Client(s.Worker1User.Token).Post("/api/v1/decisions", new { placementId = placement, kind = "hiring", title = "Hire a stoker" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await app.Client(s.BystanderUser.Token).Post("/api/v1/decisions", new { placementId = placement, kind = "hiring", title = "Hire a stoker" }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);

        // Refusals: the specialist co-signing his own (403, "own"); a worker who does not oversee it (403); an officer who oversees nothing (403).
        var self = await (await engineer.PostAsync($"/api/v1/decisions/{id}/cosign", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        Assert.Contains("own decision", self.Str("detail"));
        var bystanderView = app.Client(s.BystanderUser.Token);
        await (await bystanderView.PostAsync($"/api/v1/decisions/{id}/cosign", null, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        var nonOverseer = await (await officer.PostAsync($"/api/v1/decisions/{id}/cosign", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        Assert.Contains("overseer", nonOverseer.Str("detail"));
        await (await officer.Post($"/api/v1/decisions/{id}/reject", new { reason = "No" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);

        // What awaits the overseer; then the co-signature gives it effect.
        var worker1 = app.Client(s.Worker1User.Token);
        var awaiting = await (await worker1.GetAsync("/api/v1/decisions?awaiting=me", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal([id], awaiting.Items().Select(i => i.GetProperty("id").GetInt64()));
        var cosigned = await (await worker1.PostAsync($"/api/v1/decisions/{id}/cosign", null, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("co-signed", cosigned.Str("status"));
        Assert.True(cosigned.GetProperty("hasEffect").GetBoolean());
        Assert.Equal(s.Worker1, cosigned.GetProperty("signedByMemberId").GetInt32());
        Assert.Equal(PinnedClockFixture.Now, cosigned.GetProperty("effectiveAt").GetDateTimeOffset());
        // Not pending any more: a second co-signature or a rejection is a 409 naming the state.
        var again = await (await app.Client(s.Worker2User.Token).PostAsync($"/api/v1/decisions/{id}/cosign", null, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        Assert.Contains("co-signed", again.Str("detail"));
        Assert.Contains("pending", again.Str("detail"));

        // An officer who also oversees records a hiring decision for the engineer: he may not co-sign what he recorded.
        await app.InScopeAsync(async (_, db) => await db.Users.Where(u => u.Id == s.Worker2User.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.MemberId, (int?)null), Ct));
        await app.InScopeAsync(async (_, db) => await db.Users.Where(u => u.Id == officerUser.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.MemberId, s.Worker2), Ct));
        var hiring = (await (await officer.Post("/api/v1/decisions", new { placementId = placement, kind = "hiring", title = "Hire a stoker" }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var ownRecord = await (await officer.PostAsync($"/api/v1/decisions/{hiring}/cosign", null, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        Assert.Contains("you recorded", ownRecord.Str("detail"));

        // Every event is in the logbook, in order, and the chain is intact.
        var events = await app.InScopeAsync((_, db) => db.LogbookEntries.Where(e => e.SubjectType == "Decision" && (e.SubjectId == id || e.SubjectId == hiring))
            .OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync(Ct));
        Assert.Equal(["decision-recorded", "decision-cosigned", "decision-recorded"], events);
        var verify = await (await worker1.GetAsync("/api/v1/logbook/verify", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.True(verify.GetProperty("intact").GetBoolean());
        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Decision" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(["co-sign", "create"], trail.Order());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_pending_decision_is_withdrawn_with_a_reason_by_whoever_recorded_it_the_specialist_or_an_officer(string provider)
    {
        var app = await fixture.For(provider);
        var s = await OversightScene.CreateAsync(app, Ct);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var placement = await s.PlaceAsync(officer, Ct, s.Worker1);
        var engineer = app.Client(s.EngineerUser.Token);
        async Task<long> RecordAsync(HttpClient by, string title) =>
            (await (await by.Post("/api/v1/decisions", new { placementId = placement, kind = "procurement", title }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var lathe = await RecordAsync(engineer, "Buy a lathe");
        var coal = await RecordAsync(officer, "Buy coal");
        string Url(long id) => $"/api/v1/decisions/{id}/withdraw";

        // The overseer signs but does not withdraw; a viewer neither; another union's officer does not see it; a reason is required.
        await (await app.Client(s.Worker1User.Token).Post(Url(lathe), new { reason = "No longer needed" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await (await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionA, Ct)).Post(Url(lathe), new { reason = "No longer needed" }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        await (await (await app.ClientAsAsync(Roles.Officer, OrgTree.UnionB, Ct)).Post(Url(lathe), new { reason = "No longer needed" }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await engineer.Post(Url(lathe), new { reason = "  " }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "reason");

        // The specialist withdraws his own; an officer over the body withdraws one the specialist did not record.
        var withdrawn = await (await engineer.Post(Url(lathe), new { reason = "The old lathe was repaired" }, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(("withdrawn", false, "The old lathe was repaired"), (withdrawn.Str("status"), withdrawn.GetProperty("hasEffect").GetBoolean(), withdrawn.Str("withdrawalReason")));
        Assert.Equal(s.EngineerUser.Email, withdrawn.Str("withdrawnBy"));
        await (await officer.Post(Url(coal), new { reason = "Bought by the fuel committee" }, Ct)).Expect(HttpStatusCode.OK, Ct);

        // Withdrawn is final: it cannot be withdrawn again or co-signed, and the same subject may be put again.
        Assert.Contains("withdrawn", (await (await engineer.Post(Url(lathe), new { reason = "again" }, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct)).Str("detail"));
        await (await app.Client(s.Worker1User.Token).PostAsync($"/api/v1/decisions/{lathe}/cosign", null, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        await RecordAsync(engineer, "Buy a lathe");
        var listed = await (await officer.GetAsync($"/api/v1/decisions?status=withdrawn&placement={placement}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(new[] { coal, lathe }.Order(), listed.Items().Select(i => i.GetProperty("id").GetInt64()).Order());

        var events = await app.InScopeAsync((_, db) => db.LogbookEntries.Where(e => e.SubjectType == "Decision" && e.SubjectId == lathe).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync(Ct));
        Assert.Equal(["decision-recorded", "decision-withdrawn"], events);
        Assert.True((await (await officer.GetAsync("/api/v1/logbook/verify", Ct)).Expect(HttpStatusCode.OK, Ct)).GetProperty("intact").GetBoolean());
        Assert.Contains("withdraw", await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "Decision" && a.EntityId == lathe.ToString()).Select(a => a.Action).ToListAsync(Ct)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rejection_needs_a_reason_and_shows_in_the_reports(string provider)
    {
        var app = await fixture.For(provider);
        var s = await OversightScene.CreateAsync(app, Ct);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var placement = await s.PlaceAsync(officer, Ct, s.Worker1);
        var engineer = app.Client(s.EngineerUser.Token);
        var title = "Order turbine parts " + ApiCalls.Unique();
        var id = (await (await engineer.Post("/api/v1/decisions", new { placementId = placement, kind = "procurement", title }, Ct)).Expect(HttpStatusCode.Created, Ct)).GetProperty("id").GetInt64();
        var worker1 = app.Client(s.Worker1User.Token);

        // Pending by age: recorded today, so in the youngest band.
        var pending = await (await officer.GetAsync("/api/v1/decisions/pending?pageSize=500", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Contains(id, pending.GetProperty("oldest").Items().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(0, pending.GetProperty("oldest").Items().Single(i => i.GetProperty("id").GetInt64() == id).GetProperty("ageDays").GetInt32());
        Assert.True(pending.GetProperty("bands")[0].GetProperty("count").GetInt32() >= 1);

        await (await worker1.Post($"/api/v1/decisions/{id}/reject", new { reason = "  " }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "reason");
        var rejected = await (await worker1.Post($"/api/v1/decisions/{id}/reject", new { reason = "The old parts can be repaired in our own shop" }, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("rejected", rejected.Str("status"));
        Assert.False(rejected.GetProperty("hasEffect").GetBoolean());
        var rejections = await (await officer.GetAsync($"/api/v1/decisions?status=rejected&placement={placement}", Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal("The old parts can be repaired in our own shop", rejections.Items().Single().Str("rejectionReason"));
        // Rejected is not pending: the same subject may be put again.
        await (await engineer.Post("/api/v1/decisions", new { placementId = placement, kind = "procurement", title }, Ct)).Expect(HttpStatusCode.Created, Ct);
        await (await officer.GetAsync("/api/v1/decisions?status=maybe", Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "status");
        var entry = await app.InScopeAsync((_, db) => db.LogbookEntries.Where(e => e.SubjectType == "Decision" && e.SubjectId == id && e.Kind == "decision-rejected").Select(e => e.Payload).SingleAsync(Ct));
        Assert.Contains("The old parts can be repaired in our own shop", entry);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Decision_kinds_are_data_that_only_federation_administrators_edit(string provider)
    {
        var app = await fixture.For(provider);
        var viewer = await app.ClientAsAsync(Roles.Viewer, OrgTree.UnionB, Ct);
        var kinds = await (await viewer.GetAsync("/api/v1/decision-kinds", Ct)).Expect(HttpStatusCode.OK, Ct);
        var needs = kinds.EnumerateArray().ToDictionary(k => k.Str("code"), k => k.GetProperty("needsCoSignature").GetBoolean());
        Assert.True(needs["procurement"]);
        Assert.True(needs["hiring"]);
        Assert.False(needs["technical-note"]);
        var code = "repair-" + ApiCalls.Unique();
        await (await (await app.ClientAsAsync(Roles.Administrator, OrgTree.UnionA, Ct)).Post("/api/v1/decision-kinds", new { code, name = "Repair", needsCoSignature = true }, Ct))
            .ExpectProblem(HttpStatusCode.Forbidden, Ct);
        var admin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        await (await admin.Post("/api/v1/decision-kinds", new { code, name = "Repair" }, Ct)).ExpectProblem(HttpStatusCode.BadRequest, Ct, "needsCoSignature");
        var created = await (await admin.Post("/api/v1/decision-kinds", new { code, name = "Repair", needsCoSignature = true }, Ct)).Expect(HttpStatusCode.Created, Ct);
        var changed = await (await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/decision-kinds/{created.GetProperty("id").GetInt32()}", new { needsCoSignature = false }, Ct, "\"1\""))
            .Expect(HttpStatusCode.OK, Ct);
        Assert.False(changed.GetProperty("needsCoSignature").GetBoolean());
        Assert.Equal(2, changed.GetProperty("version").GetInt32());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_links_an_account_to_its_member_once(string provider)
    {
        var app = await fixture.For(provider);
        var s = await OversightScene.CreateAsync(app, Ct);
        var officer = await app.ClientAsAsync(Roles.Officer, OrgTree.UnionA, Ct);
        var placement = await s.PlaceAsync(officer, Ct, s.Worker1);
        var newcomer = await app.CreateUserAsync(Roles.Viewer, OrgTree.UnionB, ct: Ct);
        // Before the link the newcomer (a viewer over union B) does not see the placement in union A.
        await (await app.Client(newcomer.Token).GetAsync($"/api/v1/placements/{placement}", Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);

        await (await officer.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{newcomer.Id}/member", new { memberId = s.Bystander }, Ct)).ExpectProblem(HttpStatusCode.Forbidden, Ct);
        var admin = await app.ClientAsAsync(Roles.Administrator, null, Ct);
        // The worker already has an account linked to him (the scene's): one account per member.
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{newcomer.Id}/member", new { memberId = s.Worker1 }, Ct)).ExpectProblem(HttpStatusCode.Conflict, Ct);
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{newcomer.Id}/member", new { memberId = 99999999 }, Ct)).ExpectProblem(HttpStatusCode.NotFound, Ct);
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{s.Worker1User.Id}/member", new { memberId = (int?)null }, Ct)).Expect(HttpStatusCode.OK, Ct);
        var linked = await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{newcomer.Id}/member", new { memberId = s.Worker1 }, Ct)).Expect(HttpStatusCode.OK, Ct);
        Assert.Equal(s.Worker1, linked.GetProperty("memberId").GetInt32());
        // Now he is the overseer: he sees the placement and what awaits him there.
        await (await app.Client(newcomer.Token).GetAsync($"/api/v1/placements/{placement}", Ct)).Expect(HttpStatusCode.OK, Ct);
        var trail = await app.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "User" && a.EntityId == newcomer.Id && a.Action == "member-link").Select(a => a.Changes).ToListAsync(Ct));
        Assert.Contains($"\"memberId\":{{\"before\":null,\"after\":{s.Worker1}}}", Assert.Single(trail));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_endpoint_refuses_an_anonymous_caller(string provider)
    {
        var app = await fixture.For(provider);
        var anonymous = app.Client();
        foreach (var url in new[] { "/api/v1/logbook/verify", "/api/v1/placements", "/api/v1/placements/coverage", "/api/v1/decisions", "/api/v1/decisions/pending", "/api/v1/decision-kinds" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/decisions/1/cosign", null, Ct)).StatusCode);
    }
}
