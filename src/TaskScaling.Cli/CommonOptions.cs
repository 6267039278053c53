using System.CommandLine;

namespace TaskScaling.Cli;

/// <summary>Options several commands share. Each call makes a fresh instance (an option belongs to one command).</summary>
public static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "The data folder (default: $TASKSCALING_DATA, else ../shared/data relative to the repository root).",
    };

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "Output format.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static Option<string?> Out() => new("--out")
    {
        Description = "Write the output to this file (written whole or not at all) instead of standard output.",
    };
}

public enum OutputFormat { Table, Json, Csv }
