using System.Diagnostics;
using System.Reflection;

namespace MSCommerce.Shell.Tests;

/// <summary>Runs the built shell as its own process, with its own local-service database in a temp folder.</summary>
public sealed class ShellProcess : IDisposable
{
    private const string DatabaseName = "commerce.db";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A database the shell seeded on its first start, with the keys it made beside it. Each test starts from a copy:
    /// the shell's first start on a machine (seeding, three new keys) is paid once, and tested by the tests that ask for it.
    /// </summary>
    private static readonly Lazy<string> SeededTemplate = new(SeedTemplate);

    public string Folder { get; } = NewFolder();

    /// <param name="firstStart">The shell finds no database, as on a machine where it never ran; otherwise a copy of one it seeded.</param>
    public ShellProcess(bool firstStart = false)
    {
        if (!firstStart)
        {
            foreach (var file in Directory.EnumerateFiles(SeededTemplate.Value, DatabaseName + "*"))
            {
                File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
            }
        }
    }

    private static string NewFolder() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mscommerce-shell-" + Guid.NewGuid().ToString("N"))).FullName;

    private static string SeedTemplate()
    {
        var template = new ShellProcess(firstStart: true);
        var result = template.Command("$null");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The shell could not seed its database (exit code {result.ExitCode}): {result.Output}{result.Errors}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Dispose();
        return template.Folder;
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <param name="shellAssembly">Another copy of the shell to run; the built one by default.</param>
    public ShellResult Run(IEnumerable<string> arguments, string? standardInput = null, bool withDatabase = true, string? shellAssembly = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(shellAssembly ?? ShellAssembly());
        if (withDatabase)
        {
            start.ArgumentList.Add("-Database");
            start.ArgumentList.Add(Path.Combine(Folder, DatabaseName));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The shell did not exit within {Timeout}: {output.Result}{errors.Result}");
        }

        return new ShellResult(process.ExitCode, output.Result, errors.Result);
    }

    public ShellResult Command(string script) => Run(["-Command", script]);

    /// <summary>
    /// An address the shell is told its service is at (-Endpoint), where nothing listens: the shell starts no local
    /// service and signs in nowhere. For tests of the command line itself, which need no service and so skip its start.
    /// </summary>
    public const string NoServiceEndpoint = "https://127.0.0.1:1/";

    /// <summary>Runs the shell with -Endpoint <see cref="NoServiceEndpoint"/>: the command line alone, about a third of a start with the local service.</summary>
    public ShellResult RunWithoutService(IEnumerable<string> arguments, string? standardInput = null) =>
        Run(["-Endpoint", NoServiceEndpoint, .. arguments], standardInput, withDatabase: false);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold the database; the temp folder is cleaned by the OS.
        }
    }

    public static string ShellAssembly()
    {
        var configuration = typeof(ShellProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var path = Path.Combine(RepositoryRoot, "src", "MSCommerce.Shell", "bin", configuration, "net10.0", "MSCommerce.Shell.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the shell is not built.", path);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MSCommerce.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("MSCommerce.sln was not found above the test folder.");
    }
}

public sealed record ShellResult(int ExitCode, string Output, string Errors)
{
    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
