using MSCommerce.Shell;
using MSCommerce.EngineHost;
using MSCommerce.Shell.RealPwsh;
using MSCommerce.Stub;
using MSCommerce.Stub.Hosting;

ShellOptions options;
try
{
    options = ShellOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(ShellOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(ShellOptions.Usage);
    return 0;
}

if (options.File is not null && !File.Exists(options.File))
{
    // As pwsh does: refused before anything starts, and before -Reset deletes anything.
    Console.Error.WriteLine($"The script file '{options.File}' does not exist.");
    return 64;
}

// Found before anything starts: without the built module there is nothing to run, and -Reset must delete nothing.
string manifest;
try
{
    manifest = ModuleLocator.FindManifest();
}
catch (FileNotFoundException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}

var databasePath = options.DatabasePath ?? CommerceServiceOptions.DefaultDatabasePath();
if (options.Reset)
{
    try
    {
        StateFiles.Delete(databasePath);
    }
    catch (Exception error) when (error is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"Could not reset {databasePath}: {error.Message} Close any other MSCommerce.Shell or local commerce service using it, then run again.");
        return 1;
    }
}

await using var localService = options.Endpoint is null
    ? await CommerceService.StartAsync(new CommerceServiceOptions
    {
        DatabasePath = databasePath,
        Seed = "demo",
        // The shell approves its own device-code sign-in through the test control, as the demo admin.
        EnableTestControls = true,
    })
    : null;

var interactive = options.IsInteractive && !Console.IsInputRedirected;
// A script written for Microsoft's module names this one in its Import-Module line once converted: let it find it.
ModuleLocator.PutOnModulePath(manifest);
ShellSession? session = null;
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl+C stops the running command, not the shell (as in pwsh); a child pwsh gets its own Ctrl+C.
    e.Cancel = true;
    session?.StopRunningCommand();
};

if (interactive && PwshTool.FindToolRoot(Path.GetDirectoryName(manifest)!) is { } toolRoot)
{
    if (new PwshPrompt(toolRoot, manifest, localService).Run() is int pwshExitCode)
    {
        return pwshExitCode;
    }

    Console.Error.WriteLine($"pwsh did not start (run 'dotnet tool restore' in {toolRoot}); using the shell's own prompt, without completion or history.");
}

var colour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
var ui = new ShellHostUserInterface(Console.Out, Console.Error, Console.In, colour, showProgress: !Console.IsErrorRedirected);
using (session = ShellSession.Open(new ShellHost(ui), manifest))
{
    if (localService is not null)
    {
        session.ConnectToLocalService(localService);
        if (interactive)
        {
            Console.WriteLine(Banner.Connected(localService));
        }
    }

    if (options.File is not null)
    {
        return session.RunFile(options.File, options.FileArguments);
    }

    if (options.Command is not null)
    {
        return session.Run(options.Command == "-" ? Console.In.ReadToEnd() : options.Command);
    }

    return new InteractivePrompt(session, Console.In, interactive ? Console.Out : TextWriter.Null).Run();
}
