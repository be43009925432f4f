#pragma warning disable CA1812, IDE0051, IDE0059, IDE0060 // Samples the reader looks at: never run.
using MSCommerce.Stub.Tests.Layers.Samples.High;

// Types that reach from a low namespace to a high one in each way a type can name another, for
// TypeReferencesTests. Nothing runs them.
namespace MSCommerce.Stub.Tests.Layers.Samples.High
{
    public class Upper
    {
        public int Value { get; set; }
    }

    public interface IUpper;

    public static class UpperStatics
    {
        public const string Name = "upper";

        public static readonly TimeSpan Length = TimeSpan.FromDays(30);

        public static int Twice(int value) => value * 2;
    }

    [AttributeUsage(AttributeTargets.All)]
    public sealed class UpperAttribute : Attribute;

    public sealed class UsesLower
    {
        public Low.StaysInItsLayer Lower { get; } = new();
    }
}

namespace MSCommerce.Stub.Tests.Layers.Samples.Low
{
    public sealed class ReachesBackInABaseType : Upper;

    public sealed class ReachesBackInAnInterface : IUpper;

    public sealed class ReachesBackInAField
    {
        public Upper? Field;
    }

    public sealed class ReachesBackInAGenericField
    {
        public List<Upper> Field = [];
    }

    public sealed class ReachesBackInAProperty
    {
        public Upper? Property { get; set; }
    }

    public sealed class ReachesBackInAParameter
    {
        public static void Take(Upper upper)
        {
        }
    }

    public sealed class ReachesBackInAReturnType
    {
        public static Upper? Give() => null;
    }

    public sealed class ReachesBackInAMethodBody
    {
        public static string Make() => new Upper().ToString()!;
    }

    public sealed class ReachesBackInAStaticCall
    {
        public static int Call() => UpperStatics.Twice(2);
    }

    public sealed class ReachesBackInALocal
    {
        public static int Read(object value)
        {
            var upper = (Upper)value;
            return 1;
        }
    }

    public sealed class ReachesBackInALambda
    {
        public static Func<object, int> Reader() => value => ((Upper)value).Value;
    }

    public sealed class ReachesBackInAnAsyncMethod
    {
        public static async Task<int> ReadAsync(object value)
        {
            await Task.Yield();
            return ((Upper)value).Value;
        }
    }

    public sealed class ReachesBackInAGenericMethodArgument
    {
        public static object Make() => Array.Empty<Upper>();
    }

    public sealed class ReachesBackInTypeOf
    {
        public static Type Which() => typeof(Upper);
    }

    [Upper]
    public sealed class ReachesBackInAnAttribute;

    public sealed class ReachesBackInAStaticField
    {
        public static TimeSpan Length() => UpperStatics.Length;
    }

    public sealed class NamesOnlyAConstant
    {
        public static string Name() => UpperStatics.Name;
    }

    public sealed class StaysInItsLayer
    {
        public static string Name() => nameof(StaysInItsLayer) + DateTime.UnixEpoch.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }
}
