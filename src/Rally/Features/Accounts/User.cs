using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rally.Features.OrgUnits;

namespace Rally.Features.Accounts;

public sealed class User : IdentityUser, IAudited
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The member this account belongs to, if any: who acts in a control group, who co-signs.</summary>
    public int? MemberId { get; set; }
}

/// <summary>
/// A role held on an org unit and its whole subtree. A null org unit is the whole federation.
/// </summary>
public sealed class RoleGrant : IAudited
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Role { get; set; }
    public int? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public string? GrantedBy { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A personal access token for the API. Only the SHA-256 of the secret is kept.</summary>
public sealed class AccessToken : IAudited
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    /// <summary>The first characters of the token, so a user can tell their tokens apart.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

sealed class AccountConfiguration : IEntityTypeConfiguration<User>, IEntityTypeConfiguration<RoleGrant>, IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.HasIndex(u => u.MemberId).IsUnique();
        e.HasOne<Rally.Features.Members.Member>().WithMany().HasForeignKey(u => u.MemberId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<RoleGrant> e)
    {
        e.Property(g => g.Role).HasMaxLength(20);
        e.Property(g => g.GrantedBy).HasMaxLength(256);
        e.HasIndex(g => g.UserId);
        e.HasOne<User>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(g => g.OrgUnit).WithMany().HasForeignKey(g => g.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AccessToken> e)
    {
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Hash).HasMaxLength(64);
        e.Property(t => t.Prefix).HasMaxLength(16);
        e.HasIndex(t => t.Hash).IsUnique();
        e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
