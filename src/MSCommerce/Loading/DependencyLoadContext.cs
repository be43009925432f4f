using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace MSCommerce.Loading
{
    /// <summary>
    /// PowerShell 7: the client, MSAL, IdentityModel and Polly load here, from dependencies/Core (its
    /// precompiled builds for this machine first), whatever versions other modules put in the default context. The cmdlets reach the client through the one
    /// door below: when the default context cannot find MSCommerce.Client, this context answers.
    /// Anything not in the folder (the runtime's own assemblies) comes from the default context, so that
    /// BCL types such as IAsyncEnumerable are the same on both sides.
    /// </summary>
    /// <remarks>
    /// The cmdlets, built for netstandard2.0, name IAsyncEnumerable through Microsoft.Bcl.AsyncInterfaces.
    /// pwsh ships it; a host of the engine may not, and then it gets the package's netstandard2.1 facade,
    /// in the default context, which forwards to the runtime's own types.
    /// </remarks>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private const string AsyncInterfaces = "Microsoft.Bcl.AsyncInterfaces";

        // The precompiled builds for this machine first, when the module has them (ReadyToRunFolder), then the IL builds.
        private readonly string[] _folders;

        private DependencyLoadContext(string folder) =>
            _folders = ReadyToRunFolder.Within(folder) is string precompiled ? new[] { precompiled, folder } : new[] { folder };

        public static void Register(string folder)
        {
            var context = new DependencyLoadContext(folder);
            var facade = Path.Combine(folder, AsyncInterfaces + ".dll");
            Default.Resolving += (defaultContext, name) =>
                name.Name == Dependencies.ClientAssemblyName ? context.LoadFromAssemblyName(name)
                : name.Name == AsyncInterfaces ? defaultContext.LoadFromAssemblyPath(facade)
                : null;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == AsyncInterfaces)
            {
                return null;
            }

            foreach (var folder in _folders)
            {
                var path = Path.Combine(folder, assemblyName.Name + ".dll");
                if (File.Exists(path))
                {
                    return LoadFromAssemblyPath(path);
                }
            }

            return null;
        }
    }
}
