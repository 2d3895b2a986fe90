using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>
/// Admission to a union that keeps a checklist (the poor peasants' unions' criteria (a)–(d)):
/// every criterion must be affirmed, and the record says which and by whom.
/// </summary>
public static class Admissions
{
    public sealed record Request(IReadOnlyList<int>? AffirmedCriteria, DateOnly? AdmittedOn);

    public sealed record AdmissionResponse(int Id, int MemberId, string OrgUnit, string OrgUnitName, DateOnly AdmittedOn, string AdmittedBy, IReadOnlyList<AdmissionCriteria.Item> Affirmed);

    /// <summary>The nearest unit at or above <paramref name="path"/> with an active checklist, if any.</summary>
    public static async Task<OrgUnit?> AdmittingUnitAsync(RallyDb db, string path, CancellationToken ct)
    {
        var ids = OrgPath.Ids(path).ToList();
        return await db.OrgUnits.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && db.AdmissionCriteria.Any(c => c.OrgUnitId == u.Id && c.ArchivedAt == null))
            .OrderByDescending(u => u.Depth).FirstOrDefaultAsync(ct);
    }

    public static async Task<Outcome<AdmissionResponse>> AdmitAsync(RallyDb db, Caller caller, TimeProvider clock, int memberId, Request r, CancellationToken ct)
    {
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).Include(m => m.OrgUnit).FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Outcome<AdmissionResponse>.NotFound();
        if (!await caller.CanAsync(Roles.Officer, member.OrgUnit.Path, ct)) return Outcome<AdmissionResponse>.Forbidden("Admitting members needs the officer role on their union or branch.");
        if (member.Status != MemberRules.Applicant) return Outcome<AdmissionResponse>.Invalid("status", $"Only applicants can be admitted; this member is {member.Status}.");

        var union = await AdmittingUnitAsync(db, member.OrgUnit.Path, ct) ?? member.OrgUnit;
        var criteria = await AdmissionCriteria.ForUnitAsync(db, union.Id, ct);
        var affirmed = r.AffirmedCriteria ?? [];
        var errors = new FieldErrors();
        foreach (var missing in criteria.Where(c => !affirmed.Contains(c.Id)))
            errors.Add("affirmedCriteria", $"Criterion {missing.Label} is not affirmed: {missing.Text}");
        foreach (var unknown in affirmed.Where(id => criteria.All(c => c.Id != id)))
            errors.Add("affirmedCriteria", $"{unknown} is not one of {union.Name}'s admission criteria.");
        if (errors.Any) return Outcome<AdmissionResponse>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var status = await ChangeMemberStatus.ApplyAsync(db, caller, clock, member, MemberRules.Active, r.AdmittedOn, "admitted", ct, admitting: true);
        if (!status.Succeeded) return status.As<AdmissionResponse>();
        var admission = new Admission
        {
            MemberId = member.Id, OrgUnitId = union.Id, AdmittedOn = member.StatusSince, AdmittedBy = caller.Name, RecordedAt = clock.GetUtcNow(),
            Affirmations = criteria.Select(c => new AdmissionAffirmation { CriterionId = c.Id, Text = $"{c.Label} {c.Text}" }).ToList(),
        };
        db.Admissions.Add(admission);
        member.Version++;
        member.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<AdmissionResponse>.Ok(new(admission.Id, member.Id, union.Code, union.Name, admission.AdmittedOn, admission.AdmittedBy, criteria));
    }

    public static async Task<Outcome<List<AdmissionResponse>>> ListAsync(RallyDb db, Caller caller, int memberId, CancellationToken ct)
    {
        if (!await (await caller.MembersAsync(Roles.Viewer, ct)).AnyAsync(m => m.Id == memberId, ct)) return Outcome<List<AdmissionResponse>>.NotFound();
        var admissions = await db.Admissions.AsNoTracking().Where(a => a.MemberId == memberId).Include(a => a.Affirmations).OrderBy(a => a.AdmittedOn).ToListAsync(ct);
        var unitIds = admissions.Select(a => a.OrgUnitId).Distinct().ToList();
        var units = await db.OrgUnits.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return Outcome<List<AdmissionResponse>>.Ok(admissions.Select(a => new AdmissionResponse(
            a.Id, a.MemberId, units[a.OrgUnitId].Code, units[a.OrgUnitId].Name, a.AdmittedOn, a.AdmittedBy,
            a.Affirmations.Select((f, i) => new AdmissionCriteria.Item(f.CriterionId, "", f.Text, i + 1)).ToList())).ToList());
    }
}
