namespace MSCommerce.Shell;

/// <summary>The shell's command line, modelled on pwsh's own switches.</summary>
public sealed class ShellOptions
{
    public string? Command { get; private set; }
    public Uri? Endpoint { get; private set; }
    public string? DatabasePath { get; private set; }

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
                    i = args.Count;
                    break;
                case "-endpoint":
                    options.Endpoint = new Uri(Next(), UriKind.Absolute);
                    break;
                case "-database":
                    options.DatabasePath = Path.GetFullPath(Next());
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Usage: MSCommerce.Shell [-Endpoint <uri>] [-Database <path>] -Command <script>");
            }
        }

        return options;
    }
}
