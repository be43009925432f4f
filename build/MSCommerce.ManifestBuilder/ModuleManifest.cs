using System.Collections;
using System.Management.Automation.Language;
using System.Text;

namespace MSCommerce.ManifestBuilder;

/// <summary>
/// A module manifest (.psd1) read by PowerShell's own parser. Stamp replaces the values of the keys the build owns and keeps
/// every other character of the file (comments, order, alignment); strings are written single-quoted and escaped as
/// PowerShell reads them back, typographic quotes included.
/// </summary>
public sealed class ModuleManifest
{
    private readonly string _text;
    private readonly string _file;
    private readonly HashtableAst _root;

    private ModuleManifest(string text, string file, HashtableAst root) => (_text, _file, _root) = (text, file, root);

    public static ModuleManifest Parse(string text, string file)
    {
        var ast = Parser.ParseInput(text, out _, out var errors);
        if (errors.Length > 0)
        {
            throw new BuildInputException(file, $"{file} is not a valid manifest: {errors[0].Message} (line {errors[0].Extent.StartLineNumber}).");
        }

        return ast.Find(node => node is HashtableAst, searchNestedScriptBlocks: false) is HashtableAst root
            ? new ModuleManifest(text, file, root)
            : throw new BuildInputException(file, $"{file} holds no @{{ ... }} hashtable.");
    }

    public string Stamp(ManifestStamp stamp)
    {
        var psData = Hashtable(Hashtable(_root, "PrivateData"), "PSData");
        var edits = new List<(int Start, int End, string Text)>
        {
            Replace(_root, "ModuleVersion", stamp.Version.Number),
            Replace(psData, "ProjectUri", stamp.RepositoryUrl),
            Replace(psData, "LicenseUri", stamp.RepositoryUrl + "/blob/main/LICENSE"),
            Replace(psData, "ReleaseNotes", stamp.ReleaseNotes),
        };
        if (Value(psData, "Prerelease") is not null)
        {
            edits.Add(Replace(psData, "Prerelease", stamp.Version.Prerelease));
        }
        else if (stamp.Version.Prerelease.Length > 0)
        {
            edits.Add(InsertFirst(psData, "Prerelease", stamp.Version.Prerelease));
        }

        var text = new StringBuilder(_text);
        foreach (var edit in edits.OrderByDescending(edit => edit.Start))
        {
            text.Remove(edit.Start, edit.End - edit.Start).Insert(edit.Start, edit.Text);
        }

        return text.ToString();
    }

    /// <summary>The manifest's data as Import-PowerShellDataFile gives it.</summary>
    public Hashtable Data() => (Hashtable)_root.SafeGetValue();

    public static string Quote(string value) => "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";

    private (int, int, string) Replace(HashtableAst table, string key, string value)
    {
        var extent = Value(table, key)?.Extent ?? throw Missing(key);
        return (extent.StartOffset, extent.EndOffset, Quote(value));
    }

    /// <summary>A new first key of the table, on its own line, indented and aligned as the table's present first key.</summary>
    private (int, int, string) InsertFirst(HashtableAst table, string key, string value)
    {
        var first = table.KeyValuePairs.FirstOrDefault() ?? throw Missing(key);
        var keyWidth = first.Item2.Extent.StartColumnNumber - first.Item1.Extent.StartColumnNumber - "= ".Length;
        var line = new string(' ', first.Item1.Extent.StartColumnNumber - 1) + key.PadRight(keyWidth) + "= " + Quote(value);
        var afterBrace = table.Extent.StartOffset + "@{".Length;
        var newline = _text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        return (afterBrace, afterBrace, newline + line);
    }

    private HashtableAst Hashtable(HashtableAst table, string key) =>
        Value(table, key)?.Find(node => node is HashtableAst, searchNestedScriptBlocks: false) as HashtableAst ?? throw Missing(key);

    private static Ast? Value(HashtableAst table, string key) =>
        table.KeyValuePairs.FirstOrDefault(pair => pair.Item1 is StringConstantExpressionAst name && string.Equals(name.Value, key, StringComparison.OrdinalIgnoreCase))?.Item2 switch
        {
            PipelineAst { PipelineElements: [CommandExpressionAst expression] } => expression.Expression,
            var other => other,
        };

    private BuildInputException Missing(string key) => new(_file, $"{_file} has no {key} to stamp: the build writes it, so the manifest must name it (with '' as its value).");
}
