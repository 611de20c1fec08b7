using Amazon.Runtime;
using Sec08Policy.Collector.JsonApi;

namespace Sec08Policy.Collector;

/// <summary>Turns SDK failures into short reasons for Unknown facts and error entries. Never includes credentials.</summary>
internal static class AwsErrors
{
    public static string Describe(string operation, Exception error) => error switch
    {
        AmazonServiceException service when !string.IsNullOrEmpty(service.ErrorCode) =>
            $"{operation} failed: {service.ErrorCode}{(string.IsNullOrEmpty(service.Message) ? string.Empty : " (" + FirstLine(service.Message) + ")")}",
        OperationCanceledException or TimeoutException => $"{operation} timed out",
        MalformedResponseException malformed => $"{operation} failed: malformed answer: {FirstLine(malformed.Message)}",
        AmazonClientException client => $"{operation} failed: {FirstLine(client.Message)}",
        HttpRequestException http => $"{operation} failed: {FirstLine(http.Message)}",
        _ => $"{operation} failed: {FirstLine(error.Message)}",
    };

    /// <summary>Failures that concern the call, not sec08: they make a fact unknown instead of stopping the run.</summary>
    public static bool IsCallFailure(Exception error) =>
        error is AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException or OperationCanceledException
            or System.Xml.XmlException or System.Text.Json.JsonException or IOException or MalformedResponseException;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
