using System;
using System.IO;
using System.Management.Automation;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Turns a -Path as typed (relative to the current location, ~, a PSDrive) into a file-system path;
    /// a path no file can have (a null character, an unknown drive, another provider's path) is the
    /// user's error, reported as such, not an exception of the path APIs.
    /// </summary>
    internal static class FilePaths
    {
        public static string? Resolve(PSCmdlet cmdlet, string path, out ErrorRecord? error)
        {
            error = null;
            try
            {
                var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    error = Invalid(path, $"'{path}' is not a file-system path (it belongs to the {provider.Name} provider).");
                    return null;
                }

                return Path.GetFullPath(resolved);
            }
            catch (Exception failure) when (failure is ArgumentException || failure is NotSupportedException || failure is PathTooLongException
                || failure is ProviderNotFoundException || failure is System.Management.Automation.DriveNotFoundException || failure is IOException || failure is ItemNotFoundException || failure is PSInvalidOperationException)
            {
                error = Invalid(path, $"'{Printable(path)}' is not a valid file path: {failure.Message}");
                return null;
            }
        }

        private static ErrorRecord Invalid(string path, string message) =>
            ErrorRecords.Create(new ArgumentException(message), "InvalidPath", ErrorCategory.InvalidArgument, path,
                "Give the path of a file, e.g. ./policy/baseline.json, without control characters.");

        private static string Printable(string path)
        {
            var text = new System.Text.StringBuilder(path.Length);
            foreach (var character in path)
            {
                text.Append(char.IsControl(character) ? $"\\u{(int)character:x4}" : character.ToString());
            }

            return text.ToString();
        }
    }
}
