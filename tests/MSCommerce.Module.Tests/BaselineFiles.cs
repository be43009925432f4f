namespace MSCommerce.Module.Tests;

/// <summary>A temp folder for the baseline files of one test.</summary>
public sealed class BaselineFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mscommerce-baselines-" + Guid.NewGuid().ToString("N"));

    public BaselineFiles() => Directory.CreateDirectory(_folder);

    public string PathOf(string name) => Path.Combine(_folder, name);

    public string Write(string name, string json)
    {
        var path = PathOf(name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A named pipe (FIFO) with no writer: opening it for reading would wait for one.</summary>
    public string Fifo(string name)
    {
        var path = PathOf(name);
        using var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        if (!mkfifo.WaitForExit(TimeSpan.FromSeconds(30)) || mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed.");
        }

        return path;
    }

    /// <summary>A baseline of the given default, listing the given products (id, value).</summary>
    public string Baseline(string name, string defaultValue, params (string Id, string Value)[] products) =>
        Write(name, $$"""
            {
              "schemaVersion": 1,
              "policyId": "AllowSelfServicePurchase",
              "defaultValue": "{{defaultValue}}",
              "products": {
            {{string.Join(",\n", products.Select(product => $$"""    "{{product.Id}}": { "value": "{{product.Value}}" }"""))}}
              }
            }
            """);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
