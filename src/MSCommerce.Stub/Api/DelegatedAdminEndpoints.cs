using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MSCommerce.Stub.Identity;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Api;

/// <summary>
/// Microsoft Graph's GDAP resources for a partner tenant: GET /v1.0/tenantRelationships/delegatedAdminCustomers
/// and .../delegatedAdminRelationships, keyset-paged by customer with $top and $skiptoken. Tokens for them carry
/// Graph's audience (checked in <see cref="ApiPipeline"/>); the caller's tenant is the partner.
/// </summary>
public static class DelegatedAdminEndpoints
{
    public const string Prefix = "/v1.0/tenantRelationships";
    public const int DefaultTop = 100;
    public const int MaxTop = 300;

    public static void MapDelegatedAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Prefix + "/delegatedAdminRelationships", (HttpContext context, CustomerRelationships relationships) =>
            List(context, relationships, "delegatedAdminRelationships", Relationship));
        routes.MapGet(Prefix + "/delegatedAdminCustomers", (HttpContext context, CustomerRelationships relationships) =>
            List(context, relationships, "delegatedAdminCustomers", Customer));
    }

    private static IResult List(HttpContext context, CustomerRelationships relationships, string resource, Func<RelationshipView, JsonObject> item)
    {
        var caller = context.Caller();
        if (CustomerRelationships.CanRead(caller) is { Allowed: false } refusal)
        {
            return ServiceErrors.Forbidden(refusal.Reason!);
        }

        var reader = new QueryReader(context.Request.Query, ["$top", "$skiptoken"]);
        var top = reader.Top("$top", DefaultTop, MaxTop);
        var after = AfterCustomer(reader);
        if (reader.Error is { } error)
        {
            return error;
        }

        var rows = relationships.Page(caller.TenantId, after, top + 1);
        var page = rows.Take(top).ToList();
        var request = context.Request;
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var answer = new JsonObject
        {
            ["@odata.context"] = $"{root}/v1.0/$metadata#tenantRelationships/{resource}",
            ["value"] = new JsonArray(page.Select(view => (JsonNode)item(view)).ToArray()),
        };
        if (rows.Count > top)
        {
            var token = Base64Url.Encode(Encoding.UTF8.GetBytes(page[^1].Customer.TenantId));
            answer["@odata.nextLink"] = $"{root}{request.Path}?$top={top.ToString(CultureInfo.InvariantCulture)}&$skiptoken={token}";
        }

        return Results.Content(answer.ToJsonString(), "application/json");
    }

    private static string? AfterCustomer(QueryReader reader)
    {
        if (reader.Text("$skiptoken", 512) is not { } token)
        {
            return null;
        }

        try
        {
            var tenantId = new UTF8Encoding(false, true).GetString(Base64Url.Decode(token));
            if (tenantId.Length is > 0 and <= 64)
            {
                return tenantId;
            }
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
        }

        reader.Reject("$skiptoken is not a token this service issued; start again from the first page.");
        return null;
    }

    private static JsonObject Customer(RelationshipView view) => new()
    {
        ["@odata.type"] = "#microsoft.graph.delegatedAdminCustomer",
        ["id"] = view.Customer.TenantId,
        ["tenantId"] = view.Customer.TenantId,
        ["displayName"] = view.Customer.DisplayName,
    };

    private static JsonObject Relationship(RelationshipView view)
    {
        var relationship = view.Relationship;
        return new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.delegatedAdminRelationship",
            ["id"] = relationship.RelationshipId,
            ["displayName"] = $"GDAP {view.Customer.DisplayName}",
            ["duration"] = "P730D",
            ["status"] = view.Status,
            ["autoExtendDuration"] = "PT0S",
            ["createdDateTime"] = Time(relationship.CreatedAt),
            ["activatedDateTime"] = Time(relationship.CreatedAt),
            ["lastModifiedDateTime"] = Time(relationship.CreatedAt),
            ["endDateTime"] = Time(relationship.EndsAt),
            ["customer"] = new JsonObject { ["tenantId"] = view.Customer.TenantId, ["displayName"] = view.Customer.DisplayName },
            ["accessDetails"] = new JsonObject
            {
                ["unifiedRoles"] = new JsonArray(view.UnifiedRoles.Select(role => (JsonNode)new JsonObject { ["roleDefinitionId"] = role }).ToArray()),
            },
        };
    }

    private static string Time(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
