using System.Reflection;
using MSCommerce.Client;

namespace MSCommerce.Client.Tests;

/// <summary>The client's public surface, as a package's users see it.</summary>
public sealed class PublicApiTests
{
    private static readonly string[] DependencyNamespaces = { "Microsoft.Identity", "Microsoft.IdentityModel", "Polly", "System.Text.Json" };

    private static readonly Type[] Exported = typeof(CommerceClient).Assembly.GetExportedTypes();

    private static IEnumerable<MemberInfo> PublicMembers(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);

    private static IEnumerable<Type> Named(MemberInfo member) => member switch
    {
        MethodInfo method => method.GetParameters().Select(parameter => parameter.ParameterType).Append(method.ReturnType),
        ConstructorInfo constructor => constructor.GetParameters().Select(parameter => parameter.ParameterType),
        PropertyInfo property => new[] { property.PropertyType },
        FieldInfo field => new[] { field.FieldType },
        EventInfo @event => new[] { @event.EventHandlerType! },
        _ => Array.Empty<Type>(),
    };

    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        var inner = type.HasElementType ? new[] { type.GetElementType()! } : type.IsGenericType ? type.GetGenericArguments() : Array.Empty<Type>();
        foreach (var part in inner.SelectMany(Expand))
        {
            yield return part;
        }
    }

    [Fact]
    public void No_public_signature_names_a_type_of_MSAL_Polly_or_System_Text_Json()
    {
        var offenders =
            from type in Exported
            from member in PublicMembers(type)
            from named in Named(member).SelectMany(Expand)
            where DependencyNamespaces.Any(prefix => named.Namespace?.StartsWith(prefix, StringComparison.Ordinal) == true)
            select $"{type.Name}.{member.Name}: {named.FullName}";

        Assert.Empty(offenders);
        Assert.DoesNotContain(Exported, type => type.BaseType != null && DependencyNamespaces.Any(prefix => type.BaseType.Namespace?.StartsWith(prefix, StringComparison.Ordinal) == true));
    }

    [Fact]
    public void Every_public_call_that_waits_is_async_and_takes_a_cancellation_token()
    {
        var waiting =
            from type in Exported
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            where typeof(Task).IsAssignableFrom(method.ReturnType)
                || (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            select method;
        var uncancellable = waiting.Where(method => !method.GetParameters().Any(parameter => parameter.ParameterType == typeof(CancellationToken)))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}");

        Assert.NotEmpty(waiting);
        Assert.Empty(uncancellable);
        Assert.All(waiting, method => Assert.EndsWith("Async", method.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void What_only_the_cmdlets_use_is_not_public()
    {
        var names = Exported.Select(type => type.Name).ToList();

        Assert.DoesNotContain("ITokenProvider", names);
        Assert.DoesNotContain("TokenClaims", names);
        Assert.DoesNotContain("Redaction", names);
        Assert.Null(typeof(CommerceClient).GetProperty("Tokens", BindingFlags.Public | BindingFlags.Instance));
    }
}
