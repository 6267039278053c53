namespace TaskScaling.Cli.Commands;

/// <summary>Which part of a prediction a command shows.</summary>
internal enum LadderView { Chained, Step1, Step2 }
