using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>A browser could not be opened for the sign-in; the message says why, for the warning before the device code.</summary>
    internal sealed class BrowserUnavailableException : Exception
    {
        public BrowserUnavailableException(string reason)
            : base(reason)
        {
        }
    }

    /// <summary>
    /// Opens the system browser for MSAL's sign-in page, and says beforehand when none can open. MSAL's
    /// own launch starts xdg-open and never learns that it failed (the sign-in would then wait for a
    /// browser that never comes); this one waits a moment for the launcher's exit code. On Linux the
    /// launcher is $BROWSER when set, else the first of xdg-open, gnome-open, kfmclient and wslview on
    /// PATH, and without a display (DISPLAY, WAYLAND_DISPLAY; an SSH session or a container) there is none.
    /// </summary>
    internal static class BrowserLauncher
    {
        private static readonly string[] LinuxLaunchers = { "xdg-open", "gnome-open", "kfmclient", "wslview" };
        private static readonly TimeSpan LaunchGrace = TimeSpan.FromSeconds(5);

        /// <summary>Why no browser can open here, or null when one may.</summary>
        public static string? Unavailable()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return null;
            }

            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("BROWSER")))
            {
                return null;
            }

            var wsl = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WSL_DISTRO_NAME"));
            if (!wsl && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
            {
                return !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SSH_CONNECTION"))
                    ? "this is an SSH session without a display (DISPLAY is not set)"
                    : "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)";
            }

            return LinuxLauncher() == null ? $"no browser launcher ({string.Join(", ", LinuxLaunchers)}) is on PATH" : null;
        }

        /// <summary>Opens the URL; throws <see cref="BrowserUnavailableException"/> when the launcher cannot start or fails.</summary>
        public static async Task OpenAsync(Uri url)
        {
            var start = Launch(url);
            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (Exception error) when (error is System.ComponentModel.Win32Exception || error is InvalidOperationException || error is FileNotFoundException)
            {
                throw new BrowserUnavailableException($"{start.FileName} could not be started: {error.Message}");
            }

            if (process == null || start.UseShellExecute)
            {
                return;
            }

            // The pipes are drained for as long as anything holds them (a browser the launcher started may
            // write to them long after), so that no writer ever blocks or dies on a closed pipe.
            var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.OutputDataReceived += (_, line) => { };
            var errorsEnded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data == null)
                {
                    errorsEnded.TrySetResult(true);
                }
                else if (!string.IsNullOrWhiteSpace(line.Data) && said.Count < 5)
                {
                    said.Enqueue(line.Data.Replace(url.AbsoluteUri, "<the sign-in page>").Trim());
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close();

            // A launcher hands the page to the browser and exits; one still running after a while is the browser itself.
            var exited = await Task.Run(() => process.WaitForExit((int)LaunchGrace.TotalMilliseconds)).ConfigureAwait(false);
            if (exited && process.ExitCode != 0)
            {
                // The exit can be seen before the last lines of its error output are read: wait for the end of the
                // pipe, briefly, since a child the launcher left behind may hold it open.
                await Task.WhenAny(errorsEnded.Task, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
                var why = said.IsEmpty ? "" : ": " + string.Join(" ", said);
                throw new BrowserUnavailableException($"{Path.GetFileName(start.FileName)} could not open a browser (exit code {process.ExitCode}{why})");
            }
        }

        private static ProcessStartInfo Launch(Uri url)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true };
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return Quiet("open", url);
            }

            var browser = Environment.GetEnvironmentVariable("BROWSER");
            var launcher = !string.IsNullOrEmpty(browser) ? browser!.Split(':')[0] : LinuxLauncher() ?? "xdg-open";
            if (Path.GetFileName(launcher) == "kfmclient")
            {
                var start = Quiet(launcher, url);
                start.Arguments = "openURL \"" + url.AbsoluteUri + "\"";
                return start;
            }

            return Quiet(launcher, url);
        }

        private static ProcessStartInfo Quiet(string fileName, Uri url) => new ProcessStartInfo(fileName, "\"" + url.AbsoluteUri + "\"")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };

        private static string? LinuxLauncher() =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Where(folder => folder.Length > 0)
                .SelectMany(folder => LinuxLaunchers.Select(name => Path.Combine(folder, name)))
                .FirstOrDefault(File.Exists);
    }
}
