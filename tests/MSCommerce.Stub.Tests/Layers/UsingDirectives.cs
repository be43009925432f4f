using System.Text.RegularExpressions;

namespace MSCommerce.Stub.Tests.Layers;

/// <summary>
/// The service namespaces each source file imports, read from its using directives: what the built
/// assembly cannot show, a constant's namespace (the compiler copies a constant's value into the IL).
/// </summary>
public static partial class UsingDirectives
{
    public static IReadOnlyList<TypeReference> Read(string sourceFolder, string rootNamespace) =>
        [.. Directory.EnumerateFiles(sourceFolder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(sourceFolder, path)))
            .SelectMany(path => Imports(path, File.ReadAllText(path), rootNamespace))];

    /// <summary>One "file -> namespace" reference per service namespace the file imports; the file's own namespace is the one it declares.</summary>
    public static IEnumerable<TypeReference> Imports(string path, string source, string rootNamespace)
    {
        var own = FileScopedNamespace().Match(source) is { Success: true } declared ? declared.Groups[1].Value : "";
        return UsingDirective().Matches(source)
            .Select(directive => directive.Groups[1].Value)
            .Where(imported => imported == rootNamespace || imported.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
            .Select(imported => new TypeReference(own, path, imported, imported));
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relativePath.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    [GeneratedRegex(@"^using\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
