using System.Management.Automation.Host;

namespace MSCommerce.EngineHost;

/// <summary>A fixed 120-column window: enough for the module's table views, and stable for tests.</summary>
public sealed class ShellRawUserInterface : PSHostRawUserInterface
{
    private const int Width = 120;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get; set; } = new(Width, 3000);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 25;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(Width, 100);
    public override Size MaxWindowSize => new(Width, 100);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(Width, 50);
    public override string WindowTitle { get; set; } = "MSCommerce";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("This host keeps no screen buffer.");
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host cannot read single keys.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
