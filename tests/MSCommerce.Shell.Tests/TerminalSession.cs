using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MSCommerce.Shell.Tests;

/// <summary>
/// Runs the shell in a real terminal (a detached tmux session on a private socket) so that it is interactive:
/// keys go in with send-keys, the screen comes back with capture-pane. Disposing stops the shell's process tree and the tmux server.
/// </summary>
public sealed class TerminalSession : IDisposable
{
    private const string Target = "shell";
    private static readonly TimeSpan TmuxTimeout = TimeSpan.FromSeconds(20);
    private static readonly Lazy<bool> PwshRestored = new(RestorePwsh);

    private readonly string _socket = "mscommerce-" + Guid.NewGuid().ToString("N");
    private readonly string _exitCodeFile;

    /// <param name="environment">Set for the shell on top of the defaults (history and profile in <paramref name="folder"/>, no telemetry).</param>
    public TerminalSession(string shellAssembly, string folder, IReadOnlyDictionary<string, string>? environment = null)
    {
        _ = PwshRestored.Value;
        var variables = new Dictionary<string, string>
        {
            // PSReadLine keeps its history under XDG_DATA_HOME and pwsh reads its profile under XDG_CONFIG_HOME: both in the test's folder.
            ["XDG_DATA_HOME"] = Path.Combine(folder, "data"),
            ["XDG_CONFIG_HOME"] = Path.Combine(folder, "config"),
            ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
            ["POWERSHELL_UPDATECHECK"] = "Off",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        // A shell script runs the shell and writes its exit code to a file: tmux may be slow to reap a
        // process (a zombie was seen for over a minute on a loaded machine), the script never is.
        _exitCodeFile = Path.Combine(folder, "exit-code-" + Guid.NewGuid().ToString("N"));
        Tmux(["-f", "/dev/null", "new-session", "-d", "-s", Target, "-x", "120", "-y", "50", "-c", folder,
            "sh", "-c", "\"$@\"; echo $? > \"$0.tmp\" && mv \"$0.tmp\" \"$0\"", _exitCodeFile,
            "env", .. variables.Select(variable => $"{variable.Key}={variable.Value}"),
            "dotnet", shellAssembly, "-Database", Path.Combine(folder, "commerce.db"), ";", "set-option", "-t", Target, "remain-on-exit", "on"]);
    }

    public void Type(string text) => Tmux(["send-keys", "-t", Target, "-l", text]);

    /// <summary>Named keys as tmux spells them: Tab, Enter, Up.</summary>
    public void Press(params string[] keys) => Tmux(["send-keys", "-t", Target, .. keys]);

    /// <summary>The whole scrollback, wrapped lines joined.</summary>
    public string Screen() => Tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", Target]);

    public string WaitFor(string pattern, TimeSpan timeout) => WaitFor(screen => Regex.IsMatch(screen, pattern), timeout, $"/{pattern}/");

    public string WaitFor(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var screen = Screen();
            if (condition(screen))
            {
                return screen;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The terminal did not show {what} within {timeout}. It shows:\n{screen}\nIts processes:\n{PaneProcesses()}");
            }

            Thread.Sleep(200);
        }
    }

    public int WaitForExit(TimeSpan timeout)
    {
        WaitFor(_ => File.Exists(_exitCodeFile), timeout, "the shell's exit");
        return int.Parse(File.ReadAllText(_exitCodeFile).Trim());
    }

    public void Dispose()
    {
        try
        {
            var panePid = int.Parse(Tmux(["display-message", "-p", "-t", Target, "#{pane_pid}"]).Trim());
            using var shell = Process.GetProcessById(panePid);
            shell.Kill(entireProcessTree: true);
            shell.WaitForExit(TmuxTimeout);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or FormatException)
        {
            // The shell has already exited (or never started): nothing of it is left to stop.
        }
        finally
        {
            Tmux(["kill-server"], check: false);
        }
    }

    private string PaneProcesses()
    {
        var panePid = Tmux(["display-message", "-p", "-t", Target, "#{pane_pid}"], check: false).Trim();
        return Run("ps", ["-o", "pid,stat,etimes,args", "--forest", "-g", panePid], Environment.CurrentDirectory, TmuxTimeout, check: false);
    }

    private string Tmux(IEnumerable<string> arguments, bool check = true) => Run("tmux", ["-L", _socket, .. arguments], Environment.CurrentDirectory, TmuxTimeout, check);

    /// <summary>The interactive shell runs pwsh through the repository's tool manifest, as 'dotnet test' on a clean machine must first restore it.</summary>
    private static bool RestorePwsh()
    {
        Run("dotnet", ["tool", "restore"], ShellProcess.RepositoryRoot, TimeSpan.FromMinutes(3), check: true);
        return true;
    }

    private static string Run(string program, IEnumerable<string> arguments, string directory, TimeSpan timeout, bool check)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not exit within {timeout}.");
        }

        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {errors.Result}");
        }

        return output.Result;
    }
}
