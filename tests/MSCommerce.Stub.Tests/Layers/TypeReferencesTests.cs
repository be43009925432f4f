using MSCommerce.Stub.Tests.Layers.Samples.High;
using MSCommerce.Stub.Tests.Layers.Samples.Low;

namespace MSCommerce.Stub.Tests.Layers;

/// <summary>
/// The reader behind <see cref="ServiceLayerTests"/> sees each way one type can name another, and the
/// policy turns a reference against the table into a violation: the layer test can fail.
/// </summary>
public sealed class TypeReferencesTests
{
    private const string LowNamespace = "MSCommerce.Stub.Tests.Layers.Samples.Low";
    private const string HighNamespace = "MSCommerce.Stub.Tests.Layers.Samples.High";

    private static readonly IReadOnlyList<TypeReference> References = TypeReferences.Read(typeof(TypeReferencesTests).Assembly.Location);

    [Theory]
    [InlineData(nameof(ReachesBackInABaseType))]
    [InlineData(nameof(ReachesBackInAnInterface))]
    [InlineData(nameof(ReachesBackInAField))]
    [InlineData(nameof(ReachesBackInAGenericField))]
    [InlineData(nameof(ReachesBackInAProperty))]
    [InlineData(nameof(ReachesBackInAParameter))]
    [InlineData(nameof(ReachesBackInAReturnType))]
    [InlineData(nameof(ReachesBackInAMethodBody))]
    [InlineData(nameof(ReachesBackInAStaticCall))]
    [InlineData(nameof(ReachesBackInALocal))]
    [InlineData(nameof(ReachesBackInALambda))]
    [InlineData(nameof(ReachesBackInAnAsyncMethod))]
    [InlineData(nameof(ReachesBackInAGenericMethodArgument))]
    [InlineData(nameof(ReachesBackInTypeOf))]
    [InlineData(nameof(ReachesBackInAnAttribute))]
    [InlineData(nameof(ReachesBackInAStaticField))]
    public void Each_way_of_naming_a_type_is_seen(string sample) =>
        Assert.Contains(References, reference => reference.FromType == $"{LowNamespace}.{sample}" && reference.ToNamespace == HighNamespace);

    [Fact]
    public void A_type_naming_only_its_own_layer_and_the_framework_names_nothing_else() =>
        Assert.DoesNotContain(References, reference => reference.FromType == $"{LowNamespace}.{nameof(StaysInItsLayer)}" && reference.ToNamespace != LowNamespace);

    [Fact]
    public void A_constant_is_not_seen_since_its_value_is_copied_into_the_IL() =>
        Assert.DoesNotContain(References, reference => reference.FromType == $"{LowNamespace}.{nameof(NamesOnlyAConstant)}" && reference.ToNamespace == HighNamespace);

    [Fact]
    public void A_reach_back_against_the_table_is_a_violation_and_a_use_down_is_not()
    {
        var table = new Dictionary<string, string[]> { [HighNamespace] = [LowNamespace], [LowNamespace] = [] };
        var samples = References.Where(reference => reference.FromNamespace.StartsWith("MSCommerce.Stub.Tests.Layers.Samples", StringComparison.Ordinal));

        var violations = LayerPolicy.Violations(samples, table, new HashSet<string>());

        Assert.Contains(violations, violation => violation.StartsWith($"{LowNamespace} uses {HighNamespace}: {LowNamespace}.{nameof(ReachesBackInAMethodBody)} -> {HighNamespace}.{nameof(Upper)}", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, violation => violation.StartsWith($"{HighNamespace} uses", StringComparison.Ordinal));
    }

    [Fact]
    public void A_type_allowed_to_all_is_no_violation()
    {
        var table = new Dictionary<string, string[]> { [HighNamespace] = [LowNamespace], [LowNamespace] = [] };
        var samples = References.Where(reference => reference.FromType == $"{LowNamespace}.{nameof(ReachesBackInAStaticCall)}");

        Assert.NotEmpty(LayerPolicy.Violations(samples, table, new HashSet<string>()));
        Assert.Empty(LayerPolicy.Violations(samples, table, new HashSet<string> { $"{HighNamespace}.{nameof(UpperStatics)}" }));
    }
}
