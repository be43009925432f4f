using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Http;
using MSCommerce.Client.Partners;

namespace MSCommerce.Client
{
    /// <summary>A partner's customers, from Microsoft Graph's GDAP resources.</summary>
    public sealed partial class CommerceClient
    {
        /// <summary>The handler factory the client owns; customers' clients share its connection pool.</summary>
        internal HttpHandlerFactory Handlers => _handlers;

        /// <summary>
        /// The signed-in partner's customers (GET /v1.0/tenantRelationships/delegatedAdminCustomers) with what their
        /// relationships grant (.../delegatedAdminRelationships): an active one's roles, else the last one's status.
        /// Read with a Graph token of the same sign-in, every page followed. Ordered by name.
        /// </summary>
        public async Task<IReadOnlyList<PartnerCustomer>> GetPartnerCustomersAsync(RequestContext? context, CancellationToken cancellationToken)
        {
            var graph = EnsureTrailingSlash(Options.GraphEndpoint);
            var customers = await GraphListAsync<CustomerDto>(graph, "v1.0/tenantRelationships/delegatedAdminCustomers", context, cancellationToken).ConfigureAwait(false);
            var relationships = await GraphListAsync<RelationshipDto>(graph, "v1.0/tenantRelationships/delegatedAdminRelationships", context, cancellationToken).ConfigureAwait(false);
            var byCustomer = relationships.Where(item => item.Customer?.TenantId != null).ToLookup(item => item.Customer!.TenantId!, StringComparer.OrdinalIgnoreCase);
            var names = customers.Where(item => item.TenantId != null).GroupBy(item => item.TenantId!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.First().DisplayName, StringComparer.OrdinalIgnoreCase);
            foreach (var relationship in relationships)
            {
                if (relationship.Customer?.TenantId is string id && !names.ContainsKey(id))
                {
                    names[id] = relationship.Customer.DisplayName;
                }
            }

            return names.Select(customer => Customer(customer.Key, customer.Value, byCustomer[customer.Key].ToList()))
                .OrderBy(customer => customer.TenantName, StringComparer.CurrentCultureIgnoreCase).ThenBy(customer => customer.TenantId, StringComparer.Ordinal).ToList();
        }

        private static PartnerCustomer Customer(string tenantId, string? name, IReadOnlyList<RelationshipDto> relationships)
        {
            var active = relationships.Where(item => string.Equals(item.Status, "active", StringComparison.OrdinalIgnoreCase)).ToList();
            if (active.Count > 0)
            {
                var roles = active.SelectMany(item => item.AccessDetails?.UnifiedRoles ?? new List<RoleDto>()).Select(role => role.RoleDefinitionId)
                    .Where(role => !string.IsNullOrEmpty(role)).Select(role => PolicyRoles.NameOf(role!)).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(role => role, StringComparer.Ordinal).ToList();
                return new PartnerCustomer(tenantId, name ?? tenantId, "active", active.Max(item => item.EndDateTime), roles);
            }

            var last = relationships.OrderByDescending(item => item.EndDateTime ?? DateTimeOffset.MinValue).FirstOrDefault();
            return new PartnerCustomer(tenantId, name ?? tenantId, last?.Status ?? "none", last?.EndDateTime, Array.Empty<string>());
        }

        private async Task<List<T>> GraphListAsync<T>(Uri graph, string path, RequestContext? context, CancellationToken cancellationToken)
            where T : class
        {
            var items = new List<T>();
            string? address = new Uri(graph, path).AbsoluteUri;
            while (address != null)
            {
                var (page, correlationId) = await SendAsync<GraphListDto<T>>(HttpMethod.Get, address, null, context, cancellationToken, CommerceClientOptions.GraphResource).ConfigureAwait(false);
                items.AddRange(page.Value.Where(item => item != null));
                address = SameOrigin(page.NextLink, graph, address, correlationId);
            }

            return items;
        }

        private sealed class GraphListDto<T>
        {
            public List<T> Value { get; set; } = new List<T>();

            [JsonPropertyName("@odata.nextLink")]
            public string? NextLink { get; set; }
        }

        private sealed class CustomerDto
        {
            public string? TenantId { get; set; }
            public string? DisplayName { get; set; }
        }

        private sealed class RelationshipDto
        {
            public string? Status { get; set; }
            public DateTimeOffset? EndDateTime { get; set; }
            public RelationshipCustomerDto? Customer { get; set; }
            public AccessDetailsDto? AccessDetails { get; set; }
        }

        private sealed class RelationshipCustomerDto
        {
            public string? TenantId { get; set; }
            public string? DisplayName { get; set; }
        }

        private sealed class AccessDetailsDto
        {
            public List<RoleDto>? UnifiedRoles { get; set; }
        }

        private sealed class RoleDto
        {
            public string? RoleDefinitionId { get; set; }
        }
    }
}
