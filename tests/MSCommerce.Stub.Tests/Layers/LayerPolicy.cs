namespace MSCommerce.Stub.Tests.Layers;

/// <summary>Which type references break a table of the namespaces each namespace may use.</summary>
public static class LayerPolicy
{
    /// <summary>
    /// A reference breaks the table when its target's namespace is not the source's own, not one the source
    /// may use (a source allowed "*" uses any), and not in <paramref name="usableByAll"/> by type name.
    /// A namespace missing from the table may use nothing but itself; targets outside the table and the
    /// compiler's anonymous types are not judged.
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<TypeReference> references, IReadOnlyDictionary<string, string[]> mayUse, IReadOnlySet<string> usableByAll) =>
        [.. references
            .Where(reference => reference.FromNamespace != reference.ToNamespace && !IsCompilerGenerated(reference.ToType))
            .Where(reference => mayUse.ContainsKey(reference.ToNamespace) && !usableByAll.Contains(reference.ToType))
            .Where(reference => !mayUse.TryGetValue(reference.FromNamespace, out var allowed) || !(allowed.Contains("*") || allowed.Contains(reference.ToNamespace)))
            .Select(reference => $"{reference.FromNamespace} uses {reference.ToNamespace}: {reference}")];

    /// <summary>Anonymous types and the compiler's own helpers sit in the global namespace, shared by all.</summary>
    private static bool IsCompilerGenerated(string typeName) => typeName.StartsWith('<');
}
