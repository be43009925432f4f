using Xunit.Abstractions;
using Xunit.Sdk;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Writes how many cases a generated or repeated test ran to the runner's diagnostic messages
/// (xunit.runner.json turns them on), which `dotnet test` prints, so CI logs show them.
/// </summary>
public sealed class CaseCounts(IMessageSink diagnostics)
{
    public void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        diagnostics.OnMessage(new DiagnosticMessage(line));
    }
}
