using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace MSCommerce.Shell.Hosting;

/// <summary>
/// Writes the host's streams to text writers and reads answers from a text reader. Without
/// <paramref name="colour"/> it writes plain text (for redirected output, logs and tests).
/// </summary>
public sealed partial class ShellHostUserInterface(TextWriter output, TextWriter errors, TextReader input, bool colour = false) : PSHostUserInterface
{
    private readonly ShellRawUserInterface _rawUi = new();

    public override PSHostRawUserInterface RawUI => _rawUi;

    public override string ReadLine() => input.ReadLine() ?? string.Empty;

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        foreach (var character in ReadLine())
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public override bool SupportsVirtualTerminal => colour;

    public override void Write(string value) => output.Write(Render(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(Render(value));
    public override void WriteLine(string value) => output.WriteLine(Render(value));
    public override void WriteErrorLine(string value) => errors.WriteLine(Render(value));
    public override void WriteDebugLine(string message) => output.WriteLine($"DEBUG: {message}");
    public override void WriteVerboseLine(string message) => output.WriteLine($"VERBOSE: {message}");
    public override void WriteWarningLine(string message) => output.WriteLine($"WARNING: {message}");
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

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
