using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Rally.Data;

// Used only by `dotnet ef` to add migrations and to check that none is pending.
sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRallyDb>
{
    public SqliteRallyDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRallyDb>().UseSqlite("Data Source=design.db").Options, Actor.Named("design"));
}

sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRallyDb>
{
    public PostgresRallyDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRallyDb>().UseNpgsql("Host=localhost;Database=rally_design").Options, Actor.Named("design"));
}
