namespace TaskScaling.Ladder;

/// <summary>Which accuracy columns of a task: ranked classification (RC, the default) or multiple choice (MC).</summary>
internal enum AccuracyFormat { Rc, Mc }
