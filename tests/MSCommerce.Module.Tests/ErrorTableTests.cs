using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Reflection;

namespace MSCommerce.Module.Tests;

/// <summary>
/// The cmdlets' one table from the client's error codes to error ids, read from the module as it is loaded:
/// every code of the client is decided there, and an error is told by its code, never by the service's wording.
/// </summary>
public sealed class ErrorTableTests : IDisposable
{
    private readonly ModuleRunspace _shell = new();
    private readonly Type _table;
    private readonly Assembly _client;

    public ErrorTableTests()
    {
        var module = (Assembly)_shell.Invoke("(Get-Command Get-MSCommercePolicies).ImplementingType.Assembly")[0].BaseObject;
        _table = module.GetType("MSCommerce.Commands.ErrorTable", throwOnError: true)!;
        _client = FromService.GetParameters()[0].ParameterType.Assembly;
    }

    private MethodInfo FromService => _table.GetMethod("FromService", BindingFlags.Public | BindingFlags.Static)!;

    private IDictionary ByCode => (IDictionary)_table.GetField("ByCode", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private IEnumerable<string> CodesOf(string typeName) =>
        _client.GetType(typeName, throwOnError: true)!.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    /// <summary>The record the cmdlets write for the client's failure with this code, status and reason, where a purchase was looked for.</summary>
    private ErrorRecord RecordFor(string code, HttpStatusCode status, string reason)
    {
        var exceptionType = _client.GetType("MSCommerce.Client.CommerceServiceException", throwOnError: true)!;
        var kind = Enum.Parse(_client.GetType("MSCommerce.Client.CommerceErrorKind", throwOnError: true)!, status == HttpStatusCode.NotFound ? "NotFound" : "InvalidRequest");
        var error = Activator.CreateInstance(exceptionType, kind, (HttpStatusCode?)status, code, reason, "a-correlation-id", null)!;
        return (ErrorRecord)FromService.Invoke(null, [error, "PurchaseNotFound", "nobody@contoso.onmicrosoft.com"])!;
    }

    [Fact]
    public void Every_error_code_of_the_client_and_of_its_take_over_is_decided_in_the_table()
    {
        var codes = CodesOf("MSCommerce.Client.CommerceErrorCodes").Concat(CodesOf("MSCommerce.Client.Purchases.TakeOverErrors")).ToList();

        Assert.True(codes.Count > 30, $"only {codes.Count} codes read");
        var undecided = codes.Where(code => !ByCode.Contains(code)).ToList();
        Assert.True(undecided.Count == 0, $"not in the table: {string.Join(", ", undecided)}");
    }

    [Fact]
    public void A_user_the_service_does_not_know_is_UserNotFound_by_its_code_whatever_the_reason_says()
    {
        var record = RecordFor("UserNotFound", HttpStatusCode.NotFound, "Kein Benutzer dieses Mandanten.");

        Assert.StartsWith("UserNotFound", record.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
        Assert.Equal("Give the user principal name or object id of a user of the purchase's tenant.", record.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void A_reason_that_reads_like_another_error_does_not_change_the_error_its_code_is()
    {
        var notFound = RecordFor("NotFound", HttpStatusCode.NotFound, "'nobody@contoso.onmicrosoft.com' is not a user of this tenant.");
        var refused = RecordFor("BadRequest", HttpStatusCode.BadRequest, "The subscription is already cancelled.");

        Assert.StartsWith("PurchaseNotFound", notFound.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.StartsWith("InvalidRequest", refused.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    public void Dispose() => _shell.Dispose();
}
