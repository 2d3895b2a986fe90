namespace Rally.Data.Bulk;

/// <summary>
/// A batch of rows for <see cref="MemberBulkInsert"/>: members and the rows that refer to them
/// (status changes, admissions and their affirmations), with explicit ids. Plain structs in
/// reusable arrays, so that a producer can fill a million rows without a million objects.
/// </summary>
public sealed class MemberRows(int capacity)
{
    public RowBuffer<MemberRow> Members { get; } = new(capacity);
    public RowBuffer<StatusChangeRow> StatusChanges { get; } = new(capacity * 2);
    public RowBuffer<AdmissionRow> Admissions { get; } = new(Math.Max(16, capacity / 8));
    public RowBuffer<AffirmationRow> Affirmations { get; } = new(Math.Max(16, capacity / 2));

    public void Clear()
    {
        Members.Clear();
        StatusChanges.Clear();
        Admissions.Clear();
        Affirmations.Clear();
    }
}

/// <summary>A growable array whose slots are filled in place (<see cref="Add"/> returns a reference).</summary>
public sealed class RowBuffer<T>(int capacity) where T : struct
{
    T[] items = new T[Math.Max(1, capacity)];

    public int Count { get; private set; }

    public ref T Add()
    {
        if (Count == items.Length)
            Array.Resize(ref items, items.Length * 2);
        ref var slot = ref items[Count++];
        slot = default;
        return ref slot;
    }

    public ref T this[int index] => ref items[index];

    public ReadOnlySpan<T> AsSpan() => items.AsSpan(0, Count);

    public void Clear() => Count = 0;
}

/// <summary>One <see cref="Features.Members.Member"/> row; keys must already be set (<see cref="Features.Members.MemberRules.Key"/>).</summary>
public struct MemberRow
{
    public int Id;
    public string MembershipNumber;
    public string FirstName;
    public string? Patronymic;
    public string LastName;
    public string LastNameKey;
    public string FirstNameKey;
    public string? Email;
    public string? Phone;
    public string? Address;
    public DateOnly? DateOfBirth;
    public int CategoryId;
    public string? Trade;
    public int OrgUnitId;
    public int? WorkplaceId;
    public string Status;
    public DateOnly StatusSince;
    public DateTimeOffset CreatedAt;
    public DateTimeOffset UpdatedAt;
    /// <summary>The import that inserts the member, if any.</summary>
    public int? ImportBatchId;
}

/// <summary>One <see cref="Features.Members.MemberStatusChange"/> row.</summary>
public struct StatusChangeRow
{
    public long Id;
    public int MemberId;
    public string? FromStatus;
    public string ToStatus;
    public DateOnly EffectiveOn;
    public string? Reason;
    public string? RecordedBy;
    public DateTimeOffset RecordedAt;
}

/// <summary>One <see cref="Features.Members.Admission"/> row.</summary>
public struct AdmissionRow
{
    public int Id;
    public int MemberId;
    public int OrgUnitId;
    public DateOnly AdmittedOn;
    public string AdmittedBy;
    public DateTimeOffset RecordedAt;
}

/// <summary>One <see cref="Features.Members.AdmissionAffirmation"/> row.</summary>
public struct AffirmationRow
{
    public int Id;
    public int AdmissionId;
    public int CriterionId;
    public string Text;
}
