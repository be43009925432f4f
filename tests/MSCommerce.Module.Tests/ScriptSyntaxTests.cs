using System.Management.Automation.Language;

namespace MSCommerce.Module.Tests;

/// <summary>pwsh is not on every machine that runs CI: the engine's own parser still catches a broken script.</summary>
public sealed class ScriptSyntaxTests
{
    public static TheoryData<string> Scripts() => new(ScriptPaths());

    private static IEnumerable<string> ScriptPaths()
    {
        var root = RepositoryRoot();
        return Directory.EnumerateFiles(root, "*.ps*1", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
            .Where(path => !IsGenerated(root, path))
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_script_in_the_repository_parses(string relativePath)
    {
        Parser.ParseFile(Path.Combine(RepositoryRoot(), relativePath), out _, out var errors);

        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(error => $"{relativePath}:{error.Extent.StartLineNumber}: {error.Message}")));
    }

    [Fact]
    public void The_repository_has_the_build_script_and_a_pester_suite()
    {
        var scripts = ScriptPaths().ToList();

        Assert.Contains("build.ps1", scripts);
        Assert.Contains(scripts, path => path.StartsWith(Path.Combine("tests", "Pester"), StringComparison.Ordinal) && path.EndsWith(".Tests.ps1", StringComparison.Ordinal));
    }

    private static bool IsGenerated(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative.StartsWith("out/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var manifest = MSCommerce.EngineHost.ModuleLocator.FindManifest();
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifest)!, "..", ".."));
    }
}
