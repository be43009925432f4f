using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace MSCommerce.Client.Purchases
{
    /// <summary>
    /// A read-only list whose text is its items' text, joined with "; ": what Export-Csv and string
    /// conversions write for a purchase's order history or assigned users, instead of the list's type name.
    /// </summary>
    internal sealed class TextList<T> : ReadOnlyCollection<T>
    {
        public TextList(IList<T> items)
            : base(items)
        {
        }

        /// <inheritdoc />
        public override string ToString() => string.Join("; ", this);
    }

    internal static class TextListExtensions
    {
        public static TextList<T> ToTextList<T>(this IEnumerable<T> items) => new TextList<T>(new List<T>(items));
    }
}
