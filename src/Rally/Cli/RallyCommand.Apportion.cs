using System.CommandLine;
using Rally.Features.Council;

namespace Rally.Cli;

public static partial class RallyCommand
{
    /// <summary>A tie decides a seat and no tie rule was chosen: the result is not complete.</summary>
    public const int Tie = 3;

    /// <summary><c>rally apportion</c>: the apportionment engine on any table of populations or votes; needs no database.</summary>
    static Command ApportionVerb()
    {
        var method = new Option<string>("--method") { Description = "hamilton, dhondt, sainte-lague, modified-sainte-lague or huntington-hill", Required = true };
        method.AcceptOnlyFromAmong([.. ApportionmentMethods.All]);
        var seats = new Option<int>("--seats") { Description = "Number of seats to apportion", Required = true };
        var minSeats = new Option<int>("--min-seats") { Description = "Minimum seats for every eligible constituency (Huntington–Hill always gives at least 1)" };
        var percent = new Option<string?>("--threshold-percent") { Description = "Exclude constituencies with less than this percentage of the total count, e.g. 5 or 4.5" };
        var quota = new Option<bool>("--threshold-quota") { Description = "Exclude constituencies with less than one full Hare quota (total ÷ seats)" };
        var maxSeats = new Option<string[]>("--max-seats") { Description = "Cap: NAME=K, at most K seats (repeatable)", DefaultValueFactory = _ => [] };
        var maxShare = new Option<string[]>("--max-share") { Description = "Cap: NAME=FRACTION of all seats, rounded down, e.g. 1/4 or 0.25 (repeatable)", DefaultValueFactory = _ => [] };
        var explain = new Option<bool>("--explain") { Description = "Print the step-by-step proof of every seat to standard error" };
        var tieRule = new Option<string?>("--tie-rule") { Description = "larger-count: a tied seat goes to the larger count, then to the one listed first (default: report the tie, exit 3)" };
        tieRule.AcceptOnlyFromAmong([.. TieRules.All]);
        var file = new Argument<FileInfo>("FILE") { Description = "CSV with a header name,count and optionally eligible (true/false)" };

        var command = new Command("apportion", "Apportion seats among constituencies from a CSV of counts; prints name,seats in input order")
        {
            method, seats, minSeats, percent, quota, maxSeats, maxShare, explain, tieRule, file,
        };
        command.SetAction(p =>
        {
            var path = p.GetValue(file)!;
            List<Constituency> rows;
            try
            {
                using var reader = new StreamReader(path.FullName, detectEncodingFromByteOrderMarks: true);
                var (read, error) = ConstituencyCsv.Read(reader);
                if (error is not null) return Fail($"{path.Name}: {error}", Usage);
                rows = read!;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail($"cannot read {path.FullName}: {e.Message}", Usage);
            }

            Rational? threshold = null;
            if (p.GetValue(percent) is { } text)
            {
                if (!Rational.TryParse(text, out var value)) return Fail($"--threshold-percent '{text}' is not a number (e.g. 5 or 4.5).", Usage);
                threshold = value;
            }
            var caps = new List<SeatCap>();
            foreach (var cap in p.GetValue(maxSeats) ?? [])
            {
                var (name, value) = Split(cap);
                if (name is null || !int.TryParse(value, out var k)) return Fail($"--max-seats '{cap}' must be NAME=K with a whole number K.", Usage);
                caps.Add(new SeatCap(name, MaxSeats: k));
            }
            foreach (var cap in p.GetValue(maxShare) ?? [])
            {
                var (name, value) = Split(cap);
                if (name is null || !Rational.TryParse(value, out var share)) return Fail($"--max-share '{cap}' must be NAME=FRACTION, e.g. PPS=1/4 or PPS=0.25.", Usage);
                caps.Add(new SeatCap(name, MaxShare: share));
            }

            ApportionmentResult result;
            try
            {
                result = Apportion.Calculate(new ApportionmentRequest(p.GetValue(method)!, p.GetValue(seats), rows, p.GetValue(minSeats), threshold, p.GetValue(quota), caps, p.GetValue(tieRule)));
            }
            catch (ApportionmentInputException e)
            {
                return Fail($"{Flag(e.Field)}: {e.Message}", Usage);
            }

            if (p.GetValue(explain))
                foreach (var line in Apportion.Explain(result)) Console.Error.WriteLine(line);
            if (!result.Complete)
            {
                foreach (var tie in result.Ties)
                    Console.Error.WriteLine($"rally: tie for {(tie.Seats == 1 ? $"seat {tie.FirstSeat}" : $"seats {tie.FirstSeat}–{tie.FirstSeat + tie.Seats - 1}")} between {string.Join(", ", tie.Constituencies)} (equal {(result.Method == ApportionmentMethods.Hamilton ? "remainders" : "claims")} {tie.Value}); choose --tie-rule larger-count to decide it");
                return Tie;
            }
            Console.Out.Write(ConstituencyCsv.Write(result));
            return Ok;
        });
        return command;

        static (string? Name, string Value) Split(string cap)
        {
            var at = cap.LastIndexOf('=');
            return at <= 0 ? (null, "") : (cap[..at].Trim(), cap[(at + 1)..].Trim());
        }

        static string Flag(string field) => field switch
        {
            "minSeats" => "--min-seats",
            "thresholdPercent" => "--threshold-percent",
            "caps" => "--max-seats/--max-share",
            "tieRule" => "--tie-rule",
            "constituencies" => "FILE",
            _ => "--" + field,
        };
    }
}
