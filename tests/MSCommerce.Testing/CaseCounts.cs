using Xunit.Abstractions;
using Xunit.Sdk;

namespace MSCommerce.Testing;

/// <summary>
/// Writes what a generated or soak test tried to the runner's diagnostic messages (xunit.runner.json
/// turns them on), which `dotnet test` prints, so CI logs show them.
/// </summary>
public sealed class CaseCounts(IMessageSink diagnostics)
{
    public void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        diagnostics.OnMessage(new DiagnosticMessage(line));
    }
}
