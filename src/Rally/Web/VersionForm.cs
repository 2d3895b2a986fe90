namespace Rally.Web;

/// <summary>What an archive form posts: the version of the record as the page showed it (none posted is 0, which no record has, so it is refused as stale).</summary>
public sealed class VersionForm
{
    public int Version { get; set; }
}
