using System.Management.Automation.Language;

namespace MSCommerce.Shell;

/// <summary>Reads commands at a prompt, continuing a command over several lines until it parses complete.</summary>
public sealed class InteractivePrompt(ShellSession session, TextReader input, TextWriter output)
{
    public const string PromptText = "MSCommerce PS> ";
    public const string ContinuationText = ">> ";

    /// <summary>Runs commands until end of input or 'exit'; the exit code is the last failure's, or the one 'exit N' gave.</summary>
    public int Run()
    {
        var exitCode = 0;
        while (ReadCommand() is { } command)
        {
            if (command.Trim().Length == 0)
            {
                continue;
            }

            var result = session.Run(command);
            if (session.ExitRequested)
            {
                return result;
            }

            exitCode = result;
        }

        output.WriteLine();
        return exitCode;
    }

    private string? ReadCommand()
    {
        output.Write(PromptText);
        var text = input.ReadLine();
        if (text is null)
        {
            return null;
        }

        while (IsIncomplete(text))
        {
            output.Write(ContinuationText);
            var more = input.ReadLine();
            if (more is null || more.Length == 0)
            {
                break;
            }

            text += Environment.NewLine + more;
        }

        return text;
    }

    private static bool IsIncomplete(string script)
    {
        Parser.ParseInput(script, out _, out var errors);
        return errors.Any(error => error.IncompleteInput);
    }
}
