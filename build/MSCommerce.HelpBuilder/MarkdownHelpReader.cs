using System.Text;

namespace MSCommerce.HelpBuilder;

/// <summary>
/// Reads a cmdlet's help from Markdown laid out as platyPS lays it out:
/// <c># Name</c>, then <c>## SYNOPSIS</c>, <c>## DESCRIPTION</c>, <c>## EXAMPLES</c> (<c>### Example N: title</c>
/// with a fenced code block and remarks), <c>## PARAMETERS</c> (<c>### -Name</c>), <c>## INPUTS</c>,
/// <c>## OUTPUTS</c> (<c>### TypeName</c>), <c>## NOTES</c>, <c>## RELATED LINKS</c>.
/// </summary>
public static class MarkdownHelpReader
{
    public static HelpDocument Read(string path) => Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));

    public static HelpDocument Parse(string markdown, string fallbackName)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var title = lines.FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal));
        var document = new HelpDocument { CommandName = title?[2..].Trim() ?? fallbackName };

        foreach (var (heading, body) in Sections(lines, "## "))
        {
            switch (heading.ToUpperInvariant())
            {
                case "SYNOPSIS": document.Synopsis = Text(body); break;
                case "DESCRIPTION": document.Description = Text(body); break;
                case "NOTES": document.Notes = Text(body); break;
                case "EXAMPLES":
                    foreach (var (exampleTitle, exampleBody) in Sections(body, "### "))
                    {
                        document.Examples.Add(ReadExample(exampleTitle, exampleBody));
                    }

                    break;
                case "PARAMETERS":
                    foreach (var (name, parameterBody) in Sections(body, "### "))
                    {
                        document.Parameters[name.TrimStart('-')] = Text(WithoutCodeBlocks(parameterBody));
                    }

                    break;
                case "INPUTS":
                    document.Inputs.AddRange(Sections(body, "### ").Select(section => new HelpTypeNote(section.Heading, Text(section.Body))));
                    break;
                case "OUTPUTS":
                    document.Outputs.AddRange(Sections(body, "### ").Select(section => new HelpTypeNote(section.Heading, Text(section.Body))));
                    break;
                case "RELATED LINKS":
                    document.RelatedLinks.AddRange(body.Select(line => line.Trim().TrimStart('-', '*').Trim()).Where(line => line.Length > 0).Select(StripLink));
                    break;
            }
        }

        return document;
    }

    private static HelpExample ReadExample(string title, IReadOnlyList<string> body)
    {
        var code = new StringBuilder();
        var remarks = new List<string>();
        var inCode = false;
        foreach (var line in body)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                code.AppendLine(line);
            }
            else
            {
                remarks.Add(line);
            }
        }

        return new HelpExample(title, code.ToString().TrimEnd(), Text(remarks));
    }

    private static IEnumerable<(string Heading, IReadOnlyList<string> Body)> Sections(IReadOnlyList<string> lines, string marker)
    {
        string? heading = null;
        var body = new List<string>();
        var inCode = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }

            if (!inCode && line.StartsWith(marker, StringComparison.Ordinal))
            {
                if (heading is not null)
                {
                    yield return (heading, body);
                }

                heading = line[marker.Length..].Trim();
                body = [];
            }
            else if (heading is not null)
            {
                body.Add(line);
            }
        }

        if (heading is not null)
        {
            yield return (heading, body);
        }
    }

    private static IEnumerable<string> WithoutCodeBlocks(IEnumerable<string> lines)
    {
        var inCode = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (!inCode)
            {
                yield return line;
            }
        }
    }

    /// <summary>Paragraphs separated by blank lines; the lines of one paragraph joined with spaces.</summary>
    private static string Text(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Select(line => line.TrimEnd()))
        {
            if (line.Length == 0)
            {
                Flush();
            }
            else if (line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                current.Add(line.Trim());
                Flush();
            }
            else
            {
                current.Add(line.Trim());
            }
        }

        Flush();
        return string.Join("\n\n", paragraphs);

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(string.Join(" ", current));
                current.Clear();
            }
        }
    }

    private static string StripLink(string line)
    {
        // [text](uri) -> "text: uri" keeps both for the reader of Get-Help.
        var close = line.IndexOf("](", StringComparison.Ordinal);
        if (line.StartsWith('[') && close > 0 && line.EndsWith(')'))
        {
            var text = line[1..close];
            var uri = line[(close + 2)..^1];
            return uri.Length == 0 ? text : $"{text}|{uri}";
        }

        return line;
    }
}
