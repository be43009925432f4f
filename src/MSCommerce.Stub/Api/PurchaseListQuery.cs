using System.Globalization;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Api;

/// <summary>The query options of a purchase list, checked; and the nextLink that carries them on to the next page.</summary>
public sealed record PurchaseListQuery(
    string? ProductId, string? Purchaser, string? PurchaserState, string? Status, bool? IsTrial, DateTime? CreatedAfter, DateTime? ExpiringBefore,
    bool ExpandOrderHistory, bool ExpandAssignedUsers, int Top, PurchaseCursor? After)
{
    public const int DefaultTop = 100;
    public const int MaxTop = 1000;

    private const string Trial = "Trial";
    private const string Purchase = "Purchase";
    private const string OrderHistory = "orderHistory";
    private const string AssignedUsers = "assignedUsers";

    private static readonly string[] Parameters = ["productId", "purchaser", "purchaserState", "status", "type", "createdAfter", "expiringBefore", "$expand", "$top", "$skiptoken"];

    public static (PurchaseListQuery? Query, IResult? Error) Parse(IQueryCollection query)
    {
        var reader = new QueryReader(query, Parameters);
        var productId = reader.ProductId("productId");
        var purchaser = reader.Text("purchaser");
        var purchaserState = reader.OneOf("purchaserState", PurchaserStates.All);
        var status = reader.OneOf("status", PurchaseStatuses.All);
        var type = reader.OneOf("type", [Purchase, Trial]);
        var createdAfter = reader.Time("createdAfter");
        var expiringBefore = reader.Time("expiringBefore");
        var expand = reader.Text("$expand") is { } list ? Expansions(list, reader) : [];
        var top = reader.Top("$top", DefaultTop, MaxTop);
        var after = reader.SkipTokenCursor("$skiptoken");
        return reader.Error is { } error
            ? (null, error)
            : (new PurchaseListQuery(productId, purchaser, purchaserState, status, type is null ? null : type == Trial, createdAfter, expiringBefore,
                expand.Contains(OrderHistory), expand.Contains(AssignedUsers), top, after), null);
    }

    /// <summary>The store filter for one page: one row more than asked, to know whether another page follows.</summary>
    public PurchaseFilter Filter(string tenantId) => new(tenantId, Top + 1)
    {
        ProductId = ProductId,
        Purchaser = Purchaser,
        PurchaserState = PurchaserState,
        Status = Status,
        IsTrial = IsTrial,
        CreatedAfter = CreatedAfter,
        ExpiringBefore = ExpiringBefore,
        After = After,
    };

    /// <summary>The absolute URL of the page after <paramref name="last"/>, with every option of this one.</summary>
    public string NextLink(HttpRequest request, PurchaseCursor last)
    {
        var parameters = new List<(string Name, string Value)>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parameters.Add((name, value));
            }
        }

        Add("productId", ProductId);
        Add("purchaser", Purchaser);
        Add("purchaserState", PurchaserState);
        Add("status", Status);
        Add("type", IsTrial switch { true => Trial, false => Purchase, null => null });
        Add("createdAfter", CreatedAfter?.ToString("o", CultureInfo.InvariantCulture));
        Add("expiringBefore", ExpiringBefore?.ToString("o", CultureInfo.InvariantCulture));
        Add("$expand", (ExpandOrderHistory, ExpandAssignedUsers) switch
        {
            (true, true) => $"{OrderHistory},{AssignedUsers}",
            (true, false) => OrderHistory,
            (false, true) => AssignedUsers,
            _ => null,
        });
        Add("$top", Top.ToString(CultureInfo.InvariantCulture));
        return SkipToken.NextLink(request, parameters, last);
    }

    private static HashSet<string> Expansions(string list, QueryReader reader)
    {
        var expansions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Split(',', StringSplitOptions.TrimEntries))
        {
            var known = new[] { OrderHistory, AssignedUsers }.FirstOrDefault(name => name.Equals(item, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                reader.Reject($"$expand '{item}' is not one of {OrderHistory}, {AssignedUsers}.");
                return expansions;
            }

            expansions.Add(known);
        }

        return expansions;
    }
}
