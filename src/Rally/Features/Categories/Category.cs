using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rally.Features.Categories;

/// <summary>A member category (industrial worker, town servant, poor peasant, ...): a configurable list.</summary>
public sealed class Category : IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
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
