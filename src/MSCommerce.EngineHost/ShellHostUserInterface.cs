using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace MSCommerce.EngineHost;

/// <summary>
/// Writes the host's streams to text writers and reads answers from a text reader. Without
/// <paramref name="colour"/> it writes plain text (for redirected output, logs and tests); with
/// <paramref name="showProgress"/> it draws Write-Progress as one line on the error writer.
/// </summary>
public sealed partial class ShellHostUserInterface(TextWriter output, TextWriter errors, TextReader input, bool colour = false, bool showProgress = false) : PSHostUserInterface
{
    private const int ProgressWidth = 119;
    private bool _progressShown;

    private readonly ShellRawUserInterface _rawUi = new();

    public override PSHostRawUserInterface RawUI => _rawUi;

    public override string ReadLine() => input.ReadLine() ?? string.Empty;

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
        {
            // At a keyboard: read without echo, as pwsh does for Read-Host -AsSecureString.
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    if (secure.Length > 0) secure.RemoveAt(secure.Length - 1);
                }
                else if (key.KeyChar != '\0')
                {
                    secure.AppendChar(key.KeyChar);
                }
            }

            output.WriteLine();
        }
        else
        {
            foreach (var character in ReadLine())
            {
                secure.AppendChar(character);
            }
        }

        secure.MakeReadOnly();
        return secure;
    }

    public override bool SupportsVirtualTerminal => colour;

    public override void Write(string value)
    {
        ClearProgress();
        output.Write(Render(value));
    }

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(Render(value));
    public override void WriteLine(string value)
    {
        ClearProgress();
        output.WriteLine(Render(value));
    }

    public override void WriteErrorLine(string value)
    {
        ClearProgress();
        errors.WriteLine(Render(value));
    }

    public override void WriteDebugLine(string message) => WriteLine($"DEBUG: {message}");
    public override void WriteVerboseLine(string message) => WriteLine($"VERBOSE: {message}");
    public override void WriteWarningLine(string message) => WriteLine($"WARNING: {message}");
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (!showProgress)
        {
            return;
        }

        if (record.RecordType == ProgressRecordType.Completed)
        {
            ClearProgress();
            return;
        }

        var percent = record.PercentComplete >= 0 ? $" [{record.PercentComplete,3}%]" : string.Empty;
        var line = $"{record.Activity}: {record.StatusDescription}{percent}";
        if (line.Length > ProgressWidth)
        {
            line = line[..(ProgressWidth - 1)] + "…";
        }

        errors.Write("\r" + line.PadRight(ProgressWidth));
        errors.Flush();
        _progressShown = true;
    }

    private void ClearProgress()
    {
        if (_progressShown)
        {
            errors.Write("\r" + new string(' ', ProgressWidth) + "\r");
            errors.Flush();
            _progressShown = false;
        }
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        WriteCaption(caption, message);
        var answers = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            Write($"{field.Name}: ");
            answers[field.Name] = PSObject.AsPSObject(ReadLine());
        }

        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        WriteCaption(caption, message);
        var labels = choices.Select(choice => choice.Label.Replace("&", string.Empty, StringComparison.Ordinal)).ToList();
        while (true)
        {
            Write($"{string.Join("  ", labels.Select((label, i) => $"[{HotKey(choices[i].Label)}] {label}"))} (default is \"{HotKey(choices[defaultChoice].Label)}\"): ");
            var answer = input.ReadLine();
            if (answer is null)
            {
                return defaultChoice;
            }

            answer = answer.Trim();
            if (answer.Length == 0)
            {
                return defaultChoice;
            }

            for (var i = 0; i < choices.Count; i++)
            {
                if (answer.Equals(HotKey(choices[i].Label), StringComparison.OrdinalIgnoreCase) || answer.Equals(labels[i], StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        WriteCaption(caption, message);
        if (string.IsNullOrEmpty(userName))
        {
            Write("User: ");
            userName = ReadLine();
        }

        Write("Password: ");
        return new PSCredential(userName, ReadLineAsSecureString());
    }

    private string Render(string text) => colour ? text : EscapeSequence().Replace(text, string.Empty);

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex EscapeSequence();

    private void WriteCaption(string caption, string message)
    {
        if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
    }

    private static string HotKey(string label)
    {
        var ampersand = label.IndexOf('&', StringComparison.Ordinal);
        return ampersand >= 0 && ampersand + 1 < label.Length ? label[ampersand + 1].ToString() : label;
    }
}
