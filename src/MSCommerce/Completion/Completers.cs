using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MSCommerce.Client.Policies;
using MSCommerce.Connections;

namespace MSCommerce.Completion
{
    /// <summary>Completes from a fixed or cached list, wildcard-matching what is typed and quoting where needed.</summary>
    public abstract class ListCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
            return Candidates(fakeBoundParameters)
                .Where(candidate => pattern.IsMatch(candidate.Value) || (candidate.Tooltip != null && pattern.IsMatch(candidate.Tooltip)))
                .OrderBy(candidate => candidate.Value, StringComparer.OrdinalIgnoreCase)
                .Select(candidate => new CompletionResult(Quote(candidate.Value), ListItemText(candidate.Value, candidate.Tooltip), CompletionResultType.ParameterValue, candidate.Tooltip ?? candidate.Value));
        }

        protected abstract IEnumerable<(string Value, string? Tooltip)> Candidates(IDictionary fakeBoundParameters);

        /// <summary>What the completion menu lists for a candidate; the value alone unless a completer says more.</summary>
        protected virtual string ListItemText(string value, string? tooltip) => value;

        private static string Quote(string value) =>
            value.Any(c => char.IsWhiteSpace(c) || "'\"$`;(){}[]|&,@#".IndexOf(c) >= 0) ? "'" + value.Replace("'", "''") + "'" : value;
    }

    public sealed class PolicyIdCompleter : ListCompleter
    {
        protected override IEnumerable<(string, string?)> Candidates(IDictionary fakeBoundParameters) =>
            new[] { (PolicyValues.AllowSelfServicePurchase, (string?)"Allow or block self-service purchase and trials") };
    }

    public sealed class OfferTypeCompleter : ListCompleter
    {
        protected override IEnumerable<(string, string?)> Candidates(IDictionary fakeBoundParameters) =>
            PolicyValues.KnownOfferTypes.Select(type => (type, (string?)null));
    }

    /// <summary>
    /// Product ids with their names as tooltips, from the connection's cached catalog: filled by any listing, or read in
    /// the background from the first completion that finds it empty. That completion waits for the read a moment only, so
    /// Tab never blocks the prompt on a slow service: it offers what is known, and a later Tab offers the rest.
    /// </summary>
    public sealed class ProductIdCompleter : ListCompleter
    {
        /// <summary>Long enough for a nearby service to answer, short enough that the prompt does not stall (Tab stays under ~200 ms).</summary>
        private static readonly TimeSpan FirstReadWait = TimeSpan.FromMilliseconds(150);

        protected override IEnumerable<(string, string?)> Candidates(IDictionary fakeBoundParameters)
        {
            var connection = fakeBoundParameters["Connection"] as MSCommerceConnection ?? (fakeBoundParameters["Connection"] as PSObject)?.BaseObject as MSCommerceConnection ?? RunspaceConnections.Current;
            if (connection == null)
            {
                return Enumerable.Empty<(string, string?)>();
            }

            return connection.CatalogWithin(FirstReadWait).Select(product => (product.Key, (string?)product.Value));
        }

        /// <summary>The menu shows which product an id is, as "CFQ7TTC0H9MP (Power BI Pro)"; Tab inserts the id alone.</summary>
        protected override string ListItemText(string value, string? tooltip) => tooltip == null ? value : $"{value} ({tooltip})";
    }
}
