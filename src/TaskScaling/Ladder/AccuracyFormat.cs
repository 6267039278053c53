namespace TaskScaling.Ladder;

/// <summary>Which accuracy columns of a task: ranked classification (RC, the default) or multiple choice (MC).</summary>
public enum AccuracyFormat { Rc, Mc }
