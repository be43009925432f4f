using System;
using System.IO;
using System.Management.Automation;
using MSCommerce.Client.Files;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Where Export-MSCommercePolicyBaseline writes: checked before the tenant is read (nothing is asked
    /// of the service for a file that cannot be written), then written atomically. Every failure names
    /// the path the user gave, never the hidden temporary file beside it. Only a regular file or a new
    /// path is written: a device, a named pipe or a socket is refused, even with -Force (as root, a
    /// replaced /dev/null would break the machine). A symbolic link is written through, as Set-Content
    /// and shell redirection do: the file it leads to is replaced and the link stays.
    /// </summary>
    internal sealed class BaselineDestination
    {
        private const string ChoosePath = "Choose a path to a file in a folder you can write to.";

        private readonly string _given;
        private readonly string _requested;

        public BaselineDestination(string given, string resolved)
        {
            _given = given;
            _requested = Path.GetFullPath(resolved);
            FullPath = FileKinds.FinalTarget(_requested) ?? _requested;
        }

        /// <summary>The file written: the path given, or the file a symbolic link there leads to.</summary>
        public string FullPath { get; }

        /// <summary>The path given, made absolute (a symbolic link stays one).</summary>
        public string RequestedPath => _requested;

        private string Folder => Path.GetDirectoryName(FullPath) ?? FullPath;

        /// <summary>The reason the file cannot be written, or null when it can.</summary>
        public ErrorRecord? Problem(bool force)
        {
            var kind = FileKinds.Of(FullPath);
            if (kind == FileKind.Directory)
            {
                return Error(new IOException($"'{_given}' is a folder, not a file."), "BaselinePathIsFolder", ErrorCategory.InvalidArgument,
                    "Name the file to write, e.g. " + Path.Combine(_given, "baseline.json") + ".");
            }

            if (kind != FileKind.RegularFile && kind != FileKind.Missing)
            {
                return NotAFile(kind);
            }

            if (kind == FileKind.RegularFile && !force)
            {
                return Error(new IOException($"The file '{_given}' already exists."), "BaselineFileExists", ErrorCategory.ResourceExists,
                    "Pass -Force to overwrite it, or choose another path.");
            }

            var existing = Folder;
            while (!Directory.Exists(existing))
            {
                if (File.Exists(existing))
                {
                    return Error(new IOException($"'{_given}' cannot be written: '{existing}' is a file, not a folder."), "BaselineFolderIsFile", ErrorCategory.InvalidArgument, ChoosePath);
                }

                var parent = Path.GetDirectoryName(existing);
                if (parent == null)
                {
                    return Error(new DirectoryNotFoundException($"'{_given}' cannot be written: its drive or root '{existing}' does not exist."), "BaselineFolderNotFound",
                        ErrorCategory.ObjectNotFound, ChoosePath);
                }

                existing = parent;
            }

            return CanCreateFileIn(existing) is Exception denied
                ? Error(new UnauthorizedAccessException($"'{_given}' cannot be written: the folder '{existing}' does not let you create files.", denied), "BaselinePathNotWritable",
                    ErrorCategory.PermissionDenied, ChoosePath)
                : null;
        }

        /// <summary>Writes beside the target and swaps it in, so that a failure never leaves half a baseline in git's working tree.</summary>
        public ErrorRecord? Write(byte[] content)
        {
            var temporary = Path.Combine(Folder, "." + Path.GetFileName(FullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                // Checked again at the last moment: what was a file when the command started may not be one now.
                var kind = FileKinds.Of(FullPath);
                if (kind != FileKind.RegularFile && kind != FileKind.Missing)
                {
                    return NotAFile(kind);
                }

                Directory.CreateDirectory(Folder);
                File.WriteAllBytes(temporary, content);
                if (File.Exists(FullPath))
                {
                    File.Replace(temporary, FullPath, null);
                }
                else
                {
                    File.Move(temporary, FullPath);
                }

                return null;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                // The exception names the temporary file; the user knows only the path they gave.
                return Error(new IOException($"The baseline could not be written to '{_given}': {Reason(error)}", error), "BaselineWriteFailed", ErrorCategory.WriteError, ChoosePath);
            }
            finally
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
                {
                    // Nothing was written, or the folder itself is gone: there is nothing left to clean.
                }
            }
        }

        private ErrorRecord NotAFile(FileKind kind)
        {
            var what = string.Equals(FullPath, _requested, StringComparison.Ordinal)
                ? $"'{_given}' is {kind.Describe()}"
                : $"'{_given}' is a symbolic link to '{FullPath}', which is {kind.Describe()}";
            return Error(new IOException($"{what}, not a file: a baseline is written only to a regular file or a new path, and -Force never replaces anything else."),
                "BaselinePathNotAFile", ErrorCategory.InvalidArgument, ChoosePath);
        }

        private static Exception? CanCreateFileIn(string folder)
        {
            try
            {
                using (new FileStream(Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                    return null;
                }
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                return error;
            }
        }

        private static string Reason(Exception error) => error is UnauthorizedAccessException ? "access is denied." : "the file system refused it.";

        private ErrorRecord Error(Exception error, string id, ErrorCategory category, string recommendedAction) =>
            ErrorRecords.Create(error, id, category, _given, recommendedAction);
    }
}
