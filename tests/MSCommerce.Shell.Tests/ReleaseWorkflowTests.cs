using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MSCommerce.Shell.Tests;

/// <summary>
/// The release workflow is not run here; it is read as YAML, as GitHub reads it, and must test, pack and
/// publish with the repository's own commands, its keys coming from secrets. The README shows it as it is.
/// </summary>
public sealed partial class ReleaseWorkflowTests
{
    private const string TestCommand = "dotnet test MSCommerce.sln -c Release";
    private const string PackCommand = "dotnet pack MSCommerce.sln -c Release -o artifacts";
    private static readonly string WorkflowPath = Path.Combine(ShellProcess.RepositoryRoot, ".github", "workflows", "release.yml");
    private static readonly string WorkflowText = File.ReadAllText(WorkflowPath).ReplaceLineEndings("\n");

    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(WorkflowText));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static List<YamlMappingNode> Steps()
    {
        var jobs = (YamlMappingNode)Workflow()["jobs"];
        var job = (YamlMappingNode)jobs.Children.Values.Single();
        return ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList();
    }

    private static string Run(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value ?? "" : "";

    private static string? Env(YamlMappingNode step, string name) =>
        step.Children.TryGetValue(new YamlScalarNode("env"), out var env) && ((YamlMappingNode)env).Children.TryGetValue(new YamlScalarNode(name), out var value)
            ? ((YamlScalarNode)value).Value
            : null;

    private static int IndexOf(List<YamlMappingNode> steps, Func<string, bool> runs)
    {
        var index = steps.FindIndex(step => runs(Run(step)));
        Assert.True(index >= 0, "The release workflow has no such step.");
        return index;
    }

    [Fact]
    public void It_runs_on_a_version_tag()
    {
        var push = (YamlMappingNode)((YamlMappingNode)Workflow()["on"])["push"];
        var tags = ((YamlSequenceNode)push["tags"]).Children.Select(tag => ((YamlScalarNode)tag).Value).ToList();

        Assert.Contains("v*.*.*", tags);
    }

    [Fact]
    public void It_runs_the_README_test_command_then_the_release_command()
    {
        var steps = Steps();
        var test = IndexOf(steps, run => run.Trim() == TestCommand);
        var pack = IndexOf(steps, run => run.Trim() == PackCommand);

        Assert.True(test < pack, "The packages must be made after the tests pass.");
        Assert.Contains(TestCommand, File.ReadAllText(Path.Combine(ShellProcess.RepositoryRoot, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void It_publishes_the_packed_module_with_Publish_PSResource_and_an_API_key_from_a_secret()
    {
        var steps = Steps();
        var pack = IndexOf(steps, run => run.Trim() == PackCommand);
        var publish = IndexOf(steps, run => run.Contains("Publish-PSResource", StringComparison.Ordinal));
        var run = Run(steps[publish]);

        Assert.True(pack < publish);
        Assert.Contains("artifacts/SelfServicePurchase.$env:VERSION.nupkg", run, StringComparison.Ordinal);
        Assert.Contains("-Repository PSGallery", run, StringComparison.Ordinal);
        var key = ApiKeyVariable().Match(run);
        Assert.True(key.Success, $"Publish-PSResource is not given -ApiKey from the environment: {run}");
        Assert.Matches(SecretExpression(), Env(steps[publish], key.Groups["name"].Value) ?? "");
    }

    [Fact]
    public void It_pushes_the_client_package_to_NuGet_with_a_key_from_a_secret()
    {
        var steps = Steps();
        var pack = IndexOf(steps, run => run.Trim() == PackCommand);
        var push = IndexOf(steps, run => run.Contains("dotnet nuget push", StringComparison.Ordinal));
        var run = Run(steps[push]);

        Assert.True(pack < push);
        Assert.Contains("artifacts/MSCommerce.Client.$VERSION.nupkg", run, StringComparison.Ordinal);
        Assert.Contains("--source https://api.nuget.org/v3/index.json", run, StringComparison.Ordinal);
        Assert.Contains("--api-key \"$NUGET_API_KEY\"", run, StringComparison.Ordinal);
        Assert.Matches(SecretExpression(), Env(steps[push], "NUGET_API_KEY") ?? "");
    }

    [Fact]
    public void The_README_shows_the_workflow_as_it_is()
    {
        var readme = File.ReadAllText(Path.Combine(ShellProcess.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");

        Assert.Contains("```yaml\n" + WorkflowText + "```", readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"-ApiKey \$env:(?<name>[A-Z_]+)")]
    private static partial Regex ApiKeyVariable();

    [GeneratedRegex(@"^\$\{\{ secrets\.[A-Z_]+ \}\}$")]
    private static partial Regex SecretExpression();
}
