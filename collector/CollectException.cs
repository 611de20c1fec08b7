namespace Sec08Policy.Collector;

/// <summary>Collection cannot start or failed everywhere (no credentials, every Region unreachable).</summary>
public sealed class CollectException(string message, Exception? inner = null) : Exception(message, inner);
