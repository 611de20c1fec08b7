using System.Text.Json;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Engine.Verification;

namespace Sec08Policy.Cli.Commands;

/// <summary>What <c>authorize</c> prints: for each request both answers and whether they agree, as text or JSON.</summary>
internal static class AuthorizeReport
{
    public static void WriteText(TextWriter writer, IReadOnlyList<(int Line, DecisionPair Pair)> answers, string? file)
    {
        foreach (var (line, pair) in answers)
        {
            if (file is not null)
            {
                writer.WriteLine($"{file}:{line}: {pair.Request.Principal} {pair.Request.Action} {pair.Request.Resource}");
            }

            writer.WriteLine($"language:  {Language(pair.Language)}");
            writer.WriteLine($"documents: {pair.Documents}");
            writer.WriteLine(pair.Agree ? "the answers agree" : "the answers DISAGREE");
        }

        if (file is not null)
        {
            var disagreements = answers.Count(a => !a.Pair.Agree);
            writer.WriteLine($"{answers.Count} request{(answers.Count == 1 ? string.Empty : "s")}: {answers.Count - disagreements} agree, {disagreements} disagree");
        }
    }

    /// <summary>One line: <c>Allowed by allow team_data_access: when (policies/access.sec08(13,1))</c>.</summary>
    public static string Language(AccessDecision decision) =>
        decision.Clauses.IsEmpty
            ? $"{decision.Outcome}: {decision.Reason}"
            : $"{decision.Outcome} by {string.Join("; ", decision.Clauses)}";

    public static void WriteJson(Stream stream, IReadOnlyList<(int Line, DecisionPair Pair)> answers, string? file)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", "sec08-authorize/1");
        json.WriteStartArray("requests");
        foreach (var (line, pair) in answers)
        {
            json.WriteStartObject();
            if (file is not null)
            {
                json.WriteNumber("line", line);
            }

            WriteRequest(json, pair.Request);
            json.WriteStartObject("language");
            json.WriteString("decision", pair.Language.Outcome.ToString());
            json.WriteStartArray("clauses");
            foreach (var clause in pair.Language.Clauses)
            {
                json.WriteStartObject();
                json.WriteString("source", clause.Source);
                json.WriteString("clause", clause.Clause);
                if (clause.Origin is { } origin)
                {
                    json.WriteString("at", origin.ToString());
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (pair.Language.Reason is { } reason)
            {
                json.WriteString("reason", reason);
            }

            json.WriteEndObject();
            json.WriteStartObject("documents");
            json.WriteString("decision", pair.Documents.Outcome.ToString());
            json.WriteStartArray("statements");
            foreach (var statement in pair.Documents.Statements)
            {
                json.WriteStartObject();
                json.WriteString("document", statement.Document.Name);
                json.WriteNumber("index", statement.Index + 1);
                if (statement.Sid is { } sid)
                {
                    json.WriteString("sid", sid);
                }

                json.WriteString("effect", statement.Effect.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (pair.Documents.Outcome == IamDecisionOutcome.ImplicitlyDenied)
            {
                json.WriteString("reason", pair.Documents.ToString()["ImplicitlyDenied: ".Length..]);
            }

            json.WriteEndObject();
            json.WriteBoolean("agree", pair.Agree);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("disagreements", answers.Count(a => !a.Pair.Agree));
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteRequest(Utf8JsonWriter json, AccessRequest request)
    {
        json.WriteStartObject("request");
        json.WriteString("principal", request.Principal);
        WriteMap(json, "principal_tags", request.PrincipalTags);
        json.WriteString("action", request.Action);
        json.WriteString("resource", request.Resource);
        WriteMap(json, "resource_tags", request.ResourceTags);
        WriteMap(json, "context", request.Context);
        json.WriteBoolean("s3_bucket_abac", request.S3BucketAbac);
        json.WriteString("time", request.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
