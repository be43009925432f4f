using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace MSCommerce.Client.Files
{
    /// <summary>
    /// What a path names, learnt without opening it: opening a named pipe waits for a writer, and a
    /// device such as /dev/zero never ends. .NET has no public API for a file's type (its attributes
    /// call a device or a pipe "Normal"), so on Linux and macOS this asks the runtime's own native
    /// shim, which every .NET (Core) runtime ships and whose status record begins the same way in
    /// every version; where that shim cannot be called, only folders are told from files, and the
    /// callers' read limits still hold.
    /// </summary>
    internal static class FileKinds
    {
        private const int ModeOffset = 4;
        private const int TypeMask = 0xF000;

        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static bool _nativeUnavailable;

        /// <summary>What the path names, following symbolic links.</summary>
        public static FileKind Of(string path) => Query(path, followLinks: true);

        /// <summary>What the path itself is: a symbolic link is reported as one, not followed.</summary>
        public static FileKind OfEntry(string path) => Query(path, followLinks: false);

        /// <summary>
        /// The file a symbolic link finally leads to (through any chain of links), whether or not it exists;
        /// null when the path is no link, or where the runtime cannot read links (.NET Framework).
        /// </summary>
        public static string? FinalTarget(string path)
        {
            if (OfEntry(path) != FileKind.SymbolicLink)
            {
                return null;
            }

#if NET8_0_OR_GREATER
            try
            {
                return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            }
            catch (IOException)
            {
                // A loop of links: no file at the end of it.
                return null;
            }
#else
            // Windows PowerShell 5.1's .NET Framework has no such call; a newer runtime running this build has it.
            var resolve = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });
            try
            {
                return (resolve?.Invoke(new FileInfo(path), new object[] { true }) as FileSystemInfo)?.FullName;
            }
            catch (System.Reflection.TargetInvocationException error) when (error.InnerException is IOException)
            {
                return null;
            }
#endif
        }

        /// <summary>
        /// Windows decides what a handle is only once it is open (opening a device or a pipe there does
        /// not wait): true when the open stream is a file on a disk, not a console, a printer port or a pipe.
        /// </summary>
        public static bool IsDiskFile(FileStream stream)
        {
            if (!IsWindows)
            {
                return true;
            }

            const int FileTypeDisk = 1;
            return WindowsNative.GetFileType(stream.SafeFileHandle) == FileTypeDisk;
        }

        private static FileKind Query(string path, bool followLinks)
        {
            if (!IsWindows && !_nativeUnavailable)
            {
                try
                {
                    return UnixKind(path, followLinks);
                }
                catch (Exception error) when (error is DllNotFoundException || error is EntryPointNotFoundException)
                {
                    _nativeUnavailable = true;
                }
            }

            return ManagedKind(path, followLinks);
        }

        private static FileKind UnixKind(string path, bool followLinks)
        {
            var status = new byte[512];
            var name = Encoding.UTF8.GetBytes(path + "\0");
            var result = followLinks ? UnixNative.Stat(name, status) : UnixNative.LStat(name, status);
            if (result != 0)
            {
                return ManagedKind(path, followLinks);
            }

            switch (BitConverter.ToInt32(status, ModeOffset) & TypeMask)
            {
                case 0x8000: return FileKind.RegularFile;
                case 0x4000: return FileKind.Directory;
                case 0xA000: return FileKind.SymbolicLink;
                case 0x2000: return FileKind.CharacterDevice;
                case 0x6000: return FileKind.BlockDevice;
                case 0x1000: return FileKind.NamedPipe;
                case 0xC000: return FileKind.Socket;
                default: return FileKind.Other;
            }
        }

        /// <summary>What managed code alone can tell: a folder, something else that exists (taken for a file), or nothing.</summary>
        private static FileKind ManagedKind(string path, bool followLinks)
        {
            try
            {
                var attributes = new FileInfo(path).Attributes;
                if ((int)attributes == -1)
                {
                    return FileKind.Missing;
                }

                if (!followLinks && (attributes & FileAttributes.ReparsePoint) != 0)
                {
                    return FileKind.SymbolicLink;
                }

                return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.RegularFile : FileKind.Missing;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is ArgumentException || error is NotSupportedException)
            {
                return FileKind.Missing;
            }
        }

        private static class UnixNative
        {
            // The runtime's shim (System.Native): the same entry points on Linux and macOS, on x64 and arm64.
            [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
            public static extern int Stat(byte[] path, [Out] byte[] status);

            [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
            public static extern int LStat(byte[] path, [Out] byte[] status);
        }

        private static class WindowsNative
        {
            [DllImport("kernel32.dll")]
            public static extern int GetFileType(SafeFileHandle file);
        }
    }
}
