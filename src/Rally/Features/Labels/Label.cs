using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rally.Features.Labels;

/// <summary>
/// A label as data: one entry of a list the federation's administrators edit themselves
/// (member categories, kinds of org unit). Entries are archived, never deleted, because records keep pointing at them.
/// </summary>
/// <remarks>Not an entity itself: each list has its own table, and EF maps these columns into it.</remarks>
public abstract class Label : IAudited
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    /// <summary>Optimistic concurrency token; also the ETag.</summary>
    public int Version { get; set; }

    /// <summary>The same columns and rules for every list: the code is unique, archived entries included.</summary>
    public static void Configure<T>(EntityTypeBuilder<T> e) where T : Label
    {
        e.Property(l => l.Code).HasMaxLength(40);
        e.Property(l => l.Name).HasMaxLength(100);
        e.HasIndex(l => l.Code).IsUnique();
        e.Property(l => l.Version).IsConcurrencyToken();
    }
}

/// <summary>
/// What tells one list of labels from another: nothing but names. The use cases, the API and the
/// pages are the same for every list.
/// </summary>
/// <param name="Noun">One entry in messages: "already used by another {Noun}".</param>
/// <param name="Route">The list's path under /api/v1.</param>
/// <param name="Tag">The OpenAPI tag.</param>
/// <param name="OperationName">OpenAPI operation names: Get{One}, List{Many}, ...</param>
/// <param name="Described">For the OpenAPI summaries: "One {One}", "List {Many}".</param>
public sealed record LabelList<T>(string Noun, string Route, string Tag, (string One, string Many) OperationName, (string One, string Many) Described)
    where T : Label, new();

/// <summary>What an administrator types to add or change a label.</summary>
public sealed record LabelFields(string? Code, string? Name, int? SortOrder);

public sealed record LabelView(int Id, string Code, string Name, int SortOrder, DateTimeOffset? ArchivedAt, int Version)
{
    public static Expression<Func<T, LabelView>> Projection<T>() where T : Label =>
        l => new LabelView(l.Id, l.Code, l.Name, l.SortOrder, l.ArchivedAt, l.Version);

    public static LabelView Of(Label l) => new(l.Id, l.Code, l.Name, l.SortOrder, l.ArchivedAt, l.Version);
}
