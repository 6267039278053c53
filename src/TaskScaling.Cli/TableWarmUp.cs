using Spectre.Console;

namespace TaskScaling.Cli;

/// <summary>
/// Start-up: a command that will print a table draws a small one first on another thread, to nothing, while the
/// command reads and fits. Spectre.Console's drawing code is mostly generic code over its own value types that
/// ReadyToRun cannot precompile, so the first table costs ~100 ms of JIT; drawn on the idle core it overlaps the
/// work instead of following it (docs/engine.md, start-up).
/// </summary>
internal static class TableWarmUp
{
    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(_ => Draw(), null);

    private static void Draw()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No,
        });
        console.Profile.Width = CliOutput.RedirectedWidth;
        var table = new Table().Border(TableBorder.Rounded).Caption("caption");
        table.AddColumns("Task", "Two-line\nheader");
        table.AddRow(new Text("mmlu"), new Text("0.5"));
        console.Write(new Text("title\n"));
        console.Write(table);
        console.Write(new Markup("  [yellow]note[/]\n"));
    }
}
