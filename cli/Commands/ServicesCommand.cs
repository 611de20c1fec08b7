using System.CommandLine;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// <c>sec08 services [SERVICE...] [--format text|markdown]</c>: the services policies can name, the resource types each
/// covers, and which inputs show them, from the resource catalogue. The Markdown form is docs/resources.md.
/// </summary>
internal static class ServicesCommand
{
    public static Command Create(CliContext context)
    {
        var names = new Argument<string[]>("SERVICE") { Description = "services to show (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format") { Description = "output format; markdown includes the paths each input is read from", DefaultValueFactory = _ => "text" };
        OptionValues.OneOf(format, "text", "markdown");
        var command = new Command(
            "services",
            "List the services policies can name, the AWS resource types each covers, and whether CloudFormation templates, "
            + "Terraform plans, AWS Config items and live collection show them.\n"
            + "Exit codes: 0 listed, 3 usage or an unknown service.")
        {
            names,
            format,
        };
        command.SetAction(parse => Run(parse.GetValue(names) ?? [], parse.GetValue(format)!, context));
        return command;
    }

    private static int Run(string[] names, string format, CliContext context)
    {
        var catalog = ResourceCatalog.Default;
        foreach (var name in names.Where(n => catalog.FindService(n) is null))
        {
            var suggestion = NameSuggester.Suggest(name, catalog.Services.Select(s => s.Name));
            context.Error.Write($"sec08: error: unknown service `{name}`{(suggestion is null ? string.Empty : $"; did you mean `{suggestion}`?")}\n");
            return ExitCodes.UsageOrInput;
        }

        var services = names.Length == 0 ? [.. catalog.Services] : catalog.Services.Where(s => names.Contains(s.Name, StringComparer.Ordinal)).ToList();
        if (format == "markdown")
        {
            ServicesMarkdown.Write(context.Out, catalog, services);
            return ExitCodes.Success;
        }

        foreach (var service in services)
        {
            context.Out.Write($"{service.Name}: {service.Title} (IAM prefix {service.IamPrefix})\n");
            foreach (var entry in catalog.OfService(service.Name))
            {
                context.Out.Write($"  {entry.Type}: {entry.Title}\n");
                context.Out.Write($"    CloudFormation  {CloudFormation(entry)}\n");
                context.Out.Write($"    Terraform       {Terraform(entry)}\n");
                context.Out.Write($"    AWS Config      {Config(entry)}\n");
                context.Out.Write($"    live            {Live(entry)}\n");
            }
        }

        var types = services.Sum(s => catalog.OfService(s.Name).Count());
        context.Out.Write($"{Counted.Of(services.Count, "service")}, {Counted.Of(types, "resource type")}\n");
        return ExitCodes.Success;
    }

    internal static string CloudFormation(ResourceEntry entry) =>
        entry.CloudFormation is { } form ? form.Type : $"none: {entry.Gaps[InputForm.CloudFormation]}";

    internal static string Terraform(ResourceEntry entry) =>
        entry.Terraform.IsEmpty
            ? $"none: {entry.Gaps[InputForm.Terraform]}"
            : string.Join(", ", entry.Terraform.Select(t => t.Type))
              + (entry.TerraformJoins.IsEmpty ? string.Empty : $"; encryption also from {string.Join(", ", entry.TerraformJoins.Select(j => j.Type))}");

    internal static string Config(ResourceEntry entry) => entry.Config switch
    {
        { Recorded: true } form => form.Type + (form.When is { } when ? $" where `{when.Path}` is {string.Join(" or ", when.Values.Select(v => $"`{v}`"))}" : string.Empty),
        _ => $"none: {entry.Gaps[InputForm.Config]}",
    };

    internal static string Live(ResourceEntry entry)
    {
        var sources = new List<string>();
        if (entry.Live.Collector is not null)
        {
            sources.Add("sec08 collect");
        }

        if (entry.Live.Api is { } api)
        {
            sources.Add($"sec08 collect through {api}");
        }

        if (entry.Live is { CloudControl: { } type, Listing: not CloudControlListing.None } live)
        {
            sources.Add(live.Parent is { } parent ? $"Cloud Control {type} under each {parent.Type}"
                : live.Listing == CloudControlListing.AccountId ? $"Cloud Control {type} by the account's ID"
                : $"Cloud Control {type}");
        }

        if (entry.Config is { Recorded: true })
        {
            sources.Add("AWS Config");
        }

        var note = entry.Live.Note is { } text ? $" ({text})" : string.Empty;
        return sources.Count == 0 ? $"not read yet{note}" : string.Join("; ", sources) + note;
    }

    internal static bool HoldsData(ResourceEntry entry) => entry.Kind == ResourceKind.DataStore;
}
