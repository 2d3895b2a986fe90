using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Web;

namespace Rally.Features.Members.Pages;

/// <summary>Placeholder for CreateMember/UpdateMember until the use cases land on main; the form will call those instead.</summary>
static class MemberFormSave
{
    public sealed record Result(int? Id, IDictionary<string, string[]>? Errors, string? Problem);

    public const string Stale = "Someone else changed this member since you opened the form. Reload the page to see their changes, then edit again.";

    public static async Task<Result> RunAsync(RallyDb db, Caller caller, TimeProvider clock, int? id, EditMember.MemberForm form, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        errors.Required("lastName", form.LastName, 100);
        errors.Required("firstName", form.FirstName, 100);
        errors.Length("patronymic", form.Patronymic, 100);
        DateOnly? born = null;
        if (!string.IsNullOrWhiteSpace(form.DateOfBirth))
        {
            if (DateOnly.TryParseExact(form.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) born = d;
            else errors.Add("dateOfBirth", "dateOfBirth must be a date (yyyy-mm-dd).");
        }
        var categoryId = await db.Categories.Where(c => c.Code == form.Category && c.ArchivedAt == null).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (categoryId is null) errors.Add("categoryCode", "Choose a category.");
        var units = await caller.UnitsAsync(Roles.Officer, ct);
        var unit = await units.Where(u => u.Code == (form.OrgUnit ?? "").Trim()).Select(u => new { u.Id }).FirstOrDefaultAsync(ct);
        if (unit is null) errors.Add("orgUnitCode", "There is no union or branch with this code that you may edit.");
        int? workplaceId = null;
        if (!string.IsNullOrWhiteSpace(form.Workplace))
        {
            workplaceId = await db.OrgUnits.Where(u => u.Code == form.Workplace.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (workplaceId is null) errors.Add("workplaceCode", "There is no workplace with this code.");
        }
        Member? member;
        if (id is null)
        {
            errors.Required("membershipNumber", form.MembershipNumber, 40);
            if (!string.IsNullOrWhiteSpace(form.MembershipNumber) && await db.Members.AnyAsync(m => m.MembershipNumber == form.MembershipNumber.Trim(), ct))
                errors.Add("membershipNumber", "This membership number is taken.");
            if (errors.Any) return new(null, errors.ToDictionary(), null);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            member = new Member { MembershipNumber = form.MembershipNumber!.Trim(), FirstName = "", LastName = "", Status = MemberRules.Applicant, StatusSince = today, CreatedAt = clock.GetUtcNow() };
            db.Members.Add(member);
        }
        else
        {
            member = await (await caller.MembersAsync(Roles.Officer, ct)).FirstOrDefaultAsync(m => m.Id == id, ct);
            if (member is null) return new(null, null, "This member does not exist or you may not edit them.");
            if (errors.Any) return new(null, errors.ToDictionary(), null);
            if (member.Version != form.Version) return new(null, null, Stale);
        }
        member.LastName = form.LastName!.Trim();
        member.FirstName = form.FirstName!.Trim();
        member.Patronymic = string.IsNullOrWhiteSpace(form.Patronymic) ? null : form.Patronymic.Trim();
        member.DateOfBirth = born;
        member.CategoryId = categoryId!.Value;
        member.Trade = string.IsNullOrWhiteSpace(form.Trade) ? null : form.Trade.Trim();
        member.OrgUnitId = unit!.Id;
        member.WorkplaceId = workplaceId;
        member.Email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();
        member.Phone = string.IsNullOrWhiteSpace(form.Phone) ? null : form.Phone.Trim();
        member.Address = string.IsNullOrWhiteSpace(form.Address) ? null : form.Address.Trim();
        member.UpdatedAt = clock.GetUtcNow();
        member.Version++;
        MemberRules.SetKeys(member);
        await db.SaveChangesAsync(ct);
        return new(member.Id, null, null);
    }
}
