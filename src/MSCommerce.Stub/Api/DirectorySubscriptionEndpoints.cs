using System.Globalization;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Api;

/// <summary>
/// Microsoft Graph's GET /v1.0/directory/subscriptions over the same purchases: self-service ones
/// (ownerType User) and central ones (Organization), keyset-paged like the purchase list. Tokens for
/// it carry Graph's audience (checked in <see cref="ApiPipeline"/>).
/// </summary>
public static class DirectorySubscriptionEndpoints
{
    public const int DefaultTop = 100;
    public const int MaxTop = 999;

    public static void MapDirectorySubscriptions(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1.0/directory/subscriptions", List);

    private static IResult List(HttpContext context, PurchaseStore store)
    {
        var caller = context.Caller();
        if (!PurchaseAccess.CanReadAll(caller))
        {
            return ServiceErrors.Forbidden(PurchaseAccess.ListRefusal("the tenant's subscriptions"));
        }

        var reader = new QueryReader(context.Request.Query, ["$top", "$skiptoken"]);
        var top = reader.Top("$top", DefaultTop, MaxTop);
        var after = reader.SkipTokenCursor("$skiptoken");
        if (reader.Error is { } error)
        {
            return error;
        }

        var rows = store.List(new PurchaseFilter(caller.TenantId, top + 1) { IncludeOrganization = true, After = after });
        var page = rows.Take(top).ToList();
        var request = context.Request;
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var nextLink = rows.Count > top
            ? SkipToken.NextLink(request, [("$top", top.ToString(CultureInfo.InvariantCulture))], new PurchaseCursor(page[^1].PurchaseDate, page[^1].SubscriptionId))
            : null;
        return Results.Ok(new CompanySubscriptionPage($"{root}/v1.0/$metadata#directory/subscriptions", page.Select(GraphSubscriptionJson.Item).ToList(), nextLink));
    }
}
