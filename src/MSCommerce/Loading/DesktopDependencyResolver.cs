using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace MSCommerce.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 has one load context for everything. This resolver answers only when the
    /// runtime could not bind an assembly itself, only for the assemblies in dependencies/Desktop, and only
    /// for a version no newer than the one shipped there; every other request is left to others.
    /// </summary>
    internal static class DesktopDependencyResolver
    {
        public static void Register(string folder)
        {
            var shipped = new Dictionary<string, (string Path, Version Version)>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in Directory.GetFiles(folder, "*.dll"))
            {
                var name = AssemblyName.GetAssemblyName(path);
                shipped[name.Name!] = (path, name.Version!);
            }

            AppDomain.CurrentDomain.AssemblyResolve += (_, request) =>
            {
                var wanted = new AssemblyName(request.Name);
                if (wanted.Name == null || !shipped.TryGetValue(wanted.Name, out var ours) || (wanted.Version != null && wanted.Version > ours.Version))
                {
                    return null;
                }

                return Assembly.LoadFrom(ours.Path);
            };
        }
    }
}
