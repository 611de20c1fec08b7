using Sec08Policy.Engine.Catalog.Resources;

namespace Sec08Policy.Cli.Commands;

/// <summary>The resource catalogue as a Markdown page: docs/resources.md is this output, checked by a test.</summary>
internal static class ServicesMarkdown
{
    public static void Write(TextWriter output, ResourceCatalog catalog, IReadOnlyList<ServiceEntry> services)
    {
        var entries = services.SelectMany(s => catalog.OfService(s.Name)).ToList();
        output.Write("""
            # Resource types: what sec08 reads, from where, and what AWS does by default

            This page is generated from sec08's resource catalogue (`engine/Catalog/Resources/resources.json`) by
            `sec08 services --format markdown`; a test keeps it equal to that output. The catalogue is the one list of
            AWS resource types sec08 knows: the input adapters, the evaluator, the binder, the SCP emitter and live
            collection all read it. `sec08 services` prints the same coverage as text.

            For each type it says where a CloudFormation template (and Cloud Control, whose `Properties` have the same
            shape), a Terraform plan and an AWS Config configuration item say whether the resource is encrypted at rest
            and with which key, and what AWS does when nothing is set, with the AWS documentation that says so. Each
            form links the reference its property names come from: the CloudFormation resource reference, the
            Terraform AWS provider's resource page, and the configuration item properties AWS publishes for AWS Config
            (`awslabs/aws-config-resource-schema`, the searchable properties, not every field of an item). The
            native inventory (`sec08-inventory/1`) holds every type in the same shape (see [inputs.md](inputs.md)).

            ## How to read the paths

            Paths are property names joined by dots, relative to the resource's `Properties` (CloudFormation), its
            planned values `change.after` (Terraform) or the configuration item (AWS Config: `configuration.x`,
            `supplementaryConfiguration.Y.z`); a number is an element of a list. Each form is read with the same small
            vocabulary:

            - **by `path`**: the value there decides: each listed value leads to its own outcome, "set" or "any other
              value" covers the rest, "not set" applies when the property is missing, null or empty. Booleans are
              `true` and `false`, in any case; AWS Config property names match in any case.
            - **encrypted with KMS**: a KMS key named by the given property (a key ID, key ARN, alias or alias ARN, or
              a reference to a key of the same template or plan); when none is named, the AWS managed key given, or the
              service's default key.
            - **a key the service owns**: encrypted, but under no KMS key the account manages (SSE-S3, SSE-SQS, ...).
            - **every element of `path`**, **every part**: all must be encrypted; the weakest decides (not encrypted,
              then unknown, then a key the service owns, an AWS managed key, a customer managed key).
            - **nothing to check**: the resource stores no data as configured; its rules are not applicable.
            - **Unknown**: the input cannot tell; the verdict is Unknown with the reason, never Pass.

            A value only deployment or apply knows, or a value of the wrong shape (a list where an object belongs, `1`
            where a Boolean belongs), is Unknown with its path; it counts as encrypted only when every outcome it
            could lead to is encrypted, and then its key is Unknown. In a Terraform plan, a value known only after
            apply that the configuration does not set is the provider's default: "not set".


            """.Replace("            ", string.Empty, StringComparison.Ordinal));
        output.Write("## Services\n\n");
        output.Write("The names policies use in `require NAME for SERVICE, ...` and `usable via`. The create-like actions are what a\n");
        output.Write("preventive requirement's SCP can deny, with the creation-time condition keys each carries; actions\n");
        output.Write("without a usable key are named as detective only when building (SP3006).\n\n");
        output.Write("| service | what | IAM prefix | resource types | create-like actions (condition keys) |\n|---|---|---|---|---|\n");
        foreach (var service in services)
        {
            var types = string.Join("<br>", catalog.OfService(service.Name).Select(e => $"[`{e.Type}`](#{Anchor(e.Type)})"));
            var actions = string.Join("<br>", service.Create.Select(Action));
            output.Write($"| `{service.Name}` | {service.Title}{(service.AlwaysEncrypted is { } always ? $"; {always}" : string.Empty)} | `{service.IamPrefix}` | {types} | {actions} |\n");
        }

        output.Write("\n## Coverage\n\nWhat each input shows of each type. \"none\" says why a form cannot show it.\n\n");
        output.Write("| type | service | CloudFormation | Terraform | AWS Config | live |\n|---|---|---|---|---|---|\n");
        foreach (var entry in entries)
        {
            output.Write($"| [`{entry.Type}`](#{Anchor(entry.Type)}) | `{entry.Service}` | {Cell(ServicesCommand.CloudFormation(entry))} | {Cell(ServicesCommand.Terraform(entry))} | {Cell(ServicesCommand.Config(entry))} | {Cell(ServicesCommand.Live(entry))} |\n");
        }

        output.Write("\n## Types\n");
        foreach (var entry in entries)
        {
            output.Write($"\n### {entry.Type}\n\n{entry.Title}; service `{entry.Service}`.\n\n");
            output.Write($"**When nothing is set.** {entry.WhenUnset.Text} ([AWS documentation]({entry.WhenUnset.Source}))\n");
            if (entry.WhenUnset.Doubt is { } doubt)
            {
                output.Write($"\n**Not confirmed:** {doubt}.\n");
            }
            if (!ServicesCommand.HoldsData(entry))
            {
                output.Write("\nNot a data store: read for its own facts (a key's rotation and manager, an alias's target, an account setting), as described in [inputs.md](inputs.md).\n");
            }

            if (entry.CloudFormation is { Encryption: { } cfn })
            {
                Form(output, $"CloudFormation `{entry.CloudFormation.Type}` (and Cloud Control; [resource reference]({CloudFormationReference(entry.CloudFormation.Type)}))", cfn);
            }

            foreach (var form in entry.Terraform.Where(t => t.Encryption is not null))
            {
                Form(output, $"Terraform `{form.Type}` ([provider documentation]({TerraformReference(form.Type)}))", form.Encryption!);
            }

            foreach (var join in entry.TerraformJoins)
            {
                var match = string.Join(" and ", join.Match.Select(m => $"`{m.Joined}` = the target's `{m.Target}`"));
                Form(output, $"Terraform `{join.Type}` ([provider documentation]({TerraformReference(join.Type)})), applied to the `{join.TargetType}` it names ({match}{(join.Reference is { } r ? $", or a reference in `{r}`" : string.Empty)})", join.Encryption);
            }

            if (entry.Config is { Encryption: { } config })
            {
                var when = entry.Config.When is { } w ? $" where `{w.Path}` is {string.Join(" or ", w.Values.Select(v => $"`{v}`"))}" : string.Empty;
                Form(output, $"AWS Config `{entry.Config.Type}`{when}{(entry.Config.Recorded ? $" ([recorded properties]({ConfigReference(entry.Config.Type)}))" : " (should an item appear)")}", config);
            }

            if (entry.Config is { KeyManager: { } manager, Rotation: { } rotation })
            {
                output.Write($"\nAWS Config `{entry.Config.Type}`: who manages the key from `{manager}` (`CUSTOMER` or `AWS`), automatic rotation from `{rotation}` (`true` or `false`).\n");
            }

            DataForms(output, entry);
            foreach (var (form, gap) in entry.Gaps)
            {
                output.Write($"\n{(form == InputForm.Config ? "AWS Config" : form.ToString())}: {gap}.\n");
            }

            output.Write($"\nLive: {ServicesCommand.Live(entry)}.\n");
        }
    }

    /// <summary>Where each form shows the encryption of the copies and how long the data is kept, for the types that have them.</summary>
    private static void DataForms(TextWriter output, ResourceEntry entry)
    {
        if (!entry.MakesCopies && !entry.KeepsRetention)
        {
            return;
        }

        if (entry.CopiesAndRetention is { } documented)
        {
            output.Write($"\n**Copies and retention.** {documented.Text} ([AWS documentation]({documented.Source}))\n");
        }

        var forms = new List<(string Name, EncryptionSpec? Copies, RetentionSpec? Retention)>();
        if (entry.CloudFormation is { } cfn)
        {
            forms.Add(($"CloudFormation `{cfn.Type}`", cfn.Copies, cfn.Retention));
        }

        forms.AddRange(entry.Terraform.Select(t => ($"Terraform `{t.Type}`", t.Copies, t.Retention)));
        if (entry.Config is { } config)
        {
            forms.Add(($"AWS Config `{config.Type}`", config.Copies, config.Retention));
        }

        foreach (var (name, copies, retention) in forms)
        {
            if (entry.MakesCopies)
            {
                output.Write($"\n{name}, copies (`copies encrypted`):\n\n");
                foreach (var line in copies is null ? ["- Unknown (this form does not show them)"] : EncryptionSpecText.Lines(copies))
                {
                    output.Write(line + "\n");
                }
            }

            if (entry.KeepsRetention)
            {
                output.Write($"\n{name}, retention:\n\n");
                foreach (var line in retention is null ? ["- Unknown (this form does not show it)"] : RetentionSpecText.Lines(retention))
                {
                    output.Write(line + "\n");
                }
            }
        }
    }

    private static void Form(TextWriter output, string title, EncryptionSpec spec)
    {
        output.Write($"\n{title}:\n\n");
        foreach (var line in EncryptionSpecText.Lines(spec))
        {
            output.Write(line + "\n");
        }
    }

    private static string Action(CreateAction action)
    {
        var keys = new List<string>();
        if (action.Encrypted is { } encrypted)
        {
            keys.Add($"`{encrypted}`{(action.EncryptedResource == "*" ? string.Empty : $" on `{action.EncryptedResource}`")}");
        }

        foreach (var disabling in action.DisabledBy)
        {
            keys.Add($"`{disabling.Key}`");
        }

        if (action.CustomerKey is { } key)
        {
            keys.Add($"`{key}`");
        }

        if (action.Tags)
        {
            keys.Add("request tags");
        }
        else if (action.TagsNote is { } note)
        {
            keys.Add($"request tags not relied on: {note}");
        }

        return $"`{action.Action}`{(keys.Count == 0 ? string.Empty : $" ({string.Join(", ", keys)})")}";
    }

    /// <summary>The CloudFormation resource reference page of a type: <c>AWS::SQS::Queue</c> is <c>aws-resource-sqs-queue.html</c>.</summary>
    private static string CloudFormationReference(string type) =>
        $"https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-{type["AWS::".Length..].Replace("::", "-", StringComparison.Ordinal).ToLowerInvariant()}.html";

    /// <summary>The AWS provider's page of a Terraform resource type, named without its <c>aws_</c> prefix.</summary>
    private static string TerraformReference(string type) =>
        $"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/{type["aws_".Length..]}";

    /// <summary>The properties AWS publishes for a Config resource type (the searchable configuration item properties).</summary>
    private static string ConfigReference(string type) =>
        $"https://github.com/awslabs/aws-config-resource-schema/blob/HEAD/config/properties/resource-types/{type}.properties.json";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>The anchor GitHub makes for a heading: lower case, `::` dropped to nothing.</summary>
    private static string Anchor(string type) => type.ToLowerInvariant().Replace("::", string.Empty, StringComparison.Ordinal);
}
