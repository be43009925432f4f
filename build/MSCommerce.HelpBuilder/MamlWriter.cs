using System.Management.Automation;
using System.Xml.Linq;

namespace MSCommerce.HelpBuilder;

/// <summary>
/// Writes MAML (the XML help format Get-Help reads for binary modules). Syntax, parameter types,
/// positions and pipeline input come from the cmdlet itself; the words come from its Markdown help.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly Dictionary<string, string> ShouldProcessParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
    };

    public static XDocument Write(IEnumerable<(CmdletInfo Cmdlet, HelpDocument Help)> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                commands.Select(command => WriteCommand(command.Cmdlet, command.Help))));

    /// <summary>The parameters a user sets on purpose: the cmdlet's own, plus -WhatIf and -Confirm.</summary>
    public static IEnumerable<ParameterMetadata> DocumentableParameters(CmdletInfo cmdlet) =>
        cmdlet.Parameters.Values
            .Where(parameter => !Cmdlet.CommonParameters.Contains(parameter.Name) || ShouldProcessParameters.ContainsKey(parameter.Name))
            .Where(parameter => !Cmdlet.OptionalCommonParameters.Contains(parameter.Name) || ShouldProcessParameters.ContainsKey(parameter.Name))
            .OrderBy(parameter => parameter.Name, StringComparer.OrdinalIgnoreCase);

    private static XElement WriteCommand(CmdletInfo cmdlet, HelpDocument help) =>
        new(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", cmdlet.ParameterSets.Select(set => SyntaxItem(cmdlet, set, help))),
            new XElement(Command + "parameters", DocumentableParameters(cmdlet).Select(parameter => Parameter(cmdlet, parameter.Name, help, position: PositionOf(cmdlet, parameter.Name)))),
            new XElement(Command + "inputTypes", help.Inputs.Select(input => TypeNote(Command + "inputType", input))),
            new XElement(Command + "returnValues", OutputsOf(cmdlet, help).Select(output => TypeNote(Command + "returnValue", output))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select((example, index) => Example(example, index + 1))),
            new XElement(Command + "relatedLinks", help.RelatedLinks.Select(Link)));

    private static XElement SyntaxItem(CmdletInfo cmdlet, CommandParameterSetInfo set, HelpDocument help) =>
        new(Command + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            set.Parameters
                .Where(parameter => DocumentableParameters(cmdlet).Any(documented => documented.Name == parameter.Name))
                .OrderBy(parameter => parameter.Position < 0 ? int.MaxValue : parameter.Position)
                .ThenBy(parameter => parameter.IsMandatory ? 0 : 1)
                .Select(parameter => Parameter(cmdlet, parameter.Name, help, parameter)));

    private static XElement Parameter(CmdletInfo cmdlet, string name, HelpDocument help, CommandParameterInfo? inSet = null, string? position = null)
    {
        var metadata = cmdlet.Parameters[name];
        var attributes = metadata.ParameterSets.Values;
        var required = inSet?.IsMandatory ?? attributes.All(set => set.IsMandatory);
        var byValue = inSet?.ValueFromPipeline ?? attributes.Any(set => set.ValueFromPipeline);
        var byName = inSet?.ValueFromPipelineByPropertyName ?? attributes.Any(set => set.ValueFromPipelineByPropertyName);
        var isSwitch = metadata.SwitchParameter;
        var typeName = TypeName(metadata.ParameterType);
        var element = new XElement(Command + "parameter",
            new XAttribute("required", required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", PipelineInput(byValue, byName)),
            new XAttribute("position", inSet is null ? position ?? "named" : inSet.Position < 0 ? "named" : inSet.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("aliases", metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases)),
            new XElement(Maml + "name", name),
            Description(DescriptionOf(help, name)));
        if (!isSwitch)
        {
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), typeName));
        }

        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", typeName), new XElement(Maml + "uri")));
        element.Add(new XElement(Dev + "defaultValue", isSwitch ? "False" : "None"));
        return element;
    }

    private static string DescriptionOf(HelpDocument help, string parameter) =>
        help.Parameters.TryGetValue(parameter, out var text) ? text : ShouldProcessParameters.GetValueOrDefault(parameter, "");

    private static string PositionOf(CmdletInfo cmdlet, string name)
    {
        var positions = cmdlet.ParameterSets.SelectMany(set => set.Parameters).Where(parameter => parameter.Name == name && parameter.Position >= 0).Select(parameter => parameter.Position).Distinct().ToList();
        return positions.Count == 1 ? positions[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "named";
    }

    private static IEnumerable<HelpTypeNote> OutputsOf(CmdletInfo cmdlet, HelpDocument help) =>
        help.Outputs.Count > 0 ? help.Outputs : cmdlet.OutputType.Select(type => new HelpTypeNote(type.Name, ""));

    private static string PipelineInput(bool byValue, bool byName) => (byValue, byName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static string TypeName(Type type) => type == typeof(SwitchParameter) ? "SwitchParameter" : type.IsGenericType ? type.ToString() : type.Name;

    private static XElement TypeNote(XName name, HelpTypeNote note) =>
        new(name, new XElement(Dev + "type", new XElement(Maml + "name", note.TypeName), new XElement(Maml + "uri")), Description(note.Description));

    private static XElement Example(HelpExample example, int number) =>
        new(Command + "example",
            new XElement(Maml + "title", $"--------- Example {number}: {TitleWithoutNumber(example.Title)} ---------"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paragraphs(example.Remarks)));

    private static string TitleWithoutNumber(string title)
    {
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        return title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) && colon > 0 ? title[(colon + 1)..].Trim() : title;
    }

    private static XElement Link(string link)
    {
        var parts = link.Split('|', 2);
        return new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", parts[0]), new XElement(Maml + "uri", parts.Length > 1 ? parts[1] : ""));
    }

    private static XElement Description(string text) => new(Maml + "description", Paragraphs(text));

    private static IEnumerable<XElement> Paragraphs(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(paragraph => new XElement(Maml + "para", paragraph));
}
