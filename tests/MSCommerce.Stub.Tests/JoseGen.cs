using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace MSCommerce.Stub.Tests;

/// <summary>The members of a JSON object as raw text (name literal, value text), so that duplicates, bad escapes and odd numbers survive.</summary>
internal sealed record Members(IReadOnlyList<(string Name, string Value)> Items)
{
    public static Members FromJson(string json) =>
        new(JsonDocument.Parse(json).RootElement.EnumerateObject().Select(member => (JsonSerializer.Serialize(member.Name), member.Value.GetRawText())).ToList());

    public Members Set(string name, string value) => Without(name).Append(name, value);

    public Members Without(string name) => new(Items.Where(item => item.Name != JsonSerializer.Serialize(name)).ToList());

    public Members Append(string name, string value) => AppendRaw(JsonSerializer.Serialize(name), value);

    public Members AppendRaw(string nameLiteral, string value) => new([.. Items, (nameLiteral, value)]);

    /// <summary>The member named twice, whatever came before (a removal earlier must not turn this into a single, valid member).</summary>
    public Members Twice(string name, string value) => Has(name) ? Append(name, value) : Append(name, value).Append(name, value);

    public bool Has(string name) => Items.Any(item => item.Name == JsonSerializer.Serialize(name));

    public byte[] Utf8() => Encoding.UTF8.GetBytes("{" + string.Join(",", Items.Select(item => item.Name + ":" + item.Value)) + "}");
}

/// <summary>One change that makes a JOSE header or a claims set wrong, described for the counterexample FsCheck prints.</summary>
internal sealed record Defect(string Description, Func<Members, Members> Apply)
{
    public override string ToString() => Description;
}

/// <summary>FsCheck generators of JSON text, JOSE headers, claims and compact tokens as an attacker writes them.</summary>
internal static class JoseGen
{
    private static readonly string[] StringPieces =
        ["a", "RS256", "Z", "é", "中文", "😀", "\ud800", "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\\"", "\\\\", "\\n", " ", "\u00a0", "\u200b", "\ufffe", "%", "'", "<", "\\u0041"];

    private static readonly string[] OddNumbers =
        ["0", "-0", "1", "-1", "1.5", "1e300", "-1e300", "1e400", "-1e400", "1.5e-400", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "253402300800", "-62135596801", "1E+2", "0.0000001"];

    /// <summary>NumericDates no DateTimeOffset can hold, and values that are no NumericDate at all.</summary>
    private static readonly string[] NotNumericDates =
        ["1e300", "-1e300", "1e400", "-1e400", "253402300800", "-62135596801", "1e19", "-1e19", "\"1e300\"", "\"-5\"", "\"12a\"", "\"\"", "\"9999999999999\"", "true", "null", "[]", "{}", "[1]"];

    private static readonly string[] NotStrings = ["1", "-0", "1e300", "true", "false", "null", "[]", "{}", "[\"x\"]", "{\"a\":\"b\"}"];

    private static readonly string[] NotArraysOfStrings = ["1", "\"x\"", "null", "{}", "[1]", "[null]", "[[]]", "[\"a\",2]", "[{}]", "true", "[\"a\",[\"b\"]]"];

    public static Gen<string> StringLiteral { get; } =
        from count in Gen.Choose(0, 6)
        from pieces in Gen.ArrayOf(Gen.Elements(StringPieces), count)
        select "\"" + string.Concat(pieces) + "\"";

    public static Gen<string> Number { get; } = Gen.OneOf(
        Gen.Elements(OddNumbers),
        Gen.Choose(int.MinValue, int.MaxValue).Select(value => value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Arrays or objects nested 17 to 400 deep: past what any token needs.</summary>
    public static Gen<string> Deep { get; } =
        from depth in Gen.Choose(17, 400)
        from array in Gen.Elements(true, false)
        select array ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static Gen<string> Scalar { get; } = Gen.OneOf(StringLiteral, Number, Gen.Elements("true", "false", "null"));

    public static Gen<string> Value { get; } = ValueOf(2);

    /// <summary>A string literal with an escaped lone surrogate in it (first, followed by a letter, so nothing around it can pair with it).</summary>
    public static Gen<string> LoneSurrogateLiteral { get; } =
        from rest in StringLiteral
        from surrogate in Gen.Elements("\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ud800\\ud800", "\\udc00\\ud800")
        select rest.Insert(1, surrogate + "x");

    /// <summary>Bytes that are not valid UTF-8: lone surrogates encoded as CESU, stray continuation bytes, overlong forms, truncations.</summary>
    public static Gen<byte[]> InvalidUtf8 { get; } = Gen.Elements<byte[]>([0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xFF], [0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]);

    private static Gen<string> ValueOf(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (2, from count in Gen.Choose(0, 3) from items in Gen.ArrayOf(ValueOf(depth - 1), count) select "[" + string.Join(",", items) + "]"),
            (2, from count in Gen.Choose(0, 3) from names in Gen.ArrayOf(StringLiteral, count) from values in Gen.ArrayOf(ValueOf(depth - 1), count)
                select "{" + string.Join(",", names.Zip(values, (name, value) => name + ":" + value)) + "}"),
            (1, Deep));

    /// <summary>A whole document that is no JSON object: another JSON value, truncated JSON, invalid UTF-8, bytes at random.</summary>
    public static Gen<byte[]> NotAnObject(Members valid) => Gen.OneOf(
        Gen.OneOf(Scalar, Deep, Gen.Elements("[]", "[{}]", "", " ", "{", "}", "{}}", "{\"a\" 1}", "{'alg':'RS256'}", "{\"a\":1,}", "nul")).Select(Encoding.UTF8.GetBytes),
        from cut in Gen.Choose(0, valid.Utf8().Length - 1) select valid.Utf8()[..cut],
        from bad in InvalidUtf8 from at in Gen.Choose(0, valid.Utf8().Length) select (byte[])[.. valid.Utf8()[..at], .. bad, .. valid.Utf8()[at..]],
        from length in Gen.Choose(0, 64) from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(value => (byte)value), length) select bytes);

    /// <summary>Defects every reader of a JOSE header must refuse, whatever the token is for.</summary>
    public static Gen<Defect> HeaderDefects(bool bearer)
    {
        var defects = new List<Gen<Defect>>
        {
            from value in Gen.Elements(NotStrings) select new Defect($"alg={value}", header => header.Set("alg", value)),
            from value in Gen.OneOf(StringLiteral, LoneSurrogateLiteral).Where(value => value != "\"RS256\"") select new Defect($"alg={value}", header => header.Set("alg", value)),
            from value in Value select new Defect($"alg twice, then {value}", header => header.Twice("alg", value)),
            from value in Gen.Elements(NotStrings) select new Defect($"kid={value}", header => header.Set("kid", value)),
            from value in Value select new Defect($"kid twice, then {value}", header => header.Set("kid", "\"k\"").Append("kid", value)),
            from value in Value select new Defect($"crit={value}", header => header.Append("crit", value)),
            from value in Deep select new Defect("a member nested too deep", header => header.Append("x5u", "[" + value + "]")),
            from name in LoneSurrogateLiteral select new Defect($"member named {name}", header => header.AppendRaw(name, "1")),
            from value in LoneSurrogateLiteral select new Defect($"typ={value}", header => header.Set("typ", value)),
            from value in Gen.Elements(NotArraysOfStrings.Where(value => !value.StartsWith('"')).ToArray()) select new Defect($"x5c={value}", header => header.Set("x5c", value)),
        };
        if (bearer)
        {
            defects.Add(Gen.Constant(new Defect("no kid", header => header.Without("kid"))));
            defects.Add(from value in StringLiteral select new Defect($"kid={value}", header => header.Set("kid", value)));
        }

        return Gen.OneOf(defects);
    }

    /// <summary>Defects of a claims set: types, ranges, duplicates, bad text, nesting; and for bearer tokens the values the service must refuse.</summary>
    public static Gen<Defect> ClaimsDefects(Members valid, bool bearer)
    {
        var names = valid.Items.Select(item => JsonSerializer.Deserialize<string>(item.Name)!).ToArray();
        var defects = new List<Gen<Defect>>
        {
            from name in Gen.Elements("exp", "nbf", "iat") from value in Gen.Elements(NotNumericDates) select new Defect($"{name}={value}", claims => claims.Set(name, value)),
            from value in Gen.Elements("0", "1", "-1", "1e-300", "-62135596800", "\"1\"", "1000000000") select new Defect($"expired: exp={value}", claims => claims.Set("exp", value)),
            Gen.Constant(new Defect("no exp", claims => claims.Without("exp"))),
            from name in Gen.Elements(names) from value in Value select new Defect($"{name} twice, then {value}", claims => claims.Twice(name, value)),
            from name in Gen.Elements("wids", "roles", "groups", "amr") from value in Gen.Elements(NotArraysOfStrings) select new Defect($"{name}={value}", claims => claims.Set(name, value)),
            from name in Gen.Elements("iss", "sub", "aud", "tid", "oid", "upn", "appid", "azp", "scp", "name", "preferred_username", "jti") from value in Gen.Elements(NotStrings)
                select new Defect($"{name}={value}", claims => claims.Set(name, value)),
            from name in Gen.Elements("iss", "aud", "name", "upn", "oid", "jti") from value in LoneSurrogateLiteral select new Defect($"{name}={value}", claims => claims.Set(name, value)),
            from value in StringLiteral select new Defect($"aud={value}", claims => claims.Set("aud", value)),
            from value in StringLiteral select new Defect($"iss={value}", claims => claims.Set("iss", value)),
            from value in Deep select new Defect("a claim nested too deep", claims => claims.Append("xms_deep", value)),
            from name in LoneSurrogateLiteral select new Defect($"claim named {name}", claims => claims.AppendRaw(name, "1")),
        };
        if (bearer)
        {
            defects.Add(from value in Gen.Elements("9999999999", "253402300799", "1e10", "\"99999999999\"") select new Defect($"not yet valid: nbf={value}", claims => claims.Set("nbf", value)));
            defects.Add(from value in StringLiteral select new Defect($"tid={value}", claims => claims.Set("tid", value)));
            defects.Add(Gen.Constant(new Defect("no oid", claims => claims.Without("oid"))));
            defects.Add(Gen.Constant(new Defect("no tid", claims => claims.Without("tid"))));
        }
        else
        {
            defects.Add(from value in StringLiteral select new Defect($"sub={value}", claims => claims.Set("sub", value)));
        }

        return Gen.OneOf(defects);
    }

    /// <summary>Claims nothing reads, of any shape: what a defect hides among.</summary>
    public static Gen<Func<Members, Members>> Noise { get; } =
        from count in Gen.Choose(0, 3)
        from values in Gen.ArrayOf(Value, count)
        select (Func<Members, Members>)(members => values.Select((value, index) => (value, index)).Aggregate(members, (all, item) => all.Append($"xms_noise{item.index}", item.value)));

    /// <summary>A JSON document from valid members with one to three defects (or, now and then, no object at all).</summary>
    public static Gen<(string Description, byte[] Json)> Defective(Members valid, Gen<Defect> defects) => Gen.Frequency(
        (9, from count in Gen.Choose(1, 3)
            from chosen in Gen.ArrayOf(defects, count)
            from noise in Noise
            select (string.Join("; ", chosen.Select(defect => defect.Description)), chosen.Aggregate(noise(valid), (members, defect) => defect.Apply(members)).Utf8())),
        (1, from bytes in NotAnObject(valid) select ("not a JSON object: " + Convert.ToHexString(bytes[..Math.Min(bytes.Length, 24)]), bytes)));

    /// <summary>Text of a segment that is not unpadded base64url (padding, the other alphabet, stray characters).</summary>
    public static Gen<string> NotBase64Url { get; } =
        from count in Gen.Choose(0, 24)
        from characters in Gen.ArrayOf(Gen.Elements("A", "b", "0", "-", "_", "=", "+", "/", "!", "%", " ", "~", "*", "\\", "\"", "?", "$", ","), count)
        from bad in Gen.Elements("=", "+", "/", "!", "%", " ", "~", "*", "\\", "\"", "?", "$", ",", "==")
        from at in Gen.Choose(0, count)
        select string.Concat(characters).Insert(at, bad);

    /// <summary>Printable ASCII as a token: what HTTP lets anyone put after "Bearer ".</summary>
    public static Gen<string> PrintableAscii { get; } =
        from count in Gen.Choose(0, 80)
        from characters in Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(code => (char)code), count)
        select new string(characters);
}
