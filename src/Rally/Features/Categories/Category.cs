using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Labels;

namespace Rally.Features.Categories;

/// <summary>A member category (industrial worker, town servant, poor peasant, ...): a configurable list.</summary>
public sealed class Category : ILabel
{
    /// <summary>How the API and messages name this list; everything else is shared with the other labels.</summary>
    public static readonly LabelList<Category> List = new(
        Noun: "category", Route: "categories", Tag: "Categories",
        OperationName: ("Category", "Categories"), Described: ("member category", "member categories"));

    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public int Version { get; set; }
}

sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> e)
    {
        e.Property(c => c.Code).HasMaxLength(40);
        e.Property(c => c.Name).HasMaxLength(100);
        e.HasIndex(c => c.Code).IsUnique();
        e.Property(c => c.Version).IsConcurrencyToken();
    }
}
