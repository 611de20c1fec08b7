namespace Sec08Policy.Collector.JsonApi;

/// <summary>An answer that is not what the API promises (not JSON, or a member of the wrong shape).</summary>
internal sealed class MalformedResponseException(string message, Exception? inner = null) : Exception(message, inner);
