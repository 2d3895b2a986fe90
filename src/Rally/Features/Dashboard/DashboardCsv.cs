using System.Globalization;
using System.Text;
using Rally.Data;
using Rally.Features.Accounts;
using Rally.Features.Members;
using Rally.Web;
using static Rally.Features.Dashboard.GetParticipation;

namespace Rally.Features.Dashboard;

/// <summary>Every series of the dashboard as CSV, with the same numbers the page and the API show.</summary>
public static class DashboardCsv
{
    public static readonly IReadOnlyList<string> SeriesNames = ["participation", "by-category", "by-rung", "by-unit", "engagement", "education", "funnel"];

    public static async Task<IResult> RunAsync(RallyDb db, Caller caller, TimeProvider clock, IConfiguration config, string? series, Request r, CancellationToken ct)
    {
        if (series is null || !SeriesNames.Contains(series))
            return FieldErrors.One("series", $"series must be one of {string.Join(", ", SeriesNames)}.");
        var outcome = await GetParticipation.RunAsync(db, caller, clock, Target(config), r, ct);
        if (!outcome.Succeeded) return outcome.ToResult(TypedResults.Ok);
        var d = outcome.Value!;
        var name = $"dashboard-{series}-{d.Scope ?? "federation"}-{d.From}-{d.To}.csv";
        // UTF-8 with a byte order mark, as the other exports, so spreadsheets read the names right.
        return TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Write(d, series))], "text/csv; charset=utf-8", name);
    }

    public static string Write(ParticipationResponse d, string series)
    {
        var csv = new StringBuilder();
        void Row(params object[] cells) => csv.AppendLine(string.Join(",", cells.Select(Cell)));
        switch (series)
        {
            case "participation":
                Row("month", "members", "participants", "share", "target");
                foreach (var p in d.Points) Row(p.Month, p.Members, p.Participants, p.Share, d.TargetShare);
                break;
            case "by-category":
                Row("month", "category", "name", "members", "participants", "share");
                foreach (var p in d.Points) foreach (var c in p.ByCategory) Row(p.Month, c.Category, c.Name, c.Members, c.Participants, c.Share);
                break;
            case "by-rung":
                Row("month", "position", "rung", "participants");
                foreach (var p in d.Points) foreach (var x in p.ByRung) Row(p.Month, x.Position, x.Rung, x.Participants);
                break;
            case "by-unit":
                Row("month", "unit", "name", "members", "participants", "share");
                foreach (var u in d.ByUnit) foreach (var p in u.Points) Row(p.Month, u.Unit, u.Name, p.Members, p.Participants, p.Share);
                break;
            case "engagement":
                Row("month", "level", "name", "members");
                foreach (var p in d.Engagement)
                {
                    foreach (var l in p.Levels) Row(p.Month, l.Level, l.Name, l.Members);
                    Row(p.Month, "", "not assessed", p.NotAssessed);
                }
                break;
            case "education":
                Row("month", "members", "enrolled", "completed", "copies");
                foreach (var p in d.Education) Row(p.Month, p.Members, p.Enrolled, p.Completed, p.Copies);
                break;
            case "funnel":
                Row("position", "rung", "holdingNow", "movedUp");
                foreach (var s in d.Funnel) Row(s.Position, s.Rung, s.HoldingNow, s.MovedUp);
                break;
        }
        return csv.ToString();
    }

    static string Cell(object value)
    {
        var text = value switch
        {
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => MemberCsv.Neutralise(value.ToString()),
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
