using System.Collections;
using System.Management.Automation;
using System.Text;

namespace MSCommerce.Module.Tests;

/// <summary>A baseline file that cannot be used stops the command before any request, naming the property and the line.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class BaselineFileValidationTests(LocalService service) : IDisposable
{
    private readonly ModuleRunspace _shell = ModuleRunspace.ConnectedAsAdmin(service);
    private readonly BaselineFiles _files = new();

    public static TheoryData<string, string, string> InvalidFiles => new()
    {
        { "malformed JSON", "{\n  \"schemaVersion\": 1,\n  \"policyId\": \"AllowSelfServicePurchase\"\n  \"defaultValue\": \"Enabled\"\n}", "line 4, column 3: The file is not valid JSON" },
        { "unknown field", Valid.Replace("\"defaultValue\"", "\"defaultValu\": \"Enabled\",\n  \"defaultValue\"", StringComparison.Ordinal), "line 4, column 3, defaultValu: Unknown property 'defaultValu'. Known properties:" },
        { "misspelt case of a field", Valid.Replace("\"policyId\"", "\"PolicyID\"", StringComparison.Ordinal), "Unknown property 'PolicyID'. Did you mean 'policyId'?" },
        { "bad value", Valid.Replace("\"value\": \"Disabled\"", "\"value\": \"Disable\"", StringComparison.Ordinal), "line 6, column 56, products.CFQ7TTC0H9MP.value: 'Disable' is not a value products take: use Enabled, Disabled, OnlyTrialsWithoutPaymentMethod (in any case)." },
        { "a value offer types do not take", Valid.Replace("\"SaaS\": { \"value\": \"Enabled\" }", "\"SaaS\": { \"value\": \"OnlyTrialsWithoutPaymentMethod\" }", StringComparison.Ordinal), "offerTypes.SaaS.value: 'OnlyTrialsWithoutPaymentMethod' is not a value offer types take: use Enabled, Disabled (in any case)." },
        { "duplicate product ids", Valid.Replace("\"CFQ7TTC0HD32\"", "\"CFQ7TTC0H9MP\"", StringComparison.Ordinal), "line 7, column 5, products.CFQ7TTC0H9MP: 'CFQ7TTC0H9MP' is listed twice (first on line 6): keep one." },
        { "empty file", "", "The file is empty." },
        { "a number instead of an object", "42", "The file must hold a JSON object, not a number." },
        { "missing default", Valid.Replace("  \"defaultValue\": \"Enabled\",\n", "", StringComparison.Ordinal), "The required property 'defaultValue' is missing." },
        { "unknown schema version", Valid.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal), "Schema version 2 is not known to this version of the module" },
        { "a malformed product id", Valid.Replace("\"CFQ7TTC0HD32\"", "\"Power BI Pro\"", StringComparison.Ordinal), "'Power BI Pro' is not a product id such as CFQ7TTC0H9MP." },
        { "an escaped lone surrogate", Valid.Replace("\"Power BI Pro\"", "\"Power BI \\ud800Pro\"", StringComparison.Ordinal), "line 6, column 31: The file is not valid JSON: The string is not valid text" },
        { "a policy id that is no name", Valid.Replace("\"AllowSelfServicePurchase\"", "\"..\"", StringComparison.Ordinal), "line 3, column 15, policyId: '..' is not a policy id such as AllowSelfServicePurchase." },
        { "an offer type that is no name", Valid.Replace("\"SaaS\"", "\".\"", StringComparison.Ordinal), "offerTypes..: '.' is not an offer type such as SaaS." },
    };

    private const string Valid = """
        {
          "schemaVersion": 1,
          "policyId": "AllowSelfServicePurchase",
          "defaultValue": "Enabled",
          "products": {
            "CFQ7TTC0H9MP": { "name": "Power BI Pro", "value": "Disabled" },
            "CFQ7TTC0HD32": { "name": "Visio Plan 2", "value": "Enabled" }
          },
          "offerTypes": {
            "SaaS": { "value": "Enabled" }
          }
        }
        """;

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void An_invalid_baseline_is_refused_before_any_request_with_the_line_and_property(string why, string content, string expectedMessage)
    {
        var path = _files.Write("invalid.json", content.ReplaceLineEndings("\n"));

        foreach (var command in new[] { "Test-MSCommercePolicyBaseline", "Sync-MSCommercePolicyBaseline -Confirm:$false" })
        {
            service.Admin.ClearRequests();
            var result = _shell.Run($"param($Path) {command} -Path $Path", new Hashtable { ["Path"] = path });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("InvalidBaseline,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains(expectedMessage, error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("schema", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            Assert.True(service.Admin.Requests().Count == 0, $"{why}: a request was sent.");
        }
    }

    [Fact]
    public void Every_problem_of_a_file_is_listed_at_once_in_line_order()
    {
        var path = _files.Write("many.json", Valid.Replace("\"policyId\"", "\"policy\"", StringComparison.Ordinal).Replace("\"value\": \"Enabled\" }\n  }", "\"value\": \"On\" }\n  }", StringComparison.Ordinal).ReplaceLineEndings("\n"));

        var error = Assert.Single(_shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        var problems = error.Exception.Message.Split('\n').Skip(1).Select(line => line.Trim()).ToList();
        Assert.Contains("(4 problems)", error.Exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 1, column 1, policyId: The required property 'policyId' is missing.", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3, column 3, policy: Unknown property 'policy'", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("line 7, column 56, products.CFQ7TTC0HD32.value: 'On' is not a value products take", problems[2], StringComparison.Ordinal);
        Assert.StartsWith("line 10, column 24, offerTypes.SaaS.value: 'On' is not a value offer types take", problems[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_a_problem_of_the_file_at_their_line_and_column()
    {
        var text = Encoding.UTF8.GetBytes(Valid.ReplaceLineEndings("\n"));
        var at = IndexOf(text, Encoding.UTF8.GetBytes("BI Pro"));
        text[at + 3] = 0xFF;
        var path = _files.PathOf("latin1.json");
        File.WriteAllBytes(path, text);
        service.Admin.ClearRequests();

        var error = Assert.Single(_shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        Assert.StartsWith("InvalidBaseline,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("line 6, column 41: The file's encoding is not one a baseline can have (byte 0xFF is not UTF-8)", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(service.Admin.Requests());
    }

    private static int IndexOf(byte[] haystack, byte[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).First(start => haystack.AsSpan(start, needle.Length).SequenceEqual(needle));

    [Fact]
    public void A_file_past_the_size_limit_is_refused_without_being_parsed()
    {
        var path = _files.PathOf("huge.json");
        File.WriteAllText(path, "{\"schemaVersion\": 1, \"padding\": \"" + new string('x', 4 * 1024 * 1024) + "\"}");
        service.Admin.ClearRequests();

        var error = Assert.Single(_shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        Assert.StartsWith("InvalidBaseline,", error.FullyQualifiedErrorId);
        Assert.Contains("a baseline is at most", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void A_large_valid_file_is_read_and_its_unknown_products_reported_as_not_in_the_tenant()
    {
        var entries = Enumerable.Range(0, 5000).Select(index => $"    \"CFQ7TTC1{index:D4}\": {{ \"name\": \"Retired product {index}\", \"value\": \"Disabled\" }}");
        var path = _files.Write("large.json", "{\n  \"schemaVersion\": 1,\n  \"policyId\": \"AllowSelfServicePurchase\",\n  \"defaultValue\": \"Enabled\",\n  \"products\": {\n"
            + string.Join(",\n", entries) + "\n  }\n}\n");

        var drift = _shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", new Hashtable { ["Path"] = path });

        Assert.Equal(5000, drift.Count(item => item.Properties["Reason"].Value.ToString() == "NotInTenant"));
    }

    [Theory]
    [InlineData("/dev/zero", "a character device")]
    [InlineData("a folder", "a folder")]
    [InlineData("a named pipe", "a named pipe (FIFO)")]
    public async Task What_is_not_a_regular_file_is_refused_before_it_is_opened(string what, string described)
    {
        var path = what switch
        {
            "a folder" => Path.GetDirectoryName(_files.PathOf("x"))!,
            "a named pipe" => _files.Fifo("pipe.json"),
            _ => what,
        };

        foreach (var command in new[] { "Test-MSCommercePolicyBaseline", "Sync-MSCommercePolicyBaseline -Confirm:$false" })
        {
            service.Admin.ClearRequests();
            var run = Task.Run(() => _shell.Run($"param($Path) {command} -Path $Path", new Hashtable { ["Path"] = path }));
            var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) == run;
            if (!ended && what == "a named pipe")
            {
                // The command is stuck opening the pipe: a writer that opens and closes it sets it free, so the test ends.
                using (new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                }
            }

            Assert.True(ended, $"{command} on {what} did not end within 30 s");

            var error = Assert.Single((await run).Errors);
            Assert.StartsWith("BaselinePathNotAFile,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal($"'{path}' is {described}{(what == "/dev/zero" ? " (like /dev/null or /dev/zero)" : "")}, not a file: a baseline is read only from a regular file.", error.Exception.Message);
            Assert.Empty(service.Admin.Requests());
        }
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void A_baseline_saved_by_Windows_PowerShell_in_UTF16_is_read(string encoding)
    {
        var path = _files.PathOf("utf16.json");
        File.WriteAllText(path, Valid, Encoding.GetEncoding(encoding));

        var drift = _shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", new Hashtable { ["Path"] = path });

        Assert.Empty(drift.Errors);
        Assert.Contains(drift.Output, item => (string)item.Properties["Id"].Value == "CFQ7TTC0H9MP");
    }

    [Fact]
    public void A_three_megabyte_product_key_gives_a_short_message()
    {
        var path = _files.Write("long-key.json", Valid.Replace("\"CFQ7TTC0HD32\"", "\"" + new string('K', 3 * 1024 * 1024) + "\"", StringComparison.Ordinal));

        var error = Assert.Single(_shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        Assert.StartsWith("InvalidBaseline,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.True(error.Exception.Message.Length < 1_000, $"the message is {error.Exception.Message.Length:N0} characters");
        Assert.Contains("…(3,145,728 characters)' is not a product id", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_ObjectNotFound_error_that_suggests_exporting_one()
    {
        var error = Assert.Single(_shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = _files.PathOf("absent.json") }).Errors);

        Assert.StartsWith("BaselineFileNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("Export-MSCommercePolicyBaseline", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_and_CRLF_line_ends_is_read()
    {
        var path = _files.PathOf("windows.json");
        File.WriteAllText(path, Valid.ReplaceLineEndings("\r\n"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = _shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path });

        Assert.Empty(result.Errors);
        Assert.IsType<bool>(Assert.Single(result.Output).BaseObject);
    }

    public void Dispose()
    {
        _shell.Dispose();
        _files.Dispose();
    }
}
