using System.Collections.Concurrent;
using System.Net;
using FsCheck;
using FsCheck.Fluent;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Runs a property over generated inputs with FsCheck and counts what the service answered. A case
/// fails on a 5xx, a dropped connection, or a failed assertion of the check; FsCheck then reports the
/// input. The counts are written to the test output and to the console, for CI logs.
/// </summary>
internal static class PropertyRun
{
    public const int Cases = 500;

    public static Tally Check<T>(string name, Gen<T> inputs, Func<T, HttpStatusCode> check)
    {
        var tally = new Tally(name);
        var property = Prop.ForAll(inputs.ToArbitrary(), (T input) =>
        {
            var status = check(input);
            tally.Add(status);
            return (int)status < 500;
        });
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), property);
        Assert.True(tally.Cases >= Cases, $"{name}: FsCheck ran {tally.Cases} cases, fewer than {Cases}");
        Assert.Equal(0, tally.ServerErrors);
        return tally;
    }

    public sealed class Tally(string name)
    {
        private readonly ConcurrentDictionary<int, int> _byStatus = new();

        public int Cases => _byStatus.Values.Sum();

        public int ServerErrors => _byStatus.Where(pair => pair.Key >= 500).Sum(pair => pair.Value);

        public void Add(HttpStatusCode status) => _byStatus.AddOrUpdate((int)status, 1, (_, count) => count + 1);

        public override string ToString() =>
            $"{name}: {Cases} cases, {ServerErrors} server errors; " + string.Join(", ", _byStatus.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} x{pair.Value}"));
    }
}
