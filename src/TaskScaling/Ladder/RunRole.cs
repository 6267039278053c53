namespace TaskScaling.Ladder;

/// <summary>What a run is for: a small ladder run that the laws are fitted on, or a large target to predict.</summary>
public enum RunRole { Ladder, Target }
