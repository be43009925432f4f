using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MSCommerce.Client.Baselines;
using Xunit.Abstractions;

namespace MSCommerce.Client.Tests;

/// <summary>
/// Generated baseline files (arbitrary bytes, invalid UTF-8, lone surrogates, duplicate keys, deep
/// nesting, wrong types, truncation): the reader accepts the file or reports positioned problems,
/// and never throws anything else, nor changes the bytes it was given.
/// </summary>
public sealed class BaselineReaderProperties(CaseCounts counts, ITestOutputHelper output) : IClassFixture<CaseCounts>
{
    private const int Cases = 2000;

    private const string Valid = """
        {
          "$schema": "./MSCommerce.PolicyBaseline.schema.json",
          "schemaVersion": 1,
          "policyId": "AllowSelfServicePurchase",
          "defaultValue": "Enabled",
          "products": {
            "CFQ7TTC0H9MP": { "name": "Power BI Pro", "value": "Disabled" },
            "CFQ7TTC0HD32": { "name": "Visio Plan 2", "value": "OnlyTrialsWithoutPaymentMethod" }
          },
          "offerTypes": {
            "SaaS": { "value": "Enabled" }
          }
        }
        """;

    private static readonly byte[][] Poison =
    [
        [0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80],
        Encoding.ASCII.GetBytes("\\ud800"), Encoding.ASCII.GetBytes("\\udfff"), Encoding.ASCII.GetBytes("\\ud800\\u0041"), Encoding.ASCII.GetBytes("\\u"),
        [0x00], [0x0B], Encoding.ASCII.GetBytes("\""), Encoding.ASCII.GetBytes("{"), Encoding.ASCII.GetBytes("]"), Encoding.ASCII.GetBytes(","),
    ];

    private static readonly string[] WrongTypes = ["1", "-0.5e300", "true", "null", "[]", "{}", "\"\"", "[1,2]", "{\"value\":1}", "\"..\"", "\"CFQ7TTC0H9MP\""];

    [Fact]
    public void Every_generated_file_is_accepted_or_reported_with_positioned_problems_and_is_never_changed()
    {
        var accepted = 0;
        var refused = 0;
        var property = Prop.ForAll(Arb.From(Files()), file =>
        {
            var before = (byte[])file.Bytes.Clone();
            try
            {
                BaselineReader.Read(file.Bytes, "generated.json");
                Interlocked.Increment(ref accepted);
            }
            catch (BaselineFormatException error)
            {
                Interlocked.Increment(ref refused);
                Assert.NotEmpty(error.Problems);
                Assert.All(error.Problems, problem =>
                {
                    Assert.InRange(problem.Line, 1, file.Bytes.Length + 1);
                    Assert.InRange(problem.Column, 1, file.Bytes.Length + 1);
                    Assert.False(string.IsNullOrWhiteSpace(problem.Message));
                });
            }

            Assert.Equal(before, file.Bytes);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), property);

        counts.Report(output, $"Baseline reader: {Cases} generated files, {accepted} accepted, {refused} refused with positioned problems, 0 other exceptions.");
        Assert.Equal(Cases, accepted + refused);
        Assert.True(accepted > 0 && refused > 0, $"the generator is one-sided: {accepted} accepted, {refused} refused");
    }

    /// <summary>A generated file and how it was made, for FsCheck's report of a failing case.</summary>
    public sealed record GeneratedFile(string How, byte[] Bytes)
    {
        public override string ToString() => $"{How}: {Convert.ToBase64String(Bytes)}";
    }

    private static Gen<GeneratedFile> Files()
    {
        var valid = Encoding.UTF8.GetBytes(Valid.ReplaceLineEndings("\n"));
        var positions = Gen.Choose(0, valid.Length);
        return Gen.Frequency(
            (2, Gen.Constant(new GeneratedFile("valid", valid))),
            (3, ArbMap.Default.GeneratorFor<byte[]>().Select(bytes => new GeneratedFile("arbitrary bytes", bytes))),
            (6, from at in positions
                from poison in Gen.Elements(Poison)
                select new GeneratedFile($"poison at {at}", Splice(valid, at, 0, poison))),
            (4, from at in Gen.Elements(StringStarts(valid))
                from poison in Gen.Elements(Poison)
                select new GeneratedFile($"poison in the string at {at}", Splice(valid, at + 1, 0, poison))),
            (3, from property in Gen.Elements("\"policyId\": \"AllowSelfServicePurchase\",\n", "\"CFQ7TTC0H9MP\": { \"name\": \"Power BI Pro\", \"value\": \"Disabled\" },\n", "\"defaultValue\": \"Enabled\",\n")
                let at = IndexOf(valid, Encoding.UTF8.GetBytes(property))
                select new GeneratedFile("duplicate key", Splice(valid, at, 0, Encoding.UTF8.GetBytes(property)))),
            (3, from depth in Gen.Choose(1, 200)
                from place in Gen.Elements("\"defaultValue\": ", "\"value\": ", "\"products\": ")
                let at = IndexOf(valid, Encoding.UTF8.GetBytes(place)) + place.Length
                select new GeneratedFile($"nesting {depth} deep", Splice(valid, at, 0, Encoding.UTF8.GetBytes(new string('[', depth) + "1" + new string(']', depth) + ",")))),
            (4, from place in Gen.Elements("\"defaultValue\": \"Enabled\"", "\"schemaVersion\": 1", "\"value\": \"Disabled\"", "\"policyId\": \"AllowSelfServicePurchase\"", "\"products\": {", "\"name\": \"Visio Plan 2\"")
                from wrong in Gen.Elements(WrongTypes)
                let at = IndexOf(valid, Encoding.UTF8.GetBytes(place))
                let name = place[..(place.IndexOf(':') + 2)]
                select new GeneratedFile($"{name}{wrong}", Splice(valid, at, place.Length, Encoding.UTF8.GetBytes(name + wrong + (place.EndsWith('{') ? "{" : ""))))),
            (2, from length in positions select new GeneratedFile($"truncated at {length}", valid[..length])));
    }

    private static int[] StringStarts(byte[] text) => Enumerable.Range(0, text.Length).Where(i => text[i] == (byte)'"').ToArray();

    private static int IndexOf(byte[] haystack, byte[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).First(start => haystack.AsSpan(start, needle.Length).SequenceEqual(needle));

    private static byte[] Splice(byte[] text, int at, int remove, byte[] insert) => [.. text[..at], .. insert, .. text[(at + remove)..]];
}
