using MSCommerce.Shell;
using MSCommerce.Shell.Hosting;
using MSCommerce.Stub;

ShellOptions options;
try
{
    options = ShellOptions.Parse(args);
    if (options.Command is null)
    {
        throw new ArgumentException("Give the PowerShell to run with -Command.");
    }
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 64;
}

await using var localService = options.Endpoint is null
    ? await CommerceService.StartAsync(new CommerceServiceOptions
    {
        DatabasePath = options.DatabasePath ?? CommerceServiceOptions.DefaultDatabasePath(),
        Seed = "demo",
    })
    : null;

var colour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
var ui = new ShellHostUserInterface(Console.Out, Console.Error, Console.In, colour);
using var session = ShellSession.Open(new ShellHost(ui), ModuleLocator.FindManifest());
if (localService is not null)
{
    session.ConnectToLocalService(localService.BaseAddress);
}

return session.Run(options.Command);
