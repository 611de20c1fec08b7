using System.Collections;
using System.Reflection;
using System.Text;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Tests.Infrastructure;

/// <summary>
/// Dumps a syntax tree as indented text without spans, so two trees can be compared for equal structure and values
/// whatever their layout (the formatter's round-trip property).
/// </summary>
internal static class TreePrinter
{
    public static string Print(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int depth)
    {
        var indent = new string(' ', depth * 2);
        switch (value)
        {
            case null:
                builder.Append(indent).Append("null\n");
                break;
            case SyntaxNode node:
                builder.Append(indent).Append(node.GetType().Name).Append('\n');
                foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (property.PropertyType == typeof(TextSpan) || property.Name == "EqualityContract")
                    {
                        continue;
                    }

                    builder.Append(indent).Append("  .").Append(property.Name).Append(":\n");
                    Write(builder, property.GetValue(node), depth + 2);
                }

                break;
            case string text:
                builder.Append(indent).Append('"').Append(text).Append("\"\n");
                break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    Write(builder, item, depth);
                }

                break;
            default:
                builder.Append(indent).Append(value).Append('\n');
                break;
        }
    }
}
