using System.Net;
using Amazon.Runtime;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>An error answer of a JSON-protocol service, with the code AWS gave (<c>ThrottlingException</c>, ...).</summary>
internal sealed class JsonApiException(string message, string errorCode, string? requestId, HttpStatusCode status)
    : AmazonServiceException(message, null, (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender, errorCode, requestId, status);
