using System.Text.Json;
using Rally.Web;

namespace Rally.Features.Council;

/// <summary>The engine over any posted table: the same calculation as <c>rally apportion</c>, answered as JSON.</summary>
public static class CalculateApportionment
{
    public sealed record CapRequest(string? Name, int? MaxSeats, JsonElement? MaxShare);

    public sealed record ConstituencyRequest(string? Name, long? Count, bool? Eligible);

    /// <summary>The options; thresholdPercent and a cap's maxShare may be numbers or strings ("1/4", "0.25").</summary>
    public sealed record Options(string? Method, int? Seats, int? MinSeats, JsonElement? ThresholdPercent, bool? ThresholdQuota, List<CapRequest>? Caps, string? TieRule);

    public sealed record Request(string? Method, int? Seats, int? MinSeats, JsonElement? ThresholdPercent, bool? ThresholdQuota, List<CapRequest>? Caps, string? TieRule, List<ConstituencyRequest>? Constituencies)
    {
        public Options Options => new(Method, Seats, MinSeats, ThresholdPercent, ThresholdQuota, Caps, TieRule);
    }

    public sealed record Response(string Method, int Seats, bool Complete, IReadOnlyList<Allocation> Constituencies, IReadOnlyList<SeatTie> Ties, IReadOnlyList<ApportionmentStep> Steps)
    {
        public static Response From(ApportionmentResult r) => new(r.Method, r.Seats, r.Complete, r.Allocations, r.Ties, r.Steps);
    }

    public static Outcome<Response> Run(Request r)
    {
        var errors = new FieldErrors();
        var rows = new List<Constituency>();
        if (r.Constituencies is not { Count: > 0 }) errors.Add("constituencies", "constituencies is required: a list of {name, count, eligible}.");
        else
            for (var i = 0; i < r.Constituencies.Count; i++)
            {
                var c = r.Constituencies[i];
                if (string.IsNullOrWhiteSpace(c?.Name)) errors.Add($"constituencies[{i}].name", "Every constituency needs a name.");
                else if (c.Count is null) errors.Add($"constituencies[{i}].count", $"The count of '{c.Name}' is required.");
                else rows.Add(new Constituency(c.Name.Trim(), c.Count.Value, c.Eligible ?? true));
            }
        var request = ToRequest(r.Options, rows, errors);
        if (errors.Any) return Outcome<Response>.Invalid(errors);
        var result = Calculate(request!);
        return result.Succeeded ? Outcome<Response>.Ok(Response.From(result.Value!)) : result.As<Response>();
    }

    /// <summary>The options checked and read into an engine request over <paramref name="rows"/>; null with <paramref name="errors"/> filled when they are wrong.</summary>
    public static ApportionmentRequest? ToRequest(Options o, IReadOnlyList<Constituency> rows, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(o.Method)) errors.Add("method", $"method is required: one of {string.Join(", ", ApportionmentMethods.All)}.");
        if (o.Seats is null) errors.Add("seats", "seats is required: the number of seats to apportion.");
        Rational? threshold = null;
        if (o.ThresholdPercent is { ValueKind: not JsonValueKind.Null } t)
        {
            if (Fraction(t) is { } value) threshold = value;
            else errors.Add("thresholdPercent", "thresholdPercent must be a number, e.g. 5 or 4.5.");
        }
        var caps = new List<SeatCap>();
        for (var i = 0; i < (o.Caps?.Count ?? 0); i++)
        {
            var cap = o.Caps![i];
            if (string.IsNullOrWhiteSpace(cap?.Name)) { errors.Add($"caps[{i}].name", "A cap needs the name of its constituency."); continue; }
            Rational? share = null;
            if (cap.MaxShare is { ValueKind: not JsonValueKind.Null } s)
            {
                share = Fraction(s);
                if (share is null) { errors.Add($"caps[{i}].maxShare", $"The share cap for '{cap.Name}' must be a fraction such as 1/4 or 0.25."); continue; }
            }
            if (cap.MaxSeats is null && share is null) { errors.Add($"caps[{i}]", $"The cap for '{cap.Name}' needs maxSeats or maxShare."); continue; }
            caps.Add(new SeatCap(cap.Name.Trim(), cap.MaxSeats, share));
        }
        if (errors.Any) return null;
        return new ApportionmentRequest(o.Method!, o.Seats!.Value, rows, o.MinSeats ?? 0, threshold, o.ThresholdQuota ?? false, caps, string.IsNullOrWhiteSpace(o.TieRule) ? null : o.TieRule.Trim());
    }

    public static Outcome<ApportionmentResult> Calculate(ApportionmentRequest request)
    {
        try
        {
            return Outcome<ApportionmentResult>.Ok(Apportion.Calculate(request));
        }
        catch (ApportionmentInputException e)
        {
            return Outcome<ApportionmentResult>.Invalid(e.Field, e.Message);
        }
    }

    static Rational? Fraction(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => Rational.TryParse(e.GetRawText(), out var n) ? n : null,
        JsonValueKind.String => Rational.TryParse(e.GetString(), out var s) ? s : null,
        _ => null,
    };
}
