using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Generators of request bodies: mostly the shape an endpoint expects with something wrong in it
/// (a wrong type, a huge number, arbitrary Unicode with lone surrogates, a repeated or unknown
/// property, deep nesting, truncation), now and then a valid one, and text that is not JSON at all.
/// </summary>
internal static class GeneratedJson
{
    /// <summary>A JSON string literal, quotes included: arbitrary Unicode, escaped or raw, lone surrogates and all.</summary>
    public static Gen<string> StringLiteral { get; } =
        Gen.ListOf(Gen.Frequency(
                (6, Gen.Elements("a", "Z", "0", " ", "@", ".", "Enabled", "CFQ7TTC0H9MP", "é", "中", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u0000")),
                (3, Gen.Choose(0xD800, 0xDFFF).Select(unit => $"\\u{unit:x4}")),
                (1, Gen.Choose(0xD800, 0xDBFF).Select(high => $"\\u{high:X4}\\udc00")),
                (2, Gen.Choose(0x20, 0xFFFF).Select(unit => $"\\u{unit:x4}")),
                (2, Gen.Choose(0x20, 0xFFFF).Where(unit => unit is not ('"' or '\\') && !char.IsSurrogate((char)unit)).Select(unit => ((char)unit).ToString())),
                (1, Gen.Elements("\\x", "\\u12", "\\ud8", "\u0001", "\t", "\\U0041", "\ud800"))))
            .Select(pieces => "\"" + string.Concat(pieces) + "\"");

    public static Gen<string> Number { get; } = Gen.OneOf(
        Gen.Elements("0", "-0", "1", "-1", "2", "5", "10000", "10001", "2147483647", "2147483648", "-2147483649", "9223372036854775808",
            "1e400", "-1e400", "1E+2", "1.5", "0.0000001", "99999999999999999999999999999999999999", "1" + new string('0', 400), "01", "+1", ".5", "NaN", "Infinity"),
        Gen.Choose(-5, 20000).Select(number => number.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Any JSON value of a size FsCheck chooses: scalars, arrays, objects.</summary>
    public static Gen<string> Value { get; } = Gen.Sized(size => ValueOfDepth(Math.Min(size / 10, 4)));

    public static Gen<string> DeepNesting { get; } = Gen.Choose(1, 400).SelectMany(depth => Gen.Elements(
        new string('[', depth) + new string(']', depth),
        string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
        new string('[', depth)));

    /// <summary>
    /// Bodies for an endpoint whose properties are <paramref name="known"/>, each with values it would take.
    /// </summary>
    public static Gen<string> BodyFor(params (string Name, Gen<string> Valid)[] known)
    {
        var repeated = Gen.Elements(known).SelectMany(p => Gen.Zip(Gen.Frequency((3, p.Valid), (1, Value)), Gen.Frequency((3, p.Valid), (1, Value)))
            .Select(values => new[] { (p.Name, Value: values.Item1), (p.Name, Value: values.Item2) }));
        var shaped = Gen.SubListOf(known).SelectMany(chosen => Gen.CollectToList(chosen
            .Select(p => Gen.Frequency((4, p.Valid), (2, Value), (1, StringLiteral), (1, Number)).Select(value => (p.Name, Value: value)))));
        var unknownName = Gen.Frequency((3, StringLiteral), (1, Gen.Elements(known).Select(p => "\"" + char.ToUpperInvariant(p.Name[0]) + p.Name[1..] + "\"")));

        return Gen.Frequency(
            (6, shaped.Select(Object)),
            (2, shaped.SelectMany(members => repeated.Select(twice => Object([.. members, .. twice])))),
            (2, shaped.SelectMany(members => Gen.Zip(unknownName, Value).Select(extra => ObjectRaw([.. members.Select(Member), $"{extra.Item1}:{extra.Item2}"])))),
            (1, shaped.SelectMany(members => DeepNesting.Select(deep => Object([.. members, ("nested", deep)])))),
            (1, DeepNesting),
            (2, shaped.Select(Object).SelectMany(text => Gen.Choose(0, Math.Max(0, text.Length - 1)).Select(cut => text[..cut]))),
            (1, Value),
            (1, Gen.Elements("", " ", "null", "true", "{", "}", "{}", "[]", "{\"a\"}", "{,}", "{\"a\":1,}", "\ufeff{}", "{\"a\":1}{\"b\":2}", "{'a':1}", "<xml/>", "policyValue=Enabled")),
            (1, ArbMap.Default.GeneratorFor<string>().Select(text => text ?? "")));
    }

    public static Gen<string> Literal(params string[] values) => Gen.Elements(values.Select(value => "\"" + value + "\"").ToArray());

    private static string Object(IEnumerable<(string Name, string Value)> members) => ObjectRaw(members.Select(Member));

    private static string Member((string Name, string Value) member) => $"\"{member.Name}\":{member.Value}";

    private static string ObjectRaw(IEnumerable<string> members) => "{" + string.Join(",", members) + "}";

    private static Gen<string> ValueOfDepth(int depth)
    {
        var scalar = Gen.Frequency((4, StringLiteral), (3, Number), (1, Gen.Elements("true", "false", "null")));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = ValueOfDepth(depth - 1);
        return Gen.Frequency(
            (5, scalar),
            (1, Gen.ListOf(inner, 4).Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.ListOf(Gen.Zip(StringLiteral, inner), 4).Select(members => "{" + string.Join(",", members.Select(m => $"{m.Item1}:{m.Item2}")) + "}")));
    }

    /// <summary>Shows a generated body in a failure message with its control and surrogate characters visible.</summary>
    public static string Visible(string text)
    {
        var visible = new StringBuilder();
        foreach (var c in text.Length > 300 ? text[..300] + "…" : text)
        {
            visible.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c);
        }

        return visible.ToString();
    }
}
