using System.Text.Json;

namespace MSCommerce.Shell.RealPwsh;

/// <summary>
/// Finds the repository's .NET tool manifest that pins pwsh. 'dotnet tool run' looks for the manifest from
/// its working directory, so the child pwsh is started there, wherever the user started the shell.
/// </summary>
public static class PwshTool
{
    public const string CommandName = "pwsh";
    private const string ManifestPath = ".config/dotnet-tools.json";

    /// <summary>The folder whose .config/dotnet-tools.json declares pwsh, searching up from <paramref name="startDirectory"/>; null if none does.</summary>
    public static string? FindToolRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var manifest = Path.Combine(directory.FullName, ManifestPath);
            if (File.Exists(manifest) && DeclaresPwsh(manifest))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static bool DeclaresPwsh(string manifestPath)
    {
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
            return manifest.RootElement.TryGetProperty("tools", out var tools)
                && tools.EnumerateObject().Any(tool => tool.Value.TryGetProperty("commands", out var commands)
                    && commands.EnumerateArray().Any(command => command.GetString() == CommandName));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
