using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MSCommerce.Stub.Tests.Layers;

/// <summary>One type of an assembly naming another type of the same assembly.</summary>
public sealed record TypeReference(string FromNamespace, string FromType, string ToNamespace, string ToType)
{
    public override string ToString() => $"{FromType} -> {ToType}";
}

/// <summary>
/// Which of an assembly's own types each of its types names, read from the built assembly's metadata:
/// base types, interfaces, attributes, generic constraints, field, property and method signatures,
/// locals, and every type, method and field token in the method bodies' IL. A nested type (a closure,
/// an async state machine) counts as its outermost type. Constants are not seen: the compiler copies
/// their values into the IL.
/// </summary>
public static class TypeReferences
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value, code => code.OperandType);

    public static IReadOnlyList<TypeReference> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new OwnTypeNames(reader);
        var found = new HashSet<TypeReference>();

        foreach (var handle in reader.TypeDefinitions)
        {
            var from = names.Outermost(handle);
            var type = reader.GetTypeDefinition(handle);
            var used = new HashSet<(string Namespace, string Type)>();

            used.UnionWith(names.OfEntity(type.BaseType));
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                used.UnionWith(names.OfEntity(reader.GetInterfaceImplementation(implementation).Interface));
            }

            used.UnionWith(names.OfAttributes(type.GetCustomAttributes()));
            used.UnionWith(names.OfGenericParameters(type.GetGenericParameters()));

            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                used.UnionWith(field.DecodeSignature(names, null));
                used.UnionWith(names.OfAttributes(field.GetCustomAttributes()));
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                used.UnionWith(OfSignature(property.DecodeSignature(names, null)));
                used.UnionWith(names.OfAttributes(property.GetCustomAttributes()));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                used.UnionWith(OfSignature(method.DecodeSignature(names, null)));
                used.UnionWith(names.OfAttributes(method.GetCustomAttributes()));
                used.UnionWith(names.OfGenericParameters(method.GetGenericParameters()));
                foreach (var parameter in method.GetParameters())
                {
                    used.UnionWith(names.OfAttributes(reader.GetParameter(parameter).GetCustomAttributes()));
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    used.UnionWith(OfBody(pe.GetMethodBody(method.RelativeVirtualAddress), reader, names));
                }
            }

            foreach (var to in used.Where(to => to.Type != from.Type))
            {
                found.Add(new TypeReference(from.Namespace, from.Type, to.Namespace, to.Type));
            }
        }

        return [.. found.OrderBy(reference => reference.FromType, StringComparer.Ordinal).ThenBy(reference => reference.ToType, StringComparer.Ordinal)];
    }

    private static IEnumerable<(string, string)> OfSignature(MethodSignature<IEnumerable<(string, string)>> signature) =>
        signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(parameter => parameter));

    private static IEnumerable<(string, string)> OfBody(MethodBodyBlock body, MetadataReader reader, OwnTypeNames names)
    {
        var used = new List<(string, string)>();
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null))
            {
                used.AddRange(local);
            }
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var first = il.ReadByte();
            var code = first == 0xFE ? (short)(0xFE00 | il.ReadByte()) : first;
            switch (OperandTypes[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    used.AddRange(names.OfEntity(MetadataTokens.EntityHandle(il.ReadInt32())));
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }

        return used;
    }

    /// <summary>Decodes signatures to the assembly's own types they name; types of other assemblies name none.</summary>
    private sealed class OwnTypeNames(MetadataReader reader) : ISignatureTypeProvider<IEnumerable<(string Namespace, string Type)>, object?>
    {
        private static readonly IEnumerable<(string, string)> None = [];

        public (string Namespace, string Type) Outermost(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            while (type.IsNested)
            {
                type = reader.GetTypeDefinition(type.GetDeclaringType());
            }

            var ns = reader.GetString(type.Namespace);
            var name = reader.GetString(type.Name);
            return (ns, ns.Length == 0 ? name : $"{ns}.{name}");
        }

        public IEnumerable<(string, string)> OfEntity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return None;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return [Outermost((TypeDefinitionHandle)handle)];
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null).ToList();
                case HandleKind.MethodDefinition:
                {
                    var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    return OfEntity(method.GetDeclaringType()).Concat(OfSignature(method.DecodeSignature(this, null))).ToList();
                }

                case HandleKind.FieldDefinition:
                {
                    var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    return OfEntity(field.GetDeclaringType()).Concat(field.DecodeSignature(this, null)).ToList();
                }

                case HandleKind.MemberReference:
                {
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    var signature = member.GetKind() == MemberReferenceKind.Method
                        ? OfSignature(member.DecodeMethodSignature(this, null))
                        : member.DecodeFieldSignature(this, null);
                    return OfEntity(member.Parent).Concat(signature).ToList();
                }

                case HandleKind.MethodSpecification:
                {
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return OfEntity(specification.Method).Concat(specification.DecodeSignature(this, null).SelectMany(argument => argument)).ToList();
                }

                default:
                    return None;
            }
        }

        public IEnumerable<(string, string)> OfAttributes(CustomAttributeHandleCollection attributes) =>
            attributes.SelectMany(attribute => OfEntity(reader.GetCustomAttribute(attribute).Constructor)).ToList();

        public IEnumerable<(string, string)> OfGenericParameters(GenericParameterHandleCollection parameters) =>
            parameters
                .SelectMany(parameter => reader.GetGenericParameter(parameter).GetConstraints())
                .SelectMany(constraint => OfEntity(reader.GetGenericParameterConstraint(constraint).Type))
                .ToList();

        public IEnumerable<(string, string)> GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => [Outermost(handle)];

        public IEnumerable<(string, string)> GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => None;

        public IEnumerable<(string, string)> GetTypeFromSpecification(MetadataReader metadata, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            OfEntity(handle);

        public IEnumerable<(string, string)> GetGenericInstantiation(IEnumerable<(string, string)> genericType, ImmutableArray<IEnumerable<(string, string)>> typeArguments) =>
            genericType.Concat(typeArguments.SelectMany(argument => argument)).ToList();

        public IEnumerable<(string, string)> GetArrayType(IEnumerable<(string, string)> elementType, ArrayShape shape) => elementType;

        public IEnumerable<(string, string)> GetSZArrayType(IEnumerable<(string, string)> elementType) => elementType;

        public IEnumerable<(string, string)> GetByReferenceType(IEnumerable<(string, string)> elementType) => elementType;

        public IEnumerable<(string, string)> GetPointerType(IEnumerable<(string, string)> elementType) => elementType;

        public IEnumerable<(string, string)> GetPinnedType(IEnumerable<(string, string)> elementType) => elementType;

        public IEnumerable<(string, string)> GetModifiedType(IEnumerable<(string, string)> modifier, IEnumerable<(string, string)> unmodifiedType, bool isRequired) => unmodifiedType;

        public IEnumerable<(string, string)> GetFunctionPointerType(MethodSignature<IEnumerable<(string, string)>> signature) => OfSignature(signature).ToList();

        public IEnumerable<(string, string)> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;

        public IEnumerable<(string, string)> GetGenericMethodParameter(object? genericContext, int index) => None;

        public IEnumerable<(string, string)> GetGenericTypeParameter(object? genericContext, int index) => None;
    }
}
