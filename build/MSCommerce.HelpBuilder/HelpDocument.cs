namespace MSCommerce.HelpBuilder;

/// <summary>The help of one cmdlet as its Markdown file states it.</summary>
public sealed class HelpDocument
{
    public required string CommandName { get; init; }
    public string Synopsis { get; set; } = "";
    public string Description { get; set; } = "";
    public List<HelpExample> Examples { get; } = [];
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<HelpTypeNote> Inputs { get; } = [];
    public List<HelpTypeNote> Outputs { get; } = [];
    public string Notes { get; set; } = "";
    public List<string> RelatedLinks { get; } = [];
}

public sealed record HelpExample(string Title, string Code, string Remarks);

public sealed record HelpTypeNote(string TypeName, string Description);
