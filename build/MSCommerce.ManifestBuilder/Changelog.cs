namespace MSCommerce.ManifestBuilder;

/// <summary>
/// The release notes of a version in a Keep a Changelog file: the text under its "## [version]" heading up to the next
/// "## " heading, or under "## [Unreleased]" while the changelog has no section for that version yet.
/// </summary>
public static class Changelog
{
    public const string Unreleased = "Unreleased";

    public static string ReleaseNotes(string changelog, string version, string file = "CHANGELOG.md")
    {
        var lines = changelog.Split('\n');
        var start = HeadingLine(lines, version) ?? HeadingLine(lines, Unreleased)
            ?? throw new BuildInputException(file, $"{file} has neither a '## [{version}]' nor a '## [{Unreleased}]' section: add the release notes of {version} there.");
        var end = start + 1;
        while (end < lines.Length && !lines[end].StartsWith("## ", StringComparison.Ordinal))
        {
            end++;
        }

        return string.Join("\n", lines[(start + 1)..end]).Trim();
    }

    private static int? HeadingLine(string[] lines, string name)
    {
        var heading = $"## [{name}]";
        var index = Array.FindIndex(lines, line => line.StartsWith(heading, StringComparison.Ordinal));
        return index < 0 ? null : index;
    }
}
