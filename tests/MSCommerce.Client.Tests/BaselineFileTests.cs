using System.Diagnostics;
using System.Text;
using MSCommerce.Client.Baselines;

namespace MSCommerce.Client.Tests;

/// <summary>
/// What BaselineReader accepts as a baseline: regular files only (a device or a named pipe is refused
/// before it is opened), at most the size limit whatever the file system says, in UTF-8 or UTF-16
/// with a byte order mark; and what its errors echo of the file stays short.
/// </summary>
public sealed class BaselineFileTests : IDisposable
{
    private const string Valid = """
        {
          "schemaVersion": 1,
          "policyId": "AllowSelfServicePurchase",
          "defaultValue": "Enabled",
          "products": {
            "CFQ7TTC0H9MP": { "name": "Power BI Pro – Überall", "value": "Disabled" }
          },
          "offerTypes": {
            "SaaS": { "value": "Enabled" }
          }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("mscommerce-baseline-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Values_are_read_in_any_case_and_written_as_the_service_spells_them()
    {
        var lower = Valid.Replace("\"Enabled\"", "\"enabled\"", StringComparison.Ordinal).Replace("\"Disabled\"", "\"DISABLED\"", StringComparison.Ordinal);

        var baseline = BaselineReader.Read(Encoding.UTF8.GetBytes(lower), "lower.json");

        Assert.Equal("Enabled", baseline.DefaultValue);
        Assert.Equal("Disabled", Assert.Single(baseline.Products).Value);
        Assert.Equal("Enabled", Assert.Single(baseline.OfferTypes).Value);
        var written = BaselineWriter.WriteText(new PolicyBaseline("AllowSelfServicePurchase", "onlytrialswithoutpaymentmethod",
            [new BaselineEntry("CFQ7TTC0H9MP", null, "disabled")], [new BaselineEntry("SaaS", null, "eNaBlEd")]));
        Assert.Contains("\"defaultValue\": \"OnlyTrialsWithoutPaymentMethod\"", written, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"Disabled\"", written, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"Enabled\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_character_device_is_refused_without_being_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // /dev/zero is Unix's; Windows' devices are refused once opened (GetFileType).
        }

        // /dev/zero says its length is 0 and never ends: reading it ran out of memory after 4 GB.
        var read = Task.Run(() => BaselineReader.ReadFile("/dev/zero"));
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))));

        var error = Assert.IsType<BaselineFormatException>(read.Exception?.InnerException);
        Assert.Contains("'/dev/zero' is a character device", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_pipe_with_no_writer_is_refused_without_waiting_for_one()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = Path.Combine(_folder, "baseline.json");
        MakeFifo(fifo);

        var read = Task.Run(() => BaselineReader.ReadFile(fifo));
        var ended = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))) == read;
        if (!ended)
        {
            // The reader is stuck opening the pipe: a writer that opens and closes it sets it free, so the test ends.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }
        }

        Assert.True(ended, "reading a named pipe with no writer waited for one");
        var error = Assert.IsType<BaselineFormatException>(read.Exception?.InnerException);
        Assert.Contains("is a named pipe (FIFO), not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_is_refused_as_a_folder()
    {
        var error = Assert.Throws<BaselineFormatException>(() => BaselineReader.ReadFile(_folder));

        Assert.Contains("is a folder, not a file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UTF-16 LE")]
    [InlineData("UTF-16 BE")]
    [InlineData("UTF-8 with a byte order mark")]
    public void A_baseline_in_UTF16_or_UTF8_with_a_byte_order_mark_is_read_like_UTF8(string encoding)
    {
        var text = encoding switch
        {
            "UTF-16 LE" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            "UTF-16 BE" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            _ => (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        };
        var path = Path.Combine(_folder, "baseline.json");
        File.WriteAllText(path, Valid, text);

        var baseline = BaselineReader.ReadFile(path);

        var product = Assert.Single(baseline.Products);
        Assert.Equal("CFQ7TTC0H9MP", product.Id);
        Assert.Equal("Power BI Pro – Überall", product.Name);
        Assert.Equal("Disabled", product.Value);
        Assert.Equal("Enabled", Assert.Single(baseline.OfferTypes).Value);
    }

    [Theory]
    [InlineData("UTF-16 LE without a byte order mark", "it looks like UTF-16 without a byte order mark", 1, 2)]
    [InlineData("Latin-1", "byte 0xDC is not UTF-8", 6, 47)]
    [InlineData("UTF-16 LE mark on odd bytes", "not UTF-16 text", 1, 1)]
    [InlineData("UTF-32 LE", "UTF-32", 1, 1)]
    public void A_file_in_another_encoding_is_an_encoding_problem(string encoding, string reason, int line, int column)
    {
        var bytes = encoding switch
        {
            "UTF-16 LE without a byte order mark" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(Valid),
            "Latin-1" => Encoding.Latin1.GetBytes(Valid.ReplaceLineEndings("\n")),
            "UTF-16 LE mark on odd bytes" => [0xFF, 0xFE, (byte)'{'],
            _ => new UTF32Encoding(bigEndian: false, byteOrderMark: true).GetPreamble().Concat(new UTF32Encoding(false, false).GetBytes(Valid)).ToArray(),
        };

        var error = Assert.Throws<BaselineFormatException>(() => BaselineReader.Read(bytes, "baseline.json"));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("encoding", problem.Message, StringComparison.Ordinal);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (problem.Line, problem.Column));
    }

    [Fact]
    public void A_three_megabyte_product_key_makes_a_short_message_that_gives_its_length()
    {
        var key = new string('K', 3 * 1024 * 1024);
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("CFQ7TTC0H9MP", key, StringComparison.Ordinal));

        var error = Assert.Throws<BaselineFormatException>(() => BaselineReader.Read(bytes, "baseline.json"));

        Assert.True(error.Message.Length < 1_000, $"the message is {error.Message.Length:N0} characters");
        var problem = Assert.Single(error.Problems);
        Assert.Equal($"products.{new string('K', 64)}…(3,145,728 characters)", problem.Path);
        Assert.StartsWith($"'{new string('K', 64)}…(3,145,728 characters)' is not a product id", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_values_and_property_names_are_cut_in_messages_too()
    {
        var value = new string('v', 100_000);
        var name = new string('p', 100_000);
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("\"Disabled\"", $"\"{value}\"", StringComparison.Ordinal)
            .Replace("\"schemaVersion\"", $"\"{name}\": 1, \"schemaVersion\"", StringComparison.Ordinal));

        var error = Assert.Throws<BaselineFormatException>(() => BaselineReader.Read(bytes, "baseline.json"));

        Assert.True(error.Message.Length < 2_000, $"the message is {error.Message.Length:N0} characters");
        Assert.Contains("…(100,000 characters)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Problems.Count);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        Assert.True(mkfifo.WaitForExit(TimeSpan.FromSeconds(30)), "mkfifo did not end within 30 s");
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
