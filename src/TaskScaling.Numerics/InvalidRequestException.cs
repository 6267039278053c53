namespace TaskScaling;

/// <summary>A request that cannot be met with the data given (unknown family, too few points, ...).</summary>
public class InvalidRequestException(string message) : Exception(message);
