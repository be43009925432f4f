using System.Text.Json;

namespace MSCommerce.Shell.Tests;

/// <summary>The shell hosts the whole PowerShell SDK: the Utility and Management cmdlets users pipe into work in every way of running it.</summary>
public sealed class FullEngineTests : IDisposable
{
    private const int DemoProducts = 17;
    private readonly ShellProcess _shell = new();

    [Theory]
    [InlineData(RunMode.Command)]
    [InlineData(RunMode.File)]
    [InlineData(RunMode.Prompt)]
    public void Utility_cmdlets_select_sort_measure_group_convert_export_and_format_and_Management_cmdlets_read_files(RunMode mode)
    {
        File.WriteAllLines(Path.Combine(_shell.Folder, "products.txt"), ["CFQ7TTC0H9MP", "CFQ7TTC0HD33", "CFQ7TTC0HD32"]);

        // One shell per way of running it, for both families: each start of the shell costs seconds.
        var result = Run(mode, """
            $policies = Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase
            'json ' + ($policies | Sort-Object ProductId -Descending | Select-Object -First 2 ProductId | ConvertTo-Json -Compress)
            'count ' + ($policies | Measure-Object).Count
            $policies | Group-Object PolicyValue | ForEach-Object { 'group ' + $_.Count }
            $policies | Export-Csv -Path policies.csv
            'table ' + (($policies | Select-Object -First 1 | Format-Table ProductId, ProductName | Out-String) -split '\r?\n' | Where-Object { $_ } | Select-Object -First 1)
            'last ' + (Get-Content -Path products.txt -Tail 1)
            'lines ' + (Get-Content -Path products.txt).Length
            """);

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        var ids = JsonDocument.Parse(Line(result, "json ")).RootElement.EnumerateArray().Select(item => item.GetProperty("ProductId").GetString()!).ToList();
        Assert.Equal(2, ids.Count);
        Assert.True(string.CompareOrdinal(ids[0], ids[1]) > 0, $"Not sorted descending: {string.Join(", ", ids)}");
        Assert.Equal(DemoProducts.ToString(), Line(result, "count "));
        Assert.Equal(DemoProducts, result.OutputLines.Where(line => line.StartsWith("group ", StringComparison.Ordinal)).Sum(line => int.Parse(line["group ".Length..])));
        Assert.Matches(@"^ProductId\s+ProductName$", Line(result, "table "));
        var csv = File.ReadAllLines(Path.Combine(_shell.Folder, "policies.csv"));
        Assert.Contains("\"ProductId\"", csv[0]);
        Assert.Equal(DemoProducts + 1, csv.Length);
        Assert.Equal("CFQ7TTC0HD32", Line(result, "last "));
        Assert.Equal("3", Line(result, "lines "));
    }

    [Fact]
    public void The_acceptance_line_prints_the_first_product_id_as_json()
    {
        var result = _shell.Command("Get-MSCommerceProductPolicies | Select-Object -First 1 ProductId | ConvertTo-Json");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("CFQ7TTC", JsonDocument.Parse(result.Output).RootElement.GetProperty("ProductId").GetString());
    }

    public enum RunMode { Command, File, Prompt }

    private ShellResult Run(RunMode mode, string script)
    {
        switch (mode)
        {
            case RunMode.Command:
                return _shell.Command(script);
            case RunMode.File:
                var path = Path.Combine(_shell.Folder, "script.ps1");
                File.WriteAllText(path, script);
                return _shell.Run(["-File", path]);
            default:
                return _shell.Run([], standardInput: script + "\n");
        }
    }

    private static string Line(ShellResult result, string prefix)
    {
        var line = result.OutputLines.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"No line starting '{prefix}' in:\n{result.Output}{result.Errors}");
        return line[prefix.Length..];
    }

    public void Dispose() => _shell.Dispose();
}
