namespace MSCommerce.Shell;

/// <summary>The shell's command line, modelled on pwsh's own switches.</summary>
public sealed class ShellOptions
{
    public const string Usage = """
        Usage: MSCommerce.Shell [-Endpoint <uri> | [-Database <path>] [-Reset]] [-Command <script> | -File <path> [arguments]]

          -Command, -c <script>  Runs the script (everything after -Command) and exits. '-' reads the script from standard input.
          -File, -f <path> ...   Runs the script file with the arguments that follow it and exits.
          -Endpoint <uri>        Does not start the local commerce service: the script connects where it wants
                                 (Connect-MSCommerce -Endpoint ...). Without it the shell starts the local commerce
                                 service in-process with demo data and connects to it as the demo admin.
          -Database <path>       The local commerce service's SQLite file (default: MSCommerce/commerce.db in your
                                 local data folder: ~/.local/share on Linux, ~/Library/Application Support on
                                 macOS, %LOCALAPPDATA% on Windows). Changes made in the shell stay there.
          -Reset                 Starts from fresh demo data: deletes the database and the files the service keeps
                                 beside it (commerce.db-wal, -shm, .pfx, .cer, .signing-key.pem, .demo-app.pfx),
                                 then seeds the demo tenants again, as on a first start.
          -Help, -?              Shows this text.

        The shell hosts the full PowerShell 7.6 SDK (Core, Utility, Management and Security cmdlets).
        With neither -Command nor -File, at a terminal, the interactive session is real pwsh 7.6.9 (the
        repository's .NET tool, with PSReadLine: Tab completion, history) signed in to the shell's local
        service; without pwsh, or with standard input redirected, the shell reads commands at its own prompt.
        The exit code is 0 when everything succeeded, 1 when a command failed, N after 'exit N'.
        """;

    public string? Command { get; private set; }
    public string? File { get; private set; }
    public IReadOnlyList<string> FileArguments { get; private set; } = [];
    public Uri? Endpoint { get; private set; }
    public string? DatabasePath { get; private set; }
    public bool ShowHelp { get; private set; }
    public bool Reset { get; private set; }

    public bool IsInteractive => Command is null && File is null;

    public static ShellOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ShellOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i].ToLowerInvariant())
            {
                case "-command":
                case "-c":
                    options.Command = string.Join(' ', args.Skip(i + 1));
                    if (options.Command.Length == 0)
                    {
                        throw new ArgumentException("-Command needs a script.");
                    }

                    i = args.Count;
                    break;
                case "-file":
                case "-f":
                    options.File = Path.GetFullPath(Next());
                    options.FileArguments = args.Skip(i + 1).ToList();
                    i = args.Count;
                    break;
                case "-endpoint":
                    var endpoint = Next();
                    options.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                        ? uri
                        : throw new ArgumentException($"-Endpoint '{endpoint}' is not an absolute http(s) address.");
                    break;
                case "-database":
                    options.DatabasePath = Path.GetFullPath(Next());
                    break;
                case "-reset":
                    options.Reset = true;
                    break;
                case "-help":
                case "-?":
                case "--help":
                    options.ShowHelp = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (options.Reset && options.Endpoint is not null)
        {
            throw new ArgumentException("-Reset starts the local commerce service from fresh demo data; with -Endpoint the shell starts no service, so there is nothing to reset.");
        }

        return options;
    }
}
