using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.Labels;

namespace Rally.Features.Categories;

/// <summary>A member category (industrial worker, town servant, poor peasant, ...): a configurable list.</summary>
public sealed class Category : Label
{
    /// <summary>How the API and messages name this list; everything else is shared with the other labels.</summary>
    public static readonly LabelList<Category> List = new(
        Noun: "category", Route: "categories", Tag: "Categories",
        OperationName: ("Category", "Categories"), Described: ("member category", "member categories"));
}

sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> e) => Label.Configure(e);
}
