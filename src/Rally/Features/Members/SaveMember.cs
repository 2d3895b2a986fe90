using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.OrgUnits;
using Rally.Web;

namespace Rally.Features.Members;

/// <summary>Creates a member, or replaces a member's fields. Both need the officer role on the member's union or branch.</summary>
public static class SaveMember
{
    public sealed record Request(
        string? MembershipNumber, string? FirstName, string? Patronymic, string? LastName,
        string? Email, string? Phone, string? Address, DateOnly? DateOfBirth,
        string? Category, string? Trade, string? OrgUnit, string? Workplace,
        string? Status = null, DateOnly? StatusSince = null);

    public static async Task<Outcome<MemberResponse>> CreateAsync(RallyDb db, Caller caller, TimeProvider clock, Request r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var refs = await ValidateAsync(db, caller, r, null, errors, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var status = string.IsNullOrWhiteSpace(r.Status) ? null : r.Status.Trim();
        if (status is not null && !MemberRules.IsStatus(status)) errors.Add("status", $"status must be one of {string.Join(", ", MemberRules.Statuses)}.");
        if (r.StatusSince > today) errors.Add("statusSince", "statusSince cannot be in the future.");
        if (errors.Any) return Outcome<MemberResponse>.Invalid(errors);
        if (!await caller.CanAsync(Roles.Officer, refs.Unit!.Path, ct)) return Outcome<MemberResponse>.Forbidden("Adding members here needs the officer role on the union or branch.");

        // Where the union keeps an admission checklist, membership comes through admission.
        var admittingUnit = await Admissions.AdmittingUnitAsync(db, refs.Unit.Path, ct);
        status ??= admittingUnit is null ? MemberRules.Active : MemberRules.Applicant;
        if (status == MemberRules.Active && admittingUnit is not null)
            return Outcome<MemberResponse>.Invalid("status", $"{admittingUnit.Name} admits members against its criteria: create an applicant and admit them.");

        var now = clock.GetUtcNow();
        var member = new Member
        {
            MembershipNumber = string.IsNullOrWhiteSpace(r.MembershipNumber) ? await NextNumberAsync(db, ct) : r.MembershipNumber.Trim().ToUpperInvariant(),
            FirstName = "", LastName = "", Status = status, StatusSince = r.StatusSince ?? today, CreatedAt = now,
        };
        Apply(member, r, refs, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = member.Id, ToStatus = status, EffectiveOn = member.StatusSince, RecordedAt = now, RecordedBy = caller.Name, Reason = "created" });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<MemberResponse>.Ok(await GetMember.ProjectAsync(db, member.Id, ct));
    }

    public static async Task<Outcome<MemberResponse>> UpdateAsync(RallyDb db, Caller caller, TimeProvider clock, int id, Request r, int? expectedVersion, CancellationToken ct)
    {
        var member = await (await caller.MembersAsync(Roles.Viewer, ct)).Include(m => m.OrgUnit).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return Outcome<MemberResponse>.NotFound();
        if (!await caller.CanAsync(Roles.Officer, member.OrgUnit.Path, ct)) return Outcome<MemberResponse>.Forbidden("Changing this member needs the officer role on their union or branch.");
        if (expectedVersion is { } v && v != member.Version) return Outcome<MemberResponse>.Stale();
        if (member.ErasedAt is not null) return Outcome<MemberResponse>.Conflict("This member's personal data was erased; the record cannot be edited.");

        var errors = new FieldErrors();
        var refs = await ValidateAsync(db, caller, r, member, errors, ct);
        var status = string.IsNullOrWhiteSpace(r.Status) ? member.Status : r.Status.Trim();
        if (status != member.Status && !MemberRules.CanMove(member.Status, status))
            errors.Add("status", MemberRules.IsStatus(status)
                ? $"A member who is {member.Status} cannot become {status}; allowed: {string.Join(", ", MemberRules.NextStatuses(member.Status))}."
                : $"status must be one of {string.Join(", ", MemberRules.Statuses)}.");
        if (errors.Any) return Outcome<MemberResponse>.Invalid(errors);
        if (refs.Unit!.Id != member.OrgUnitId && !await caller.CanAsync(Roles.Officer, refs.Unit.Path, ct))
            return Outcome<MemberResponse>.Forbidden("Moving a member needs the officer role on the new union or branch too.");

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (status != member.Status)
        {
            var change = await ChangeMemberStatus.ApplyAsync(db, caller, clock, member, status, null, null, ct);
            if (change.Errors is not null) return change.As<MemberResponse>();
        }
        Apply(member, r, refs, now);
        member.Version++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<MemberResponse>.Ok(await GetMember.ProjectAsync(db, member.Id, ct));
    }

    sealed record Refs(OrgUnit? Unit, int? CategoryId, int? WorkplaceId);

    static async Task<Refs> ValidateAsync(RallyDb db, Caller caller, Request r, Member? existing, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("firstName", r.FirstName, 100);
        errors.Required("lastName", r.LastName, 100);
        errors.Length("patronymic", r.Patronymic, 100);
        errors.Length("phone", r.Phone, 40);
        errors.Length("address", r.Address, 400);
        errors.Length("trade", r.Trade, 100);
        errors.Length("email", r.Email, 254);
        if (!string.IsNullOrWhiteSpace(r.Email) && !System.Net.Mail.MailAddress.TryCreate(r.Email.Trim(), out _)) errors.Add("email", "email is not a valid e-mail address.");
        if (r.DateOfBirth is { } born && (born.Year < 1850 || born > DateOnly.FromDateTime(db.Actor.Clock.GetUtcNow().UtcDateTime))) errors.Add("dateOfBirth", "dateOfBirth must be a past date after 1850.");
        var number = r.MembershipNumber?.Trim().ToUpperInvariant();
        if (existing is not null && string.IsNullOrEmpty(number)) errors.Add("membershipNumber", "membershipNumber is required.");
        if (!string.IsNullOrEmpty(number))
        {
            errors.Length("membershipNumber", number, 40);
            if (await db.Members.AnyAsync(m => m.MembershipNumber == number && m.Id != (existing == null ? 0 : existing.Id), ct))
                errors.Add("membershipNumber", $"Membership number {number} is already taken.");
        }

        int? categoryId = null;
        if (string.IsNullOrWhiteSpace(r.Category)) errors.Add("category", "category is required.");
        else
        {
            categoryId = await db.Categories.Where(c => c.Code == r.Category.Trim() && c.ArchivedAt == null).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (categoryId is null) errors.Add("category", $"There is no category '{r.Category}'.");
        }

        // Units outside the caller's grants are reported as unknown, the same as ones that do not exist.
        var visible = await caller.UnitsAsync(Roles.Viewer, ct);
        OrgUnit? unit = null;
        if (string.IsNullOrWhiteSpace(r.OrgUnit)) errors.Add("orgUnit", "orgUnit is required.");
        else
        {
            unit = await visible.AsNoTracking().ByIdOrCode(r.OrgUnit.Trim()).FirstOrDefaultAsync(u => u.ArchivedAt == null, ct);
            if (unit is null) errors.Add("orgUnit", $"There is no org unit '{r.OrgUnit}'.");
        }
        int? workplaceId = null;
        if (!string.IsNullOrWhiteSpace(r.Workplace))
        {
            workplaceId = await visible.ByIdOrCode(r.Workplace.Trim()).Where(u => u.ArchivedAt == null).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (workplaceId is null) errors.Add("workplace", $"There is no org unit '{r.Workplace}'.");
        }
        return new(unit, categoryId, workplaceId);
    }

    static void Apply(Member m, Request r, Refs refs, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(r.MembershipNumber)) m.MembershipNumber = r.MembershipNumber.Trim().ToUpperInvariant();
        m.FirstName = r.FirstName!.Trim();
        m.LastName = r.LastName!.Trim();
        m.Patronymic = Blank(r.Patronymic);
        m.Email = Blank(r.Email);
        m.Phone = Blank(r.Phone);
        m.Address = Blank(r.Address);
        m.DateOfBirth = r.DateOfBirth;
        m.Trade = Blank(r.Trade);
        m.CategoryId = refs.CategoryId!.Value;
        m.OrgUnitId = refs.Unit!.Id;
        m.WorkplaceId = refs.WorkplaceId;
        m.UpdatedAt = now;
        MemberRules.SetKeys(m);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The next free federation-wide number, "M0000123"; numbers from imports keep their own form.</summary>
    static async Task<string> NextNumberAsync(RallyDb db, CancellationToken ct)
    {
        var next = (await db.Members.MaxAsync(m => (int?)m.Id, ct) ?? 0) + 1;
        while (true)
        {
            var number = $"M{next:D7}";
            if (!await db.Members.AnyAsync(m => m.MembershipNumber == number, ct)) return number;
            next++;
        }
    }
}
