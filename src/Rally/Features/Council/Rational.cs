using System.Globalization;
using System.Numerics;

namespace Rally.Features.Council;

/// <summary>
/// An exact fraction, always in lowest terms with a positive denominator, so equal values are
/// equal structurally. Apportionment compares quotients and priorities with it: a tie is a tie,
/// never an accident of rounding.
/// </summary>
public readonly struct Rational : IComparable<Rational>, IEquatable<Rational>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("A fraction cannot have a zero denominator.");
        if (denominator.Sign < 0) (numerator, denominator) = (-numerator, -denominator);
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero) (numerator, denominator) = (numerator / gcd, denominator / gcd);
        Numerator = numerator;
        // default(Rational) has a zero denominator; every constructed value has one of at least 1.
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public static readonly Rational Zero = new(0, 1);
    public static readonly Rational One = new(1, 1);

    public static implicit operator Rational(long value) => new(value, 1);

    BigInteger Den => Denominator.IsZero ? BigInteger.One : Denominator;

    public static Rational operator +(Rational a, Rational b) => new(a.Numerator * b.Den + b.Numerator * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a, Rational b) => new(a.Numerator * b.Den - b.Numerator * a.Den, a.Den * b.Den);
    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Den * b.Den);
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Den, a.Den * b.Numerator);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <summary>Compares by cross-multiplication: exact, whatever the sizes.</summary>
    public int CompareTo(Rational other) => (Numerator * other.Den).CompareTo(other.Numerator * Den);

    public bool Equals(Rational other) => Numerator == other.Numerator && Den == other.Den;
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(Numerator, Den);

    /// <summary>The largest whole number not above the value.</summary>
    public BigInteger Floor()
    {
        var q = BigInteger.DivRem(Numerator, Den, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }

    /// <summary>The part above the floor, in [0, 1).</summary>
    public Rational Fraction => this - new Rational(Floor(), 1);

    public bool IsWhole => Den.IsOne;

    /// <summary>"7", "3/4", "-5/2".</summary>
    public override string ToString() => Den.IsOne ? Numerator.ToString(CultureInfo.InvariantCulture) : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Den.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A decimal rendering for people, truncated toward zero to <paramref name="digits"/> places (display only: never compared).</summary>
    public string ToDecimalString(int digits = 4)
    {
        var scale = BigInteger.Pow(10, digits);
        var scaled = BigInteger.Abs(Numerator) * scale / Den;
        var whole = BigInteger.DivRem(scaled, scale, out var part);
        var text = digits == 0 ? whole.ToString(CultureInfo.InvariantCulture)
            : $"{whole.ToString(CultureInfo.InvariantCulture)}.{part.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}".TrimEnd('0').TrimEnd('.');
        return Numerator.Sign < 0 && text != "0" ? "-" + text : text;
    }

    /// <summary>Reads "3", "1/4", "0.25" or "12.5" exactly (no binary floating point on the way).</summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        var slash = text.IndexOf('/');
        if (slash >= 0)
        {
            if (!TryParseDecimal(text[..slash], out var n) || !TryParseDecimal(text[(slash + 1)..], out var d) || d == Zero) return false;
            value = n / d;
            return true;
        }
        return TryParseDecimal(text, out value);
    }

    static bool TryParseDecimal(string text, out Rational value)
    {
        value = Zero;
        text = text.Trim();
        if (text.Length == 0 || text.Length > 60) return false;
        var negative = text[0] == '-';
        if (negative || text[0] == '+') text = text[1..];
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var part = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length + part.Length == 0 || !whole.All(char.IsAsciiDigit) || !part.All(char.IsAsciiDigit)) return false;
        var digits = BigInteger.Parse("0" + whole + part, CultureInfo.InvariantCulture);
        value = new Rational(negative ? -digits : digits, BigInteger.Pow(10, part.Length));
        return true;
    }
}
