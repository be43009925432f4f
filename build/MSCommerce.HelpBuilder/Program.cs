using MSCommerce.HelpBuilder;

// Usage: MSCommerce.HelpBuilder <module manifest> <docs/help folder> <output MAML file>
// Also copies the about_*.help.txt topics of the docs folder beside the MAML file.
if (args.Length != 3)
{
    Console.Error.WriteLine("Usage: MSCommerce.HelpBuilder <module manifest> <help source folder> <output MAML file>");
    return 2;
}

var (manifest, sources, output) = (args[0], args[1], args[2]);
var problems = new List<string>();
var commands = new List<(System.Management.Automation.CmdletInfo, HelpDocument)>();
foreach (var cmdlet in ModuleCommands.Exported(manifest))
{
    var path = Path.Combine(sources, cmdlet.Name + ".md");
    if (!File.Exists(path))
    {
        problems.Add($"{cmdlet.Name} has no help source ({path}).");
        commands.Add((cmdlet, new HelpDocument { CommandName = cmdlet.Name }));
        continue;
    }

    var help = MarkdownHelpReader.Read(path);
    problems.AddRange(HelpCompleteness.Problems(cmdlet, help));
    commands.Add((cmdlet, help));
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
MamlWriter.Write(commands).Save(output);
foreach (var topic in Directory.EnumerateFiles(sources, "about_*.help.txt"))
{
    File.Copy(topic, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFileName(topic)), overwrite: true);
}

// Incomplete help is reported here and failed by the module tests, so a build never breaks over words.
foreach (var problem in problems)
{
    Console.WriteLine($"MSCommerce help: {problem}");
}

Console.WriteLine($"MSCommerce help: {commands.Count} cmdlets -> {output}");
return 0;
