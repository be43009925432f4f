using MSCommerce.ManifestBuilder;

namespace MSCommerce.Build.Tests;

public sealed class ChangelogTests
{
    private const string Sample = """
        # Changelog

        Intro text.

        ## [Unreleased]

        ### Added

        - Something new.

        ## [1.1.0] - 2026-01-02

        ### Fixed

        - A bug.
          On two lines.

        ## [1.0.0] - 2025-12-01

        - First release.
        """;

    [Fact]
    public void A_released_version_gets_its_own_section_without_its_heading_up_to_the_next_version()
    {
        Assert.Equal("### Fixed\n\n- A bug.\n  On two lines.", Changelog.ReleaseNotes(Sample, "1.1.0"));
    }

    [Fact]
    public void The_last_section_runs_to_the_end_of_the_file()
    {
        Assert.Equal("- First release.", Changelog.ReleaseNotes(Sample, "1.0.0"));
    }

    [Fact]
    public void A_version_with_no_section_yet_gets_the_unreleased_section()
    {
        Assert.Equal("### Added\n\n- Something new.", Changelog.ReleaseNotes(Sample, "1.2.0-beta1"));
    }

    [Fact]
    public void A_version_is_matched_whole_not_as_a_pattern_or_a_prefix()
    {
        Assert.Equal("### Added\n\n- Something new.", Changelog.ReleaseNotes(Sample, "1.1"));
        Assert.Equal("### Added\n\n- Something new.", Changelog.ReleaseNotes(Sample, "1x1x0"));
    }

    [Fact]
    public void Windows_line_endings_are_kept_inside_the_notes_and_trimmed_around_them()
    {
        var crlf = Sample.ReplaceLineEndings("\r\n");

        Assert.Equal("### Fixed\r\n\r\n- A bug.\r\n  On two lines.", Changelog.ReleaseNotes(crlf, "1.1.0"));
    }

    [Fact]
    public void A_changelog_with_neither_the_version_nor_unreleased_is_an_error_that_says_what_to_add()
    {
        var error = Assert.Throws<BuildInputException>(() => Changelog.ReleaseNotes("# Changelog\n\n## [1.0.0]\n\n- Old.\n", "2.0.0", "CHANGELOG.md"));

        Assert.Equal("CHANGELOG.md", error.File);
        Assert.Equal("CHANGELOG.md has neither a '## [2.0.0]' nor a '## [Unreleased]' section: add the release notes of 2.0.0 there.", error.Message);
    }
}
