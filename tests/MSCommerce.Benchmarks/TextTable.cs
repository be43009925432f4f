namespace MSCommerce.Benchmarks;

/// <summary>A plain-text table: columns as wide as their widest cell, separated by " | ".</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [headers];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Print(TextWriter writer)
    {
        var widths = Enumerable.Range(0, headers.Length).Select(column => _rows.Max(row => column < row.Length ? row[column].Length : 0)).ToArray();
        for (var index = 0; index < _rows.Count; index++)
        {
            writer.WriteLine(string.Join(" | ", _rows[index].Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
            if (index == 0)
            {
                writer.WriteLine(string.Join("-|-", widths.Select(width => new string('-', width))));
            }
        }
    }
}
