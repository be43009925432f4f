namespace MSCommerce.Stub;

/// <summary>How to start the local commerce service.</summary>
public sealed class CommerceServiceOptions
{
    /// <summary>Where it listens; port 0 picks a free loopback port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>The SQLite database file holding the service's state.</summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath();

    /// <summary>Data to create on first start: "demo" or none.</summary>
    public string? Seed { get; set; }

    public static string DefaultDatabasePath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MSCommerce", "commerce.db");

    public static CommerceServiceOptions FromArguments(IReadOnlyList<string> args)
    {
        var options = new CommerceServiceOptions { Urls = "http://127.0.0.1:5080" };
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--urls": options.Urls = Next(); break;
                case "--db": options.DatabasePath = Path.GetFullPath(Next()); break;
                case "--seed": options.Seed = Next(); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --urls <url> --db <path> --seed demo");
            }
        }

        return options;
    }
}
