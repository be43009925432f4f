namespace MSCommerce.Client.Files
{
    /// <summary>What a path names in the file system.</summary>
    internal enum FileKind
    {
        Missing,
        RegularFile,
        Directory,
        SymbolicLink,
        CharacterDevice,
        BlockDevice,
        NamedPipe,
        Socket,
        Other,
    }

    internal static class FileKindNames
    {
        /// <summary>The kind as a person reads it in an error, e.g. "a character device (like /dev/null)".</summary>
        public static string Describe(this FileKind kind)
        {
            switch (kind)
            {
                case FileKind.Missing: return "nothing (it does not exist)";
                case FileKind.RegularFile: return "a file";
                case FileKind.Directory: return "a folder";
                case FileKind.SymbolicLink: return "a symbolic link";
                case FileKind.CharacterDevice: return "a character device (like /dev/null or /dev/zero)";
                case FileKind.BlockDevice: return "a block device (a disk)";
                case FileKind.NamedPipe: return "a named pipe (FIFO)";
                case FileKind.Socket: return "a socket";
                default: return "a special file";
            }
        }
    }
}
