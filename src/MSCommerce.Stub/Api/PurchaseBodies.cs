
namespace MSCommerce.Stub.Api;

/// <summary>A user's order: what to buy, how many licences, trial or purchase, and how it is paid.</summary>
public sealed record PurchaseOrder(string ProductId, int Quantity, bool IsTrial, string? PaymentMethod);

/// <summary>The bodies of the purchase calls that change something.</summary>
public static class PurchaseBodies
{
    public const string OrderShape = """{"productId": "CFQ7TTC0H9MP", "quantity": 1, "isTrial": false, "paymentMethod": "CreditCard"}""";
    public const string QuantityShape = """{"quantity": 10}""";
    public const string AssignmentShape = """{"user": "<UPN or object id>"}""";

    public static async Task<(PurchaseOrder? Order, IResult? Error)> ReadOrderAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(request, OrderShape);
        if (error is not null)
        {
            return (null, error);
        }

        var reader = new BodyReader(body, "productId", "quantity", "isTrial", "paymentMethod");
        var productId = reader.String("productId", required: true, maxLength: 64);
        var quantity = reader.Integer("quantity", required: false);
        var isTrial = reader.Boolean("isTrial");
        var paymentMethod = reader.String("paymentMethod", required: false, maxLength: 64);
        return reader.Error is not null ? (null, reader.Error) : (new PurchaseOrder(productId!, quantity ?? 1, isTrial ?? false, paymentMethod), null);
    }

    public static async Task<(int? Quantity, IResult? Error)> ReadQuantityAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(request, QuantityShape);
        if (error is not null)
        {
            return (null, error);
        }

        var reader = new BodyReader(body, "quantity");
        var quantity = reader.Integer("quantity", required: true);
        return (quantity, reader.Error);
    }

    public static async Task<(string? User, IResult? Error)> ReadAssignmentAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(request, AssignmentShape);
        if (error is not null)
        {
            return (null, error);
        }

        var reader = new BodyReader(body, "user");
        var user = reader.String("user", required: true);
        return (user, reader.Error);
    }
}
